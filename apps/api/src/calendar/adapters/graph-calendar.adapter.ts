import { DateTime } from 'luxon';
import type { ProviderCredentials } from '../../integrations/integration-access';
import { badUserInput } from '../../graphql/errors';
import { ProviderHttp, type QueryParams } from '../../unified/provider-http';
import type { CalendarAdapter, EventPage, EventQuery, EventWrite, ProviderCalendar, ProviderEvent } from '../calendar-adapter';
import { AttendeeResponseStatus, EventStatus, ReminderMethod, type EventTime } from '../calendar.types';
import { dateTimeValue, dateValue, localDateTime, normalizeStoredTime, toIanaTimeZone, type NormalizedTime } from '../event-time';
import { graphToRRule, rruleToGraph, type GraphPatternedRecurrence } from '../graph-recurrence';

/** Microsoft Graph v1.0 resources, as far as the adapter reads them. */
interface GraphCalendar {
  id: string;
  name?: string;
  hexColor?: string;
  isDefaultCalendar?: boolean;
  canEdit?: boolean;
}

interface GraphDateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

interface GraphEvent {
  id: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  subject?: string | null;
  body?: { contentType?: string; content?: string };
  start?: GraphDateTimeTimeZone;
  end?: GraphDateTimeTimeZone;
  originalStartTimeZone?: string;
  originalEndTimeZone?: string;
  isAllDay?: boolean;
  isCancelled?: boolean;
  isOrganizer?: boolean;
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  location?: { displayName?: string };
  attendees?: Array<{
    type?: 'required' | 'optional' | 'resource';
    status?: { response?: string };
    emailAddress?: { name?: string; address?: string };
  }>;
  organizer?: { emailAddress?: { name?: string; address?: string } };
  recurrence?: GraphPatternedRecurrence | null;
  seriesMasterId?: string | null;
  onlineMeeting?: { joinUrl?: string } | null;
  onlineMeetingUrl?: string | null;
}

interface GraphList<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

const responseByGraph: Record<string, AttendeeResponseStatus> = {
  none: AttendeeResponseStatus.NEEDS_ACTION,
  notResponded: AttendeeResponseStatus.NEEDS_ACTION,
  organizer: AttendeeResponseStatus.ACCEPTED,
  accepted: AttendeeResponseStatus.ACCEPTED,
  tentativelyAccepted: AttendeeResponseStatus.TENTATIVE,
  declined: AttendeeResponseStatus.DECLINED,
};

/** Graph returns times in UTC and bodies as text only on request, so every read sends this header. */
const preferHeaders = { prefer: 'outlook.timezone="UTC", outlook.body-content-type="text"' };

/** Graph accepts at most 1000 items per page of events and calendarView. */
const graphMaxPageSize = 1000;

/** Default of Outlook's reminder, in minutes, used when an event returns to the calendar's default. */
const outlookDefaultReminderMinutes = 15;

/**
 * Microsoft Graph calendars (`/me/calendars`, `/me/events`, `/me/calendarView`).
 * `apiBaseUrl` is the API root including the version (https://graph.microsoft.com/v1.0).
 */
export class GraphCalendarAdapter implements CalendarAdapter {
  constructor(private readonly options: { timeoutMs: number; onExchange?: ConstructorParameters<typeof ProviderHttp>[0]['onExchange'] }) {}

  private http(credentials: ProviderCredentials): ProviderHttp {
    return new ProviderHttp({
      accessToken: credentials.accessToken,
      apiBaseUrl: credentials.apiBaseUrl,
      providerName: 'Microsoft Graph',
      timeoutMs: this.options.timeoutMs,
      onExchange: this.options.onExchange,
    });
  }

  async listCalendars(credentials: ProviderCredentials): Promise<ProviderCalendar[]> {
    const http = this.http(credentials);
    const calendars: ProviderCalendar[] = [];
    let next: { path: string; query?: QueryParams } | null = { path: '/me/calendars', query: { $top: 100 } };
    while (next) {
      const page: GraphList<GraphCalendar> = await http.json<GraphList<GraphCalendar>>(next);
      for (const calendar of page.value ?? []) calendars.push(toCalendar(calendar));
      const link = page['@odata.nextLink'];
      next = link ? { path: '/me/calendars', query: { $top: 100, ...pagingParams(link) } } : null;
    }
    return calendars;
  }

  async primaryCalendarId(credentials: ProviderCredentials): Promise<string> {
    const calendar = await this.http(credentials).json<GraphCalendar>({ path: '/me/calendar', query: { $select: 'id' } });
    return calendar.id;
  }

  async listEvents(
    credentials: ProviderCredentials,
    calendarProviderId: string,
    query: EventQuery,
    page: { token: string | null; size: number },
  ): Promise<EventPage> {
    const window = query.window;
    const calendarPath = `/me/calendars/${encodeURIComponent(calendarProviderId)}`;
    const params: QueryParams = {
      $top: Math.min(page.size, graphMaxPageSize),
      $orderby: 'start/dateTime',
      $filter: query.search ? `contains(subject,'${query.search.replace(/'/g, "''")}')` : undefined,
      ...(page.token ? decodePageToken(page.token) : {}),
    };
    const list = await this.http(credentials).json<GraphList<GraphEvent>>({
      path: window ? `${calendarPath}/calendarView` : `${calendarPath}/events`,
      query: window
        ? { startDateTime: window.startAfter.toUTC().toISO(), endDateTime: window.startBefore.toUTC().toISO(), ...params }
        : params,
      headers: preferHeaders,
    });
    const link = list['@odata.nextLink'];
    return {
      events: (list.value ?? []).map((event) => toEvent(event, calendarProviderId)),
      nextPageToken: link ? encodePageToken(pagingParams(link)) : null,
      totalCount: null,
    };
  }

  async getEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<ProviderEvent> {
    const event = await this.http(credentials).json<GraphEvent>({ path: `/me/events/${encodeURIComponent(eventProviderId)}`, headers: preferHeaders });
    return toEvent(event, calendarProviderId);
  }

  async createEvent(credentials: ProviderCredentials, calendarProviderId: string, write: EventWrite): Promise<ProviderEvent> {
    const event = await this.http(credentials).json<GraphEvent>({
      method: 'POST',
      path: `/me/calendars/${encodeURIComponent(calendarProviderId)}/events`,
      headers: preferHeaders,
      json: toGraphBody(write, write.start as NormalizedTime),
    });
    return toEvent(event, calendarProviderId);
  }

  async updateEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string, write: EventWrite): Promise<ProviderEvent> {
    let start = write.start;
    // Graph's recurrence range starts on a date, so a new rule needs the event's start.
    if (write.recurrence !== undefined && write.recurrence.length > 0 && start === undefined) {
      const current = await this.getEvent(credentials, calendarProviderId, eventProviderId);
      start = normalizeStoredTime(current.start);
    }
    const event = await this.http(credentials).json<GraphEvent>({
      method: 'PATCH',
      path: `/me/events/${encodeURIComponent(eventProviderId)}`,
      headers: preferHeaders,
      json: toGraphBody(write, start),
    });
    return toEvent(event, calendarProviderId);
  }

  async deleteEvent(credentials: ProviderCredentials, _calendarProviderId: string, eventProviderId: string): Promise<void> {
    await this.http(credentials).request({ method: 'DELETE', path: `/me/events/${encodeURIComponent(eventProviderId)}` });
  }
}

/**
 * Keeps only the paging parameters of an @odata.nextLink. The link itself is not stored in
 * cursors, because a cursor comes back from the client and must not choose the URL called.
 */
function pagingParams(nextLink: string): Record<string, string> {
  const url = new URL(nextLink);
  const params: Record<string, string> = {};
  for (const name of ['$skip', '$skiptoken']) {
    const value = url.searchParams.get(name);
    if (value !== null) params[name] = value;
  }
  return params;
}

function encodePageToken(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

function decodePageToken(token: string): Record<string, string> {
  const params = new URLSearchParams(token);
  const result: Record<string, string> = {};
  for (const name of ['$skip', '$skiptoken']) {
    const value = params.get(name);
    if (value !== null) result[name] = value;
  }
  return result;
}

function toCalendar(calendar: GraphCalendar): ProviderCalendar {
  return {
    providerId: calendar.id,
    name: calendar.name ?? '',
    description: null,
    timeZone: null,
    primary: calendar.isDefaultCalendar === true,
    canEdit: calendar.canEdit === true,
    color: calendar.hexColor ? calendar.hexColor : null,
  };
}

/**
 * Reads a Graph dateTimeTimeZone. Timed values are shown in the zone the event was made in.
 * All-day values are midnights in the event's zone. A value that is not midnight in the
 * returned zone was converted (to the UTC that `Prefer` requests), so its date is read back
 * in the event's original zone; a midnight is taken as the date itself.
 */
function toTime(value: GraphDateTimeTimeZone | undefined, originalZone: string | undefined, allDay: boolean): EventTime {
  const valueZone = toIanaTimeZone(value?.timeZone) ?? 'UTC';
  const displayZone = toIanaTimeZone(originalZone) ?? valueZone;
  const instant = DateTime.fromISO(value?.dateTime ?? '', { zone: valueZone });
  if (!instant.isValid) return { dateTime: null, date: null, timeZone: displayZone };
  if (allDay) {
    const isMidnight = instant.hour === 0 && instant.minute === 0 && instant.second === 0;
    const date = isMidnight ? instant.toISODate() : instant.setZone(displayZone).toISODate();
    return dateValue(date as string, displayZone);
  }
  return dateTimeValue(instant, displayZone);
}

export function toEvent(event: GraphEvent, calendarProviderId: string): ProviderEvent {
  const allDay = event.isAllDay === true;
  const organizerAddress = event.organizer?.emailAddress?.address?.toLowerCase() ?? null;
  return {
    calendarProviderId,
    eventProviderId: event.id,
    recurringEventProviderId: event.seriesMasterId ?? null,
    title: event.subject ?? '',
    description: event.body?.content ? event.body.content : null,
    location: event.location?.displayName ? event.location.displayName : null,
    start: toTime(event.start, event.originalStartTimeZone, allDay),
    end: toTime(event.end, event.originalEndTimeZone ?? event.originalStartTimeZone, allDay),
    allDay,
    attendees: (event.attendees ?? [])
      .filter((attendee) => attendee.emailAddress?.address)
      .map((attendee) => {
        const email = attendee.emailAddress?.address as string;
        const isOrganizer = email.toLowerCase() === organizerAddress;
        return {
          email,
          name: attendee.emailAddress?.name ?? null,
          responseStatus: responseByGraph[attendee.status?.response ?? 'none'] ?? AttendeeResponseStatus.NEEDS_ACTION,
          optional: attendee.type === 'optional',
          organizer: isOrganizer,
          // NOTE: Graph does not mark the signed-in attendee; only the organizer is known to be the account.
          self: isOrganizer && event.isOrganizer === true,
          resource: attendee.type === 'resource',
          comment: null,
          additionalGuests: 0,
        };
      }),
    organizer: event.organizer?.emailAddress
      ? { email: event.organizer.emailAddress.address ?? null, name: event.organizer.emailAddress.name ?? null, self: event.isOrganizer === true }
      : null,
    reminders: event.isReminderOn === false ? [] : [{ method: ReminderMethod.POPUP, minutesBefore: event.reminderMinutesBeforeStart ?? outlookDefaultReminderMinutes }],
    recurrence: event.recurrence ? graphToRRule(event.recurrence) : [],
    conferenceUrl: event.onlineMeeting?.joinUrl ?? event.onlineMeetingUrl ?? null,
    status: event.isCancelled ? EventStatus.CANCELLED : EventStatus.CONFIRMED,
    createdAt: event.createdDateTime ? new Date(event.createdDateTime) : null,
    updatedAt: event.lastModifiedDateTime ? new Date(event.lastModifiedDateTime) : null,
  };
}

/** Graph takes local wall-clock time plus a zone; all-day events are midnight to midnight. */
function toGraphTime(time: NormalizedTime): GraphDateTimeTimeZone {
  const timeZone = time.timeZone ?? 'UTC';
  if (time.kind === 'date') return { dateTime: `${time.date}T00:00:00`, timeZone };
  return { dateTime: localDateTime(time.instant, timeZone), timeZone };
}

/** Builds an event body for POST or PATCH; fields left undefined are not sent. */
function toGraphBody(write: EventWrite, start: NormalizedTime | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (write.title !== undefined) body.subject = write.title;
  if (write.description !== undefined) body.body = { contentType: 'text', content: write.description ?? '' };
  if (write.location !== undefined) body.location = { displayName: write.location ?? '' };
  if (write.start !== undefined) {
    body.start = toGraphTime(write.start);
    body.isAllDay = write.start.kind === 'date';
  }
  if (write.end !== undefined) body.end = toGraphTime(write.end);
  if (write.attendees !== undefined) {
    // NOTE: Graph records attendees' responses itself, so a responseStatus given here is not sent.
    body.attendees = write.attendees.map((attendee) => ({
      emailAddress: { address: attendee.email, ...(attendee.name ? { name: attendee.name } : {}) },
      type: attendee.optional ? 'optional' : 'required',
    }));
  }
  if (write.reminders !== undefined) {
    const reminders = write.reminders;
    if (reminders !== null && (reminders.length > 1 || reminders.some((reminder) => reminder.method !== ReminderMethod.POPUP))) {
      throw badUserInput('input.reminders', 'input.reminders may hold at most one POPUP reminder for a Microsoft calendar.');
    }
    body.isReminderOn = reminders === null || reminders.length > 0;
    body.reminderMinutesBeforeStart = reminders === null || reminders.length === 0 ? outlookDefaultReminderMinutes : reminders[0].minutesBefore;
  }
  if (write.recurrence !== undefined) {
    if (write.recurrence.length === 0) {
      body.recurrence = null;
    } else {
      const first = start as NormalizedTime;
      const timeZone = first.timeZone ?? 'UTC';
      const date = first.kind === 'date' ? first.date : (first.instant.setZone(timeZone).toISODate() as string);
      body.recurrence = rruleToGraph(write.recurrence, { date, timeZone });
    }
  }
  return body;
}
