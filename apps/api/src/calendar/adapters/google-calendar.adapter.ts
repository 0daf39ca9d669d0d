import { DateTime } from 'luxon';
import type { ProviderCredentials } from '../../integrations/integration-access';
import { ProviderHttp } from '../../unified/provider-http';
import type { CalendarAdapter, EventPage, EventQuery, EventWrite, ProviderCalendar, ProviderEvent } from '../calendar-adapter';
import { AttendeeResponseStatus, EventStatus, ReminderMethod, type EventReminder } from '../calendar.types';
import { dateTimeValue, dateValue, formatInstant, toIanaTimeZone, type NormalizedTime } from '../event-time';

/** Google Calendar API v3 resources, as far as the adapter reads them. */
interface GoogleCalendarListEntry {
  id: string;
  summary?: string;
  summaryOverride?: string;
  description?: string;
  timeZone?: string;
  primary?: boolean;
  accessRole?: 'freeBusyReader' | 'reader' | 'writer' | 'owner';
  backgroundColor?: string;
}

interface GoogleEventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

interface GoogleEvent {
  id: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  created?: string;
  updated?: string;
  summary?: string;
  description?: string;
  location?: string;
  organizer?: { email?: string; displayName?: string; self?: boolean };
  start?: GoogleEventTime;
  end?: GoogleEventTime;
  recurrence?: string[];
  recurringEventId?: string;
  attendees?: Array<{
    email?: string;
    displayName?: string;
    organizer?: boolean;
    self?: boolean;
    resource?: boolean;
    optional?: boolean;
    responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
    comment?: string;
    additionalGuests?: number;
  }>;
  hangoutLink?: string;
  conferenceData?: { entryPoints?: Array<{ entryPointType?: string; uri?: string }> };
  reminders?: { useDefault?: boolean; overrides?: Array<{ method?: 'email' | 'popup'; minutes?: number }> };
}

interface GoogleList<T> {
  items?: T[];
  nextPageToken?: string;
  timeZone?: string;
}

const responseByGoogle: Record<string, AttendeeResponseStatus> = {
  needsAction: AttendeeResponseStatus.NEEDS_ACTION,
  accepted: AttendeeResponseStatus.ACCEPTED,
  tentative: AttendeeResponseStatus.TENTATIVE,
  declined: AttendeeResponseStatus.DECLINED,
};
const googleByResponse: Record<AttendeeResponseStatus, string> = {
  NEEDS_ACTION: 'needsAction',
  ACCEPTED: 'accepted',
  TENTATIVE: 'tentative',
  DECLINED: 'declined',
};
const statusByGoogle: Record<string, EventStatus> = {
  confirmed: EventStatus.CONFIRMED,
  tentative: EventStatus.TENTATIVE,
  cancelled: EventStatus.CANCELLED,
};

/** Google accepts at most 2500 results per page of calendarList and events.list. */
const googleMaxPageSize = 2500;

/**
 * Google Calendar REST v3. `apiBaseUrl` is the API root including `/calendar/v3`
 * (https://www.googleapis.com/calendar/v3 at Google).
 */
export class GoogleCalendarAdapter implements CalendarAdapter {
  constructor(private readonly options: { timeoutMs: number; onExchange?: ConstructorParameters<typeof ProviderHttp>[0]['onExchange'] }) {}

  private http(credentials: ProviderCredentials): ProviderHttp {
    return new ProviderHttp({
      accessToken: credentials.accessToken,
      apiBaseUrl: credentials.apiBaseUrl,
      providerName: 'Google Calendar',
      timeoutMs: this.options.timeoutMs,
      onExchange: this.options.onExchange,
    });
  }

  async listCalendars(credentials: ProviderCredentials): Promise<ProviderCalendar[]> {
    const http = this.http(credentials);
    const calendars: ProviderCalendar[] = [];
    let pageToken: string | undefined;
    do {
      const page = await http.json<GoogleList<GoogleCalendarListEntry>>({
        path: '/users/me/calendarList',
        query: { maxResults: 250, pageToken },
      });
      for (const entry of page.items ?? []) calendars.push(toCalendar(entry));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return calendars;
  }

  async primaryCalendarId(credentials: ProviderCredentials): Promise<string> {
    const entry = await this.http(credentials).json<GoogleCalendarListEntry>({ path: '/users/me/calendarList/primary' });
    return entry.id;
  }

  async listEvents(
    credentials: ProviderCredentials,
    calendarProviderId: string,
    query: EventQuery,
    page: { token: string | null; size: number },
  ): Promise<EventPage> {
    const window = query.window;
    const list = await this.http(credentials).json<GoogleList<GoogleEvent>>({
      path: `/calendars/${encodeURIComponent(calendarProviderId)}/events`,
      query: {
        maxResults: Math.min(page.size, googleMaxPageSize),
        pageToken: page.token ?? undefined,
        q: query.search ?? undefined,
        // Google expands series into occurrences only with singleEvents, which orderBy=startTime requires.
        singleEvents: window ? true : undefined,
        orderBy: window ? 'startTime' : undefined,
        timeMin: window ? window.startAfter.toISO() : undefined,
        timeMax: window ? window.startBefore.toISO() : undefined,
      },
    });
    return {
      events: (list.items ?? []).map((event) => toEvent(event, calendarProviderId, list.timeZone ?? null)),
      nextPageToken: list.nextPageToken ?? null,
      totalCount: null,
    };
  }

  async getEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<ProviderEvent> {
    const event = await this.http(credentials).json<GoogleEvent>({ path: eventPath(calendarProviderId, eventProviderId) });
    return toEvent(event, calendarProviderId, null);
  }

  async createEvent(credentials: ProviderCredentials, calendarProviderId: string, write: EventWrite): Promise<ProviderEvent> {
    const event = await this.http(credentials).json<GoogleEvent>({
      method: 'POST',
      path: `/calendars/${encodeURIComponent(calendarProviderId)}/events`,
      json: toGoogleBody(write),
    });
    return toEvent(event, calendarProviderId, null);
  }

  async updateEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string, write: EventWrite): Promise<ProviderEvent> {
    const event = await this.http(credentials).json<GoogleEvent>({
      method: 'PATCH',
      path: eventPath(calendarProviderId, eventProviderId),
      json: toGoogleBody(write),
    });
    return toEvent(event, calendarProviderId, null);
  }

  async deleteEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<void> {
    await this.http(credentials).request({ method: 'DELETE', path: eventPath(calendarProviderId, eventProviderId) });
  }
}

function eventPath(calendarProviderId: string, eventProviderId: string): string {
  return `/calendars/${encodeURIComponent(calendarProviderId)}/events/${encodeURIComponent(eventProviderId)}`;
}

function toCalendar(entry: GoogleCalendarListEntry): ProviderCalendar {
  return {
    providerId: entry.id,
    name: entry.summaryOverride ?? entry.summary ?? entry.id,
    description: entry.description ?? null,
    timeZone: toIanaTimeZone(entry.timeZone),
    primary: entry.primary === true,
    canEdit: entry.accessRole === 'owner' || entry.accessRole === 'writer',
    color: entry.backgroundColor ?? null,
  };
}

function toTime(time: GoogleEventTime | undefined, fallbackZone: string | null) {
  const timeZone = toIanaTimeZone(time?.timeZone) ?? fallbackZone;
  if (time?.date) return dateValue(time.date, timeZone);
  const instant = DateTime.fromISO(time?.dateTime ?? '', { setZone: true });
  if (!instant.isValid) return { dateTime: time?.dateTime ?? null, date: null, timeZone };
  return dateTimeValue(instant, timeZone);
}

function toReminders(reminders: GoogleEvent['reminders']): EventReminder[] | null {
  if (!reminders || reminders.useDefault) return null;
  return (reminders.overrides ?? []).map((override) => ({
    method: override.method === 'email' ? ReminderMethod.EMAIL : ReminderMethod.POPUP,
    minutesBefore: override.minutes ?? 0,
  }));
}

export function toEvent(event: GoogleEvent, calendarProviderId: string, calendarZone: string | null): ProviderEvent {
  const video = event.conferenceData?.entryPoints?.find((entry) => entry.entryPointType === 'video')?.uri;
  return {
    calendarProviderId,
    eventProviderId: event.id,
    recurringEventProviderId: event.recurringEventId ?? null,
    title: event.summary ?? '',
    description: event.description ?? null,
    location: event.location ?? null,
    start: toTime(event.start, calendarZone),
    end: toTime(event.end, calendarZone),
    allDay: Boolean(event.start?.date),
    attendees: (event.attendees ?? [])
      .filter((attendee) => attendee.email)
      .map((attendee) => ({
        email: attendee.email as string,
        name: attendee.displayName ?? null,
        responseStatus: responseByGoogle[attendee.responseStatus ?? 'needsAction'] ?? AttendeeResponseStatus.NEEDS_ACTION,
        optional: attendee.optional === true,
        organizer: attendee.organizer === true,
        self: attendee.self === true,
        resource: attendee.resource === true,
        comment: attendee.comment ?? null,
        additionalGuests: attendee.additionalGuests ?? 0,
      })),
    organizer: event.organizer
      ? { email: event.organizer.email ?? null, name: event.organizer.displayName ?? null, self: event.organizer.self === true }
      : null,
    reminders: toReminders(event.reminders),
    recurrence: event.recurrence ?? [],
    conferenceUrl: event.hangoutLink ?? video ?? null,
    status: statusByGoogle[event.status ?? 'confirmed'] ?? EventStatus.CONFIRMED,
    createdAt: event.created ? new Date(event.created) : null,
    updatedAt: event.updated ? new Date(event.updated) : null,
  };
}

function toGoogleTime(time: NormalizedTime, recurring: boolean): GoogleEventTime {
  if (time.kind === 'date') return { date: time.date, ...(time.timeZone ? { timeZone: time.timeZone } : {}) };
  // Google requires a time zone on the start and end of a recurring event, to expand the series.
  const timeZone = time.timeZone ?? (recurring ? 'UTC' : undefined);
  return { dateTime: formatInstant(time.instant, time.timeZone), ...(timeZone ? { timeZone } : {}) };
}

/** Builds an events.insert or events.patch body; fields left undefined are not sent. */
function toGoogleBody(write: EventWrite): Record<string, unknown> {
  const recurring = (write.recurrence?.length ?? 0) > 0;
  const body: Record<string, unknown> = {};
  if (write.title !== undefined) body.summary = write.title;
  if (write.description !== undefined) body.description = write.description ?? '';
  if (write.location !== undefined) body.location = write.location ?? '';
  if (write.start !== undefined) body.start = toGoogleTime(write.start, recurring);
  if (write.end !== undefined) body.end = toGoogleTime(write.end, recurring);
  if (write.recurrence !== undefined) body.recurrence = write.recurrence;
  if (write.attendees !== undefined) {
    body.attendees = write.attendees.map((attendee) => ({
      email: attendee.email,
      ...(attendee.name ? { displayName: attendee.name } : {}),
      optional: attendee.optional,
      ...(attendee.responseStatus ? { responseStatus: googleByResponse[attendee.responseStatus] } : {}),
    }));
  }
  if (write.reminders !== undefined) {
    body.reminders =
      write.reminders === null
        ? { useDefault: true }
        : {
            useDefault: false,
            overrides: write.reminders.map((reminder) => ({ method: reminder.method === ReminderMethod.EMAIL ? 'email' : 'popup', minutes: reminder.minutesBefore })),
          };
  }
  return body;
}
