import type { DateTime } from 'luxon';
import type { ProviderCredentials } from '../integrations/integration-access';
import type { EventAttendee, EventOrganizer, EventReminder, EventStatus, EventTime } from './calendar.types';
import type { NormalizedTime } from './event-time';

/** A calendar as an adapter reads it, with the provider's own id. */
export interface ProviderCalendar {
  providerId: string;
  name: string;
  description: string | null;
  timeZone: string | null;
  primary: boolean;
  canEdit: boolean;
  color: string | null;
}

/** An event as an adapter reads it, with provider ids that the service turns into opaque ids. */
export interface ProviderEvent {
  calendarProviderId: string;
  eventProviderId: string;
  /** Provider id of the series event for an occurrence, in the same calendar. */
  recurringEventProviderId: string | null;
  title: string;
  description: string | null;
  location: string | null;
  start: EventTime;
  end: EventTime;
  allDay: boolean;
  attendees: EventAttendee[];
  organizer: EventOrganizer | null;
  reminders: EventReminder[] | null;
  recurrence: string[];
  conferenceUrl: string | null;
  status: EventStatus;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * One listing request to a calendar. With a window, recurring series are expanded into
 * their occurrences and only events that end after `startAfter` and start before
 * `startBefore` are returned, ordered by start. Without one, series come back as one
 * event each, in the provider's order.
 */
export interface EventQuery {
  window: { startAfter: DateTime; startBefore: DateTime } | null;
  search: string | null;
}

export interface EventPage {
  events: ProviderEvent[];
  /** Token of the next page at the provider; null on the last page. */
  nextPageToken: string | null;
  /** Size of the whole list, when the provider counts it. */
  totalCount: number | null;
}

export interface AttendeeWrite {
  email: string;
  name: string | null;
  optional: boolean;
  responseStatus: EventAttendee['responseStatus'] | null;
}

/** Validated fields of a create (all set) or an update (undefined = unchanged, null = cleared). */
export interface EventWrite {
  title?: string;
  description?: string | null;
  location?: string | null;
  start?: NormalizedTime;
  end?: NormalizedTime;
  attendees?: AttendeeWrite[];
  /** Null returns the event to the calendar's default reminders. */
  reminders?: EventReminder[] | null;
  recurrence?: string[];
}

/** What one provider's calendar API offers, in the unified model. */
export interface CalendarAdapter {
  listCalendars(credentials: ProviderCredentials): Promise<ProviderCalendar[]>;
  /** Provider id of the account's primary calendar. */
  primaryCalendarId(credentials: ProviderCredentials): Promise<string>;
  listEvents(
    credentials: ProviderCredentials,
    calendarProviderId: string,
    query: EventQuery,
    page: { token: string | null; size: number },
  ): Promise<EventPage>;
  getEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<ProviderEvent>;
  createEvent(credentials: ProviderCredentials, calendarProviderId: string, write: EventWrite): Promise<ProviderEvent>;
  updateEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string, write: EventWrite): Promise<ProviderEvent>;
  deleteEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<void>;
}
