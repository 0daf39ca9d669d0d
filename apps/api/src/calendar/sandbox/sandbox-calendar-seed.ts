import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { sandboxOwner as sandboxMailOwner } from '../../sandbox/sandbox-mail-seed';
import { AttendeeResponseStatus, EventStatus, ReminderMethod, type EventAttendee } from '../calendar.types';
import { SandboxCalendar, SandboxEvent } from './sandbox-calendar.entity';

/** The account a SANDBOX integration acts as in its calendars: the owner of the sandbox mailbox. */
export const sandboxOwner = { email: sandboxMailOwner.address, name: sandboxMailOwner.name };

const people = [
  ['Grace Hopper', 'grace.hopper@example.com'],
  ['Alan Turing', 'alan.turing@example.org'],
  ['Katherine Johnson', 'katherine.johnson@example.com'],
  ['Edsger Dijkstra', 'edsger.dijkstra@example.net'],
  ['Barbara Liskov', 'barbara.liskov@example.com'],
  ['Donald Knuth', 'donald.knuth@example.org'],
  ['Margaret Hamilton', 'margaret.hamilton@example.com'],
  ['Tim Berners-Lee', 'tim.berners-lee@example.net'],
  ['Radia Perlman', 'radia.perlman@example.com'],
  ['Ken Thompson', 'ken.thompson@example.org'],
  ['Frances Allen', 'frances.allen@example.com'],
  ['Linus Torvalds', 'linus.torvalds@example.net'],
] as const;

const meetingTitles = [
  'Design review',
  'Customer call',
  'Sprint planning',
  'Architecture discussion',
  'Interview: backend engineer',
  'Budget check-in',
  'Roadmap workshop',
  'Incident post-mortem',
  'Vendor demo',
  'Lunch with the data team',
  'Security review',
  'Hiring sync',
  'Product walkthrough',
  'Release go/no-go',
  'Pairing session',
];
const personalTitles = ['Dentist', 'Dinner with friends', 'Piano lesson', 'Car service', 'Call parents', 'Book club'];
const locations = ['Room Ada (2nd floor)', 'Room Hopper', 'Main kitchen', 'Online', 'Café Central, Herrengasse 14', 'Building B, room 4.12'];
const responses = [AttendeeResponseStatus.ACCEPTED, AttendeeResponseStatus.ACCEPTED, AttendeeResponseStatus.TENTATIVE, AttendeeResponseStatus.DECLINED, AttendeeResponseStatus.NEEDS_ACTION];

/** mulberry32: a small, fast PRNG, so that the same seed yields the same sandbox. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives a UUID-shaped id from the integration and a label, so that seeding twice makes the same rows. */
function stableId(integrationId: string, label: string): string {
  const hex = createHash('sha256').update(`${integrationId}:${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SandboxCalendarSeed {
  calendars: SandboxCalendar[];
  events: SandboxEvent[];
}

/**
 * Builds the calendars and events of a new SANDBOX integration: four calendars and about a
 * hundred events from eight weeks before to eight weeks after `anchor` (the Monday of the
 * week of first access), with attendees and their responses, all-day events and recurring
 * series. The same integration id and anchor always give the same data.
 */
export function seedSandboxCalendar(integrationId: string, anchor: DateTime, now: Date): SandboxCalendarSeed {
  const next = random(createHash('sha256').update(integrationId).digest().readUInt32BE(0));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const zone = 'Europe/Berlin';
  const monday = anchor.setZone(zone).startOf('week');

  const calendar = (position: number, name: string, fields: Partial<SandboxCalendar>): SandboxCalendar =>
    Object.assign(new SandboxCalendar(), {
      id: stableId(integrationId, `calendar:${position}`),
      integrationId,
      name,
      description: null,
      timeZone: zone,
      color: null,
      isPrimary: false,
      canEdit: true,
      position,
      createdAt: now,
      ...fields,
    });
  const work = calendar(0, 'Work', { isPrimary: true, color: '#4285f4', description: 'Meetings and focus time.' });
  const personal = calendar(1, 'Personal', { color: '#33b679' });
  const launches = calendar(2, 'Team launches', { color: '#f4511e', canEdit: false, description: 'Shared by the product team; read-only.' });
  const holidays = calendar(3, 'Public holidays', { color: '#0b8043', canEdit: false });

  const events: SandboxEvent[] = [];
  const attendeesFor = (count: number, organizer: { email: string; name: string }): EventAttendee[] => {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(next() * people.length));
    const invited = [...chosen].map(
      (index): EventAttendee => ({
        email: people[index][1],
        name: people[index][0],
        responseStatus: pick(responses),
        optional: next() < 0.15,
        organizer: people[index][1] === organizer.email,
        self: false,
        resource: false,
        comment: next() < 0.1 ? 'Running 5 minutes late' : null,
        additionalGuests: 0,
      }),
    );
    const self: EventAttendee = {
      email: sandboxOwner.email,
      name: sandboxOwner.name,
      responseStatus: organizer.email === sandboxOwner.email ? AttendeeResponseStatus.ACCEPTED : pick(responses),
      optional: false,
      organizer: organizer.email === sandboxOwner.email,
      self: true,
      resource: false,
      comment: null,
      additionalGuests: 0,
    };
    return [self, ...invited];
  };
  const add = (calendarRow: SandboxCalendar, fields: Partial<SandboxEvent> & { title: string; start: DateTime; end: DateTime; allDay?: boolean }) => {
    const { start, end, allDay = false, ...rest } = fields;
    events.push(
      Object.assign(new SandboxEvent(), {
        id: stableId(integrationId, `event:${events.length}`),
        integrationId,
        calendarId: calendarRow.id,
        description: null,
        location: null,
        allDay,
        startAt: start.toUTC().toJSDate(),
        endAt: end.toUTC().toJSDate(),
        startDate: allDay ? start.toISODate() : null,
        endDate: allDay ? end.toISODate() : null,
        timeZone: zone,
        attendees: [],
        organizer: { email: sandboxOwner.email, name: sandboxOwner.name, self: true },
        reminders: null,
        recurrence: [],
        recurringEventId: null,
        originalStartAt: null,
        conferenceUrl: null,
        status: EventStatus.CONFIRMED,
        createdAt: now,
        updatedAt: now,
        ...rest,
      }),
    );
  };
  const untilText = monday.plus({ weeks: 12 }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  const first = monday.minus({ weeks: 8 });

  // Recurring series.
  const standupStart = first.set({ hour: 9, minute: 30 });
  add(work, {
    title: 'Team stand-up',
    description: 'What I did, what I will do, what blocks me.',
    start: standupStart,
    end: standupStart.plus({ minutes: 15 }),
    recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=${untilText}`, `EXDATE;TZID=${zone}:${standupStart.plus({ weeks: 8, days: 2 }).toFormat("yyyyMMdd'T'HHmmss")}`],
    attendees: attendeesFor(4, sandboxOwner),
    conferenceUrl: 'https://meet.sandbox.example/standup',
    reminders: [{ method: ReminderMethod.POPUP, minutesBefore: 5 }],
  });
  const manager = { email: people[0][1], name: people[0][0] };
  const oneOnOne = first.plus({ days: 3 }).set({ hour: 15 });
  add(work, {
    title: `1:1 with ${manager.name}`,
    start: oneOnOne,
    end: oneOnOne.plus({ minutes: 30 }),
    recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH'],
    organizer: { ...manager, self: false },
    attendees: attendeesFor(0, manager).concat({
      email: manager.email,
      name: manager.name,
      responseStatus: AttendeeResponseStatus.ACCEPTED,
      optional: false,
      organizer: true,
      self: false,
      resource: false,
      comment: null,
      additionalGuests: 0,
    }),
  });
  const planning = first.set({ hour: 11 });
  add(work, {
    title: 'Monthly planning',
    location: 'Room Ada (2nd floor)',
    start: planning,
    end: planning.plus({ hours: 1 }),
    recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=6'],
    attendees: [...attendeesFor(5, sandboxOwner), { email: 'room-ada@sandbox.example', name: 'Room Ada', responseStatus: AttendeeResponseStatus.ACCEPTED, optional: false, organizer: false, self: false, resource: true, comment: null, additionalGuests: 0 }],
  });
  const payday = first.startOf('month').set({ day: 25 });
  add(personal, { title: 'Payday', allDay: true, start: payday, end: payday.plus({ days: 1 }), recurrence: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=25'] });
  const gym = first.plus({ days: 1 }).set({ hour: 18 });
  add(personal, { title: 'Gym', location: 'City gym', start: gym, end: gym.plus({ hours: 1 }), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=30'] });

  // About ninety single events over sixteen weeks.
  for (let day = first; day < monday.plus({ weeks: 8 }); day = day.plus({ days: 1 })) {
    if (day.weekday > 5) {
      if (next() < 0.25) {
        const start = day.set({ hour: 10 + Math.floor(next() * 8) });
        add(personal, { title: pick(personalTitles), start, end: start.plus({ hours: 2 }), reminders: [{ method: ReminderMethod.POPUP, minutesBefore: 60 }] });
      }
      continue;
    }
    const meetings = next() < 0.5 ? 1 : next() < 0.6 ? 0 : 2;
    for (let index = 0; index < meetings; index++) {
      const start = day.set({ hour: 10 + Math.floor(next() * 7), minute: pick([0, 30]) });
      const organizer = next() < 0.6 ? sandboxOwner : { email: pick(people)[1], name: '' };
      const organizerName = people.find((person) => person[1] === organizer.email)?.[0] ?? organizer.name;
      add(work, {
        title: pick(meetingTitles),
        description: next() < 0.5 ? 'Agenda in the shared document.' : null,
        location: next() < 0.6 ? pick(locations) : null,
        start,
        end: start.plus({ minutes: pick([30, 45, 60, 90]) }),
        organizer: { email: organizer.email, name: organizerName, self: organizer.email === sandboxOwner.email },
        attendees: attendeesFor(1 + Math.floor(next() * 4), { email: organizer.email, name: organizerName }),
        conferenceUrl: next() < 0.4 ? `https://meet.sandbox.example/${stableId(integrationId, `meet:${events.length}`).slice(0, 8)}` : null,
        status: next() < 0.05 ? EventStatus.CANCELLED : EventStatus.CONFIRMED,
        reminders: next() < 0.3 ? [{ method: ReminderMethod.POPUP, minutesBefore: 10 }, { method: ReminderMethod.EMAIL, minutesBefore: 1440 }] : null,
      });
    }
  }

  // All-day events: trips, off-sites and the launches calendar.
  for (const [weeks, title, days] of [
    [-6, 'Conference in Lisbon', 3],
    [-2, 'Team off-site', 2],
    [3, 'Vacation', 5],
    [6, 'Customer visit in Oslo', 1],
  ] as const) {
    const start = monday.plus({ weeks, days: 1 });
    add(work, { title, allDay: true, start, end: start.plus({ days }), reminders: [] });
  }
  for (const weeks of [-7, -3, 1, 5]) {
    const start = monday.plus({ weeks, days: 3 });
    add(launches, { title: `Release ${monday.plus({ weeks }).toFormat('kkkk.WW')}`, allDay: true, start, end: start.plus({ days: 1 }), organizer: { email: 'product@sandbox.example', name: 'Product team', self: false } });
  }
  for (const [month, day, title] of [
    [1, 1, "New Year's Day"],
    [5, 1, 'Labour Day'],
    [10, 3, 'Day of German Unity'],
    [12, 25, 'Christmas Day'],
    [12, 26, "St. Stephen's Day"],
  ] as const) {
    for (const year of [monday.year - 1, monday.year, monday.year + 1]) {
      const start = DateTime.fromObject({ year, month, day }, { zone });
      if (Math.abs(start.diff(monday, 'weeks').weeks) > 26) continue;
      add(holidays, { title, allDay: true, start, end: start.plus({ days: 1 }), organizer: null, reminders: [] });
    }
  }
  return { calendars: [work, personal, launches, holidays], events };
}
