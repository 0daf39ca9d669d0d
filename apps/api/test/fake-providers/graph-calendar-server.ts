import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { findIana } from 'windows-iana';
import { FakeHttpServer, json, type FakeRequest, type FakeResponse } from './http-server';

/*
 * Serves calendars in the Microsoft Graph v1.0 format (/me/calendars, /me/calendar,
 * /me/calendars/{id}/events, /me/calendars/{id}/calendarView, /me/events/{id}), as
 * documented at learn.microsoft.com/graph/api/resources/event. Times are stored as Graph
 * stores them (local wall-clock time plus a zone, often a Windows zone name) and returned
 * in the zone named by `Prefer: outlook.timezone`, UTC by default. Series are expanded
 * from their patternedRecurrence by a day-by-day walk written for this server.
 */

export type GraphEventResource = Record<string, any> & { id: string };

export interface GraphCalendarResource {
  id: string;
  name: string;
  hexColor: string;
  isDefaultCalendar: boolean;
  canEdit: boolean;
  owner: { name: string; address: string };
}

export class FakeGraphCalendarStore {
  readonly calendars: GraphCalendarResource[] = [];
  /** Events by id, each with the id of its calendar. */
  readonly events: Array<{ calendarId: string; event: GraphEventResource }> = [];

  addCalendar(calendar: GraphCalendarResource, events: GraphEventResource[] = []): void {
    this.calendars.push(calendar);
    for (const event of events) this.events.push({ calendarId: calendar.id, event });
  }
}

export const graphOwner = { name: 'Megan Bowen', address: 'meganb@contoso.example' };
export const graphPrimaryCalendarId = 'AAMkAGI2TGuLAAA=';

/** Fixtures shaped like real Graph responses, around the week of Monday 2026-03-02. */
export function graphCalendarFixtures(): FakeGraphCalendarStore {
  const store = new FakeGraphCalendarStore();
  const stamp = {
    '@odata.etag': 'W/"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw=="',
    createdDateTime: '2026-01-15T10:00:00.0000000Z',
    lastModifiedDateTime: '2026-02-20T08:12:45.1200000Z',
    isCancelled: false,
    isOrganizer: true,
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    showAs: 'busy',
    type: 'singleInstance',
    seriesMasterId: null,
    recurrence: null,
    onlineMeeting: null,
    location: { displayName: '', locationType: 'default' },
    body: { contentType: 'html', content: '' },
    organizer: { emailAddress: graphOwner },
    attendees: [],
  };
  const attendee = (address: string, name: string, response: string, type = 'required') => ({
    type,
    status: { response, time: response === 'none' ? '0001-01-01T00:00:00Z' : '2026-02-21T09:00:00Z' },
    emailAddress: { name, address },
  });
  store.addCalendar(
    { id: graphPrimaryCalendarId, name: 'Calendar', hexColor: '#a4bdfc', isDefaultCalendar: true, canEdit: true, owner: graphOwner },
    [
      {
        ...stamp,
        id: 'AAMkSeries1=',
        type: 'seriesMaster',
        subject: 'Weekly sync',
        body: { contentType: 'html', content: '<html><body><p>Status and blockers</p></body></html>' },
        start: { dateTime: '2026-03-02T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
        end: { dateTime: '2026-03-02T10:30:00.0000000', timeZone: 'W. Europe Standard Time' },
        originalStartTimeZone: 'W. Europe Standard Time',
        originalEndTimeZone: 'W. Europe Standard Time',
        recurrence: {
          pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'sunday', index: 'first' },
          range: { type: 'numbered', startDate: '2026-03-02', endDate: '0001-01-01', recurrenceTimeZone: 'W. Europe Standard Time', numberOfOccurrences: 8 },
        },
        attendees: [
          attendee('alexw@contoso.example', 'Alex Wilber', 'accepted'),
          attendee('diegos@contoso.example', 'Diego Siciliani', 'tentativelyAccepted'),
          attendee('conf-room-2@contoso.example', 'Conf Room 2', 'accepted', 'resource'),
        ],
        onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc' },
      },
      {
        ...stamp,
        id: 'AAMkBoard1=',
        subject: 'Board meeting',
        isOrganizer: false,
        organizer: { emailAddress: { name: 'Patti Fernandez', address: 'pattif@contoso.example' } },
        location: { displayName: 'Seattle HQ', locationType: 'default' },
        start: { dateTime: '2026-03-03T09:00:00.0000000', timeZone: 'Pacific Standard Time' },
        end: { dateTime: '2026-03-03T11:00:00.0000000', timeZone: 'Pacific Standard Time' },
        originalStartTimeZone: 'Pacific Standard Time',
        originalEndTimeZone: 'Pacific Standard Time',
        reminderMinutesBeforeStart: 30,
        attendees: [
          attendee('pattif@contoso.example', 'Patti Fernandez', 'organizer'),
          attendee(graphOwner.address, graphOwner.name, 'declined'),
          attendee('lynner@contoso.example', 'Lynne Robbins', 'none', 'optional'),
        ],
      },
      {
        ...stamp,
        id: 'AAMkHoliday1=',
        subject: 'Company holiday',
        isAllDay: true,
        isReminderOn: false,
        showAs: 'free',
        start: { dateTime: '2026-03-06T00:00:00.0000000', timeZone: 'W. Europe Standard Time' },
        end: { dateTime: '2026-03-07T00:00:00.0000000', timeZone: 'W. Europe Standard Time' },
        originalStartTimeZone: 'W. Europe Standard Time',
        originalEndTimeZone: 'W. Europe Standard Time',
      },
      {
        ...stamp,
        id: 'AAMkCancelled1=',
        subject: 'Cancelled: Vendor demo',
        isCancelled: true,
        start: { dateTime: '2026-03-04T15:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-03-04T16:00:00.0000000', timeZone: 'UTC' },
        originalStartTimeZone: 'UTC',
        originalEndTimeZone: 'UTC',
      },
      ...Array.from({ length: 6 }, (_, index) => ({
        ...stamp,
        id: `AAMkFocus${index}=`,
        subject: `Focus time ${index + 1}`,
        start: { dateTime: `2026-03-${String(9 + index).padStart(2, '0')}T13:00:00.0000000`, timeZone: 'W. Europe Standard Time' },
        end: { dateTime: `2026-03-${String(9 + index).padStart(2, '0')}T15:00:00.0000000`, timeZone: 'W. Europe Standard Time' },
        originalStartTimeZone: 'W. Europe Standard Time',
        originalEndTimeZone: 'W. Europe Standard Time',
      })),
    ],
  );
  store.addCalendar({ id: 'AAMkBirthdays=', name: 'Birthdays', hexColor: '', isDefaultCalendar: false, canEdit: false, owner: graphOwner });
  store.addCalendar({ id: 'AAMkProject=', name: 'Project Falcon', hexColor: '#7bd148', isDefaultCalendar: false, canEdit: true, owner: graphOwner });
  return store;
}

export function createGraphCalendarServer(store: FakeGraphCalendarStore, accessToken: string): FakeHttpServer {
  return new FakeHttpServer(accessToken, (request) => route(store, request));
}

const graphError = (status: number, code: string, message: string): FakeResponse => json({ error: { code, message, innerError: { 'request-id': randomUUID(), date: '2026-03-01T00:00:00' } } }, status);
const itemNotFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

function route(store: FakeGraphCalendarStore, request: FakeRequest): FakeResponse {
  const match = /^\/v1\.0(\/.*)$/.exec(request.url.pathname);
  if (!match) return graphError(400, 'BadRequest', 'Invalid version.');
  const path = match[1];
  const params = request.url.searchParams;
  const zone = preferredZone(request.headers.prefer);
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, any>) : {};

  if (request.method === 'GET' && path === '/me/calendars') return paged(request, store.calendars, params, (calendar) => calendar);
  if (request.method === 'GET' && path === '/me/calendar') return json(store.calendars.find((calendar) => calendar.isDefaultCalendar));

  const calendarMatch = /^\/me\/calendars\/([^/]+)\/(events|calendarView)$/.exec(path);
  if (calendarMatch) {
    const calendar = store.calendars.find((candidate) => candidate.id === decodeURIComponent(calendarMatch[1]));
    if (!calendar) return itemNotFound();
    const events = store.events.filter((entry) => entry.calendarId === calendar.id).map((entry) => entry.event);
    if (calendarMatch[2] === 'events' && request.method === 'POST') {
      if (!calendar.canEdit) return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      const now = new Date().toISOString().replace('Z', '0000Z');
      const created: GraphEventResource = {
        id: `AAMk${randomUUID().replace(/-/g, '')}=`,
        createdDateTime: now,
        lastModifiedDateTime: now,
        type: body.recurrence ? 'seriesMaster' : 'singleInstance',
        isOrganizer: true,
        isCancelled: false,
        isAllDay: false,
        isReminderOn: true,
        reminderMinutesBeforeStart: 15,
        organizer: { emailAddress: graphOwner },
        recurrence: null,
        seriesMasterId: null,
        ...body,
        originalStartTimeZone: body.start?.timeZone,
        originalEndTimeZone: body.end?.timeZone,
        attendees: (body.attendees ?? []).map((item: any) => ({ ...item, status: { response: 'none', time: '0001-01-01T00:00:00Z' } })),
      };
      store.events.push({ calendarId: calendar.id, event: created });
      return json(present(created, zone), 201);
    }
    if (request.method !== 'GET') return graphError(405, 'ErrorInvalidRequest', 'Method not allowed.');
    let selected: GraphEventResource[];
    if (calendarMatch[2] === 'calendarView') {
      const startParam = params.get('startDateTime');
      const endParam = params.get('endDateTime');
      if (!startParam || !endParam) {
        return graphError(400, 'ErrorInvalidParameter', "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
      }
      const windowStart = DateTime.fromISO(startParam, { zone: 'UTC' });
      const windowEnd = DateTime.fromISO(endParam, { zone: 'UTC' });
      selected = events
        .flatMap((event) => (event.recurrence ? occurrences(event, windowEnd) : [event]))
        .filter((event) => instantOf(event.end) > windowStart && instantOf(event.start) < windowEnd);
    } else {
      selected = [...events];
    }
    const filter = params.get('$filter');
    if (filter) {
      const contains = /^contains\(subject,'((?:[^']|'')*)'\)$/.exec(filter);
      if (!contains) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      const needle = contains[1].replace(/''/g, "'").toLowerCase();
      selected = selected.filter((event) => String(event.subject ?? '').toLowerCase().includes(needle));
    }
    if (params.get('$orderby') === 'start/dateTime') selected.sort((a, b) => instantOf(a.start).toMillis() - instantOf(b.start).toMillis());
    return paged(request, selected, params, (event) => present(event, zone));
  }

  const eventMatch = /^\/me\/events\/([^/]+)$/.exec(path);
  if (eventMatch) {
    const id = decodeURIComponent(eventMatch[1]);
    const entry = store.events.find((candidate) => candidate.event.id === id);
    if (!entry) {
      const occurrence = request.method === 'GET' ? findOccurrence(store, id) : undefined;
      return occurrence ? json(present(occurrence, zone)) : itemNotFound();
    }
    if (request.method === 'GET') return json(present(entry.event, zone));
    if (request.method === 'PATCH') {
      Object.assign(entry.event, body, { lastModifiedDateTime: new Date().toISOString().replace('Z', '0000Z') });
      if (body.start?.timeZone) entry.event.originalStartTimeZone = body.start.timeZone;
      if (body.end?.timeZone) entry.event.originalEndTimeZone = body.end.timeZone;
      if ('recurrence' in body) entry.event.type = body.recurrence ? 'seriesMaster' : 'singleInstance';
      return json(present(entry.event, zone));
    }
    if (request.method === 'DELETE') {
      store.events.splice(store.events.indexOf(entry), 1);
      return { status: 204 };
    }
  }
  return graphError(400, 'BadRequest', `Unsupported request ${request.method} ${path}.`);
}

/** Applies $top and $skip (or the $skiptoken this server issues) and adds @odata.nextLink. */
function paged<T>(request: FakeRequest, items: T[], params: URLSearchParams, map: (item: T) => unknown): FakeResponse {
  const top = Math.min(Number(params.get('$top') ?? 10), 1000);
  const skipToken = params.get('$skiptoken');
  const skip = skipToken ? Number(Buffer.from(skipToken, 'base64url').toString('utf8').replace('skip=', '')) : Number(params.get('$skip') ?? 0);
  const page = items.slice(skip, skip + top);
  const result: Record<string, unknown> = { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${request.url.pathname}`, value: page.map(map) };
  if (skip + top < items.length) {
    const next = new URL(request.url.toString());
    next.host = 'graph.microsoft.com';
    next.protocol = 'https:';
    // calendarView pages with an opaque $skiptoken, other collections with $skip, as Graph does.
    if (request.url.pathname.endsWith('/calendarView')) {
      next.searchParams.delete('$skip');
      next.searchParams.set('$skiptoken', Buffer.from(`skip=${skip + top}`).toString('base64url'));
    } else {
      next.searchParams.set('$skip', String(skip + top));
    }
    result['@odata.nextLink'] = next.toString();
  }
  return json(result);
}

function ianaZone(name: string | undefined): string {
  if (!name || name === 'UTC') return 'UTC';
  if (DateTime.local().setZone(name).isValid) return name;
  return findIana(name)?.[0] ?? 'UTC';
}

function preferredZone(prefer: string | string[] | undefined): string {
  const text = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  const match = /outlook\.timezone="([^"]+)"/.exec(text);
  return match ? ianaZone(match[1]) : 'UTC';
}

function instantOf(value: { dateTime: string; timeZone: string }): DateTime {
  return DateTime.fromISO(value.dateTime, { zone: ianaZone(value.timeZone) });
}

/** Formats a stored time in the requested zone the way Graph does (seven fractional digits, no offset). */
function inZone(value: { dateTime: string; timeZone: string }, zone: string): { dateTime: string; timeZone: string } {
  return { dateTime: instantOf(value).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss'.0000000'"), timeZone: zone };
}

function present(event: GraphEventResource, zone: string): GraphEventResource {
  return { ...event, start: inZone(event.start, zone), end: inZone(event.end, zone) };
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const indexes: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** True when `day` matches the pattern counted from `first`, the range's start date. */
function matchesPattern(pattern: any, first: DateTime, day: DateTime): boolean {
  const weekday = weekdays[day.weekday % 7];
  const monthsApart = (day.year - first.year) * 12 + day.month - first.month;
  const nthWeekday = () => {
    if (pattern.index === 'last') return day.plus({ days: 7 }).month !== day.month;
    return Math.ceil(day.day / 7) === indexes[pattern.index ?? 'first'];
  };
  switch (pattern.type) {
    case 'daily':
      return Math.round(day.diff(first, 'days').days) % pattern.interval === 0;
    case 'weekly': {
      const firstDay = weekdays.indexOf(pattern.firstDayOfWeek ?? 'sunday');
      const weekStart = (value: DateTime) => value.minus({ days: ((value.weekday % 7) - firstDay + 7) % 7 });
      const weeksApart = Math.round(weekStart(day).diff(weekStart(first), 'days').days / 7);
      return pattern.daysOfWeek.includes(weekday) && weeksApart % pattern.interval === 0;
    }
    case 'absoluteMonthly':
      return day.day === pattern.dayOfMonth && monthsApart % pattern.interval === 0;
    case 'relativeMonthly':
      return pattern.daysOfWeek.includes(weekday) && nthWeekday() && monthsApart % pattern.interval === 0;
    case 'absoluteYearly':
      return day.month === pattern.month && day.day === pattern.dayOfMonth && (day.year - first.year) % pattern.interval === 0;
    case 'relativeYearly':
      return day.month === pattern.month && pattern.daysOfWeek.includes(weekday) && nthWeekday() && (day.year - first.year) % pattern.interval === 0;
    default:
      return false;
  }
}

/** Expands a series master into occurrences that start before `until`. */
function occurrences(master: GraphEventResource, until: DateTime): GraphEventResource[] {
  const zone = ianaZone(master.start.timeZone);
  const start = instantOf(master.start).setZone(zone);
  const duration = instantOf(master.end).toMillis() - instantOf(master.start).toMillis();
  const { pattern, range } = master.recurrence;
  const first = DateTime.fromISO(range.startDate, { zone });
  const last = range.type === 'endDate' ? DateTime.fromISO(range.endDate, { zone }) : null;
  const result: GraphEventResource[] = [];
  for (let day = first; day <= until.setZone(zone) && result.length < 1000; day = day.plus({ days: 1 })) {
    if (last && day > last) break;
    if (range.type === 'numbered' && result.length >= range.numberOfOccurrences) break;
    if (!matchesPattern(pattern, first, day)) continue;
    const occurrenceStart = day.set({ hour: start.hour, minute: start.minute, second: start.second });
    const occurrenceEnd = occurrenceStart.plus({ milliseconds: duration });
    result.push({
      ...master,
      id: `${master.id.replace(/=$/, '')}_OID_${day.toFormat('yyyyMMdd')}=`,
      type: 'occurrence',
      seriesMasterId: master.id,
      recurrence: null,
      start: { dateTime: occurrenceStart.toFormat("yyyy-MM-dd'T'HH:mm:ss'.0000000'"), timeZone: zone },
      end: { dateTime: occurrenceEnd.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss'.0000000'"), timeZone: zone },
    });
  }
  return result;
}

function findOccurrence(store: FakeGraphCalendarStore, id: string): GraphEventResource | undefined {
  const match = /^(.*)_OID_\d{8}=$/.exec(id);
  if (!match) return undefined;
  const master = store.events.find((entry) => entry.event.id === `${match[1]}=` && entry.event.recurrence)?.event;
  return master ? occurrences(master, DateTime.fromISO('2030-01-01T00:00:00Z')).find((occurrence) => occurrence.id === id) : undefined;
}
