import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { rrulestr } from 'rrule';
import { FakeHttpServer, json, notFoundResponse, type FakeRequest, type FakeResponse } from './http-server';

/*
 * Serves calendars in the Google Calendar API v3 format (calendarList, events.list with
 * timeMin/timeMax/q/singleEvents/orderBy/pageToken, events.get/insert/patch/delete), as
 * documented at developers.google.com/calendar/api/v3/reference. Recurring series are
 * expanded with the rrule package in the event's own time zone, and occurrences get
 * Google's ids (`<seriesId>_20260302T083000Z`, or `_20260302` for all-day series).
 */

export type GoogleEventResource = Record<string, any> & { id: string };

export interface GoogleCalendarEntry {
  id: string;
  summary: string;
  description?: string;
  timeZone: string;
  accessRole: 'owner' | 'writer' | 'reader' | 'freeBusyReader';
  primary?: boolean;
  backgroundColor?: string;
}

export class FakeGoogleCalendarStore {
  readonly calendars: GoogleCalendarEntry[] = [];
  readonly events = new Map<string, GoogleEventResource[]>();

  addCalendar(entry: GoogleCalendarEntry, events: GoogleEventResource[] = []): void {
    this.calendars.push(entry);
    this.events.set(entry.id, events);
  }

  calendar(id: string): GoogleCalendarEntry | undefined {
    return id === 'primary' ? this.calendars.find((entry) => entry.primary) : this.calendars.find((entry) => entry.id === id);
  }
}

export const googleOwnerEmail = 'ada.lovelace@example.com';

/** Fixtures shaped like real responses, around the week of Monday 2026-03-02 (Europe/Berlin). */
export function googleCalendarFixtures(): FakeGoogleCalendarStore {
  const store = new FakeGoogleCalendarStore();
  const stamp = { created: '2026-01-15T10:00:00.000Z', updated: '2026-02-20T08:12:45.120Z', etag: '"3421876543210000"', kind: 'calendar#event' };
  store.addCalendar(
    { id: googleOwnerEmail, summary: googleOwnerEmail, timeZone: 'Europe/Berlin', accessRole: 'owner', primary: true, backgroundColor: '#9fe1e7' },
    [
      {
        ...stamp,
        id: 'standup01',
        status: 'confirmed',
        summary: 'Team stand-up',
        description: 'Fifteen minutes, cameras optional.',
        organizer: { email: googleOwnerEmail, self: true },
        start: { dateTime: '2026-03-02T09:30:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-03-02T09:45:00+01:00', timeZone: 'Europe/Berlin' },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12', 'EXDATE;TZID=Europe/Berlin:20260304T093000'],
        attendees: [
          { email: googleOwnerEmail, organizer: true, self: true, responseStatus: 'accepted' },
          { email: 'grace@example.com', displayName: 'Grace Hopper', responseStatus: 'accepted' },
          { email: 'alan@example.com', displayName: 'Alan Turing', responseStatus: 'tentative', comment: 'Might be late' },
          { email: 'room-4@resource.calendar.google.com', displayName: 'Room 4', resource: true, responseStatus: 'accepted' },
        ],
        hangoutLink: 'https://meet.google.com/abc-defg-hij',
        reminders: { useDefault: true },
      },
      {
        ...stamp,
        id: 'review01',
        status: 'confirmed',
        summary: 'Quarterly review',
        location: 'Berlin office, 3rd floor',
        organizer: { email: 'grace@example.com', displayName: 'Grace Hopper' },
        start: { dateTime: '2026-03-03T14:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-03-03T15:30:00+01:00', timeZone: 'Europe/Berlin' },
        attendees: [
          { email: 'grace@example.com', displayName: 'Grace Hopper', organizer: true, responseStatus: 'accepted' },
          { email: googleOwnerEmail, self: true, responseStatus: 'needsAction', optional: true },
          { email: 'linus@example.com', responseStatus: 'declined', additionalGuests: 1 },
        ],
        reminders: { useDefault: false, overrides: [{ method: 'email', minutes: 1440 }, { method: 'popup', minutes: 10 }] },
      },
      {
        ...stamp,
        id: 'offsite01',
        status: 'confirmed',
        summary: 'Offsite in Lisbon',
        organizer: { email: googleOwnerEmail, self: true },
        start: { date: '2026-03-05' },
        end: { date: '2026-03-07' },
        reminders: { useDefault: true },
      },
      {
        ...stamp,
        id: 'tokyo01',
        status: 'tentative',
        summary: 'Call with the Tokyo team',
        organizer: { email: googleOwnerEmail, self: true },
        start: { dateTime: '2026-03-04T08:00:00+09:00', timeZone: 'Asia/Tokyo' },
        end: { dateTime: '2026-03-04T09:00:00+09:00', timeZone: 'Asia/Tokyo' },
        conferenceData: { entryPoints: [{ entryPointType: 'video', uri: 'https://zoom.example.com/j/123' }] },
        reminders: { useDefault: true },
      },
      ...Array.from({ length: 7 }, (_, index) => ({
        ...stamp,
        id: `focus0${index}`,
        status: 'confirmed',
        summary: `Focus block ${index + 1}`,
        organizer: { email: googleOwnerEmail, self: true },
        start: { dateTime: `2026-03-${String(9 + index).padStart(2, '0')}T13:00:00+01:00`, timeZone: 'Europe/Berlin' },
        end: { dateTime: `2026-03-${String(9 + index).padStart(2, '0')}T15:00:00+01:00`, timeZone: 'Europe/Berlin' },
        reminders: { useDefault: true },
      })),
    ],
  );
  store.addCalendar({ id: 'team-cal@group.calendar.google.com', summary: 'Team', description: 'Shared team calendar', timeZone: 'America/New_York', accessRole: 'writer', backgroundColor: '#7bd148' }, [
    {
      ...stamp,
      id: 'teamlunch01',
      status: 'confirmed',
      summary: 'Team lunch',
      organizer: { email: 'team-cal@group.calendar.google.com', displayName: 'Team' },
      start: { dateTime: '2026-03-06T12:00:00-05:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-03-06T13:00:00-05:00', timeZone: 'America/New_York' },
      reminders: { useDefault: true },
    },
  ]);
  store.addCalendar({ id: 'de.german#holiday@group.v.calendar.google.com', summary: 'Holidays in Germany', timeZone: 'Europe/Berlin', accessRole: 'reader', backgroundColor: '#16a765' }, [
    { ...stamp, id: '20260403_holiday', status: 'confirmed', summary: 'Good Friday', start: { date: '2026-04-03' }, end: { date: '2026-04-04' } },
  ]);
  return store;
}

export function createGoogleCalendarServer(store: FakeGoogleCalendarStore, accessToken: string): FakeHttpServer {
  return new FakeHttpServer(accessToken, (request) => route(store, request));
}

const badRequest = (message: string): FakeResponse => json({ error: { code: 400, message, errors: [{ reason: 'badRequest', message }] } }, 400);

function route(store: FakeGoogleCalendarStore, request: FakeRequest): FakeResponse {
  const match = /^\/calendar\/v3(\/.*)$/.exec(request.url.pathname);
  if (!match) return notFoundResponse();
  const path = match[1];
  const params = request.url.searchParams;

  if (request.method === 'GET' && path === '/users/me/calendarList') return listCalendars(store, params);
  const entry = /^\/users\/me\/calendarList\/([^/]+)$/.exec(path);
  if (entry && request.method === 'GET') {
    const calendar = store.calendar(decodeURIComponent(entry[1]));
    return calendar ? json(toCalendarListEntry(calendar)) : notFoundResponse();
  }

  const events = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
  if (!events) return notFoundResponse();
  const calendar = store.calendar(decodeURIComponent(events[1]));
  if (!calendar) return notFoundResponse();
  const items = store.events.get(calendar.id) as GoogleEventResource[];
  const eventId = events[2] ? decodeURIComponent(events[2]) : null;
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, any>) : {};
  const now = new Date().toISOString();
  const writable = calendar.accessRole === 'owner' || calendar.accessRole === 'writer';
  if (request.method !== 'GET' && !writable) {
    return json({ error: { code: 403, message: 'Forbidden', errors: [{ reason: 'requiredAccessLevel' }] } }, 403);
  }

  if (eventId === null) {
    if (request.method === 'GET') return listEvents(calendar, items, params);
    if (request.method === 'POST') {
      if (!body.start || !body.end) return badRequest('Missing end time.');
      const created = { kind: 'calendar#event', id: randomUUID().replace(/-/g, ''), status: 'confirmed', created: now, updated: now, organizer: { email: calendar.id, self: true }, ...body };
      items.push(created);
      return json(created);
    }
    return notFoundResponse();
  }

  const index = items.findIndex((item) => item.id === eventId);
  if (index < 0) {
    const occurrence = request.method === 'GET' ? findOccurrence(items, eventId) : undefined;
    return occurrence ? json(occurrence) : notFoundResponse();
  }
  if (request.method === 'GET') return json(items[index]);
  if (request.method === 'PATCH') {
    items[index] = { ...items[index], ...body, updated: now };
    return json(items[index]);
  }
  if (request.method === 'DELETE') {
    items.splice(index, 1);
    return { status: 204 };
  }
  return notFoundResponse();
}

function toCalendarListEntry(calendar: GoogleCalendarEntry): Record<string, unknown> {
  return { kind: 'calendar#calendarListEntry', etag: '"1700000000000"', foregroundColor: '#000000', defaultReminders: [{ method: 'popup', minutes: 10 }], ...calendar };
}

/** Offsets in page tokens are wrapped so that tokens look opaque, as Google's are. */
function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(token: string | null): number | null {
  if (!token) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function listCalendars(store: FakeGoogleCalendarStore, params: URLSearchParams): FakeResponse {
  const size = Number(params.get('maxResults') ?? 100);
  const offset = offsetOf(params.get('pageToken'));
  if (offset === null) return badRequest('Invalid page token.');
  const page = store.calendars.slice(offset, offset + size);
  const more = offset + size < store.calendars.length;
  return json({ kind: 'calendar#calendarList', etag: '"p3"', items: page.map(toCalendarListEntry), ...(more ? { nextPageToken: pageToken(offset + size) } : {}) });
}

function instantOf(time: { date?: string; dateTime?: string; timeZone?: string }, calendarZone: string): DateTime {
  if (time.date) return DateTime.fromISO(time.date, { zone: time.timeZone ?? calendarZone });
  return DateTime.fromISO(time.dateTime as string, { setZone: true });
}

/** Expands a series into occurrences that start before `until`, in the series' time zone. */
function expand(series: GoogleEventResource, calendarZone: string, until: DateTime): GoogleEventResource[] {
  const zone = series.start.timeZone ?? calendarZone;
  const allDay = Boolean(series.start.date);
  const start = instantOf(series.start, calendarZone).setZone(zone);
  const duration = instantOf(series.end, calendarZone).toMillis() - instantOf(series.start, calendarZone).toMillis();
  // rrule works on "floating" times: the wall-clock time in the zone, written as UTC fields.
  const floating = (value: DateTime) => new Date(Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second));
  const lines = (series.recurrence as string[]).map((line) => line.replace(/;TZID=[^:]+/, ''));
  const dtstart = `DTSTART:${start.toFormat("yyyyMMdd'T'HHmmss")}`;
  const rule = rrulestr([dtstart, ...lines].join('\n'), { forceset: true });
  const limit = floating(until.setZone(zone));
  return rule.between(floating(start), limit, true).map((date) => {
    const wall = DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() },
      { zone },
    );
    const end = wall.plus({ milliseconds: duration });
    const suffix = allDay ? wall.toFormat('yyyyMMdd') : wall.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
    const { recurrence: _recurrence, ...rest } = series;
    return {
      ...rest,
      id: `${series.id}_${suffix}`,
      recurringEventId: series.id,
      originalStartTime: allDay ? { date: wall.toISODate() } : { dateTime: wall.toISO({ suppressMilliseconds: true }), timeZone: zone },
      start: allDay ? { date: wall.toISODate() } : { dateTime: wall.toISO({ suppressMilliseconds: true }), timeZone: zone },
      end: allDay ? { date: end.toISODate() } : { dateTime: end.setZone(zone).toISO({ suppressMilliseconds: true }), timeZone: zone },
    };
  });
}

function findOccurrence(items: GoogleEventResource[], id: string): GoogleEventResource | undefined {
  const seriesId = id.split('_')[0];
  const series = items.find((item) => item.id === seriesId && item.recurrence);
  if (!series) return undefined;
  return expand(series, 'UTC', DateTime.fromISO('2030-01-01T00:00:00Z')).find((occurrence) => occurrence.id === id);
}

function matchesSearch(event: GoogleEventResource, search: string | null): boolean {
  if (!search) return true;
  const text = [event.summary, event.description, event.location, ...(event.attendees ?? []).map((attendee: any) => `${attendee.email} ${attendee.displayName ?? ''}`)]
    .join(' ')
    .toLowerCase();
  return search.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}

function listEvents(calendar: GoogleCalendarEntry, items: GoogleEventResource[], params: URLSearchParams): FakeResponse {
  const singleEvents = params.get('singleEvents') === 'true';
  const orderBy = params.get('orderBy');
  if (orderBy === 'startTime' && !singleEvents) return badRequest('The requested ordering is not available for the particular query.');
  const timeMin = params.get('timeMin') ? DateTime.fromISO(params.get('timeMin') as string, { setZone: true }) : null;
  const timeMax = params.get('timeMax') ? DateTime.fromISO(params.get('timeMax') as string, { setZone: true }) : null;
  if (timeMin && timeMax && timeMin >= timeMax) return badRequest('The specified time range is empty.');
  const size = Math.min(Number(params.get('maxResults') ?? 250), 2500);
  const offset = offsetOf(params.get('pageToken'));
  if (offset === null) return badRequest('Invalid page token.');

  const horizon = timeMax ?? DateTime.fromISO('2030-01-01T00:00:00Z');
  let selected = [...items];
  if (singleEvents) selected = items.flatMap((item) => (item.recurrence ? expand(item, calendar.timeZone, horizon) : [item]));
  selected = selected.filter((event) => {
    // timeMin bounds the end and timeMax the start, both exclusive, as Google documents.
    if (timeMin && instantOf(event.end, calendar.timeZone) <= timeMin) return false;
    if (timeMax && instantOf(event.start, calendar.timeZone) >= timeMax) return false;
    return matchesSearch(event, params.get('q'));
  });
  if (orderBy === 'startTime') selected.sort((a, b) => instantOf(a.start, calendar.timeZone).toMillis() - instantOf(b.start, calendar.timeZone).toMillis());

  const page = selected.slice(offset, offset + size);
  const more = offset + size < selected.length;
  return json({
    kind: 'calendar#events',
    etag: '"p33c1ur"',
    summary: calendar.summary,
    updated: '2026-02-20T08:12:45.120Z',
    timeZone: calendar.timeZone,
    accessRole: calendar.accessRole,
    defaultReminders: [{ method: 'popup', minutes: 10 }],
    items: page,
    ...(more ? { nextPageToken: pageToken(offset + size) } : { nextSyncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' }),
  });
}
