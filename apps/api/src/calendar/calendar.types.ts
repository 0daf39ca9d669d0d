import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../graphql/connection';
import { ValueType } from '../metering/cost-annotations';

export enum AttendeeResponseStatus {
  NEEDS_ACTION = 'NEEDS_ACTION',
  ACCEPTED = 'ACCEPTED',
  TENTATIVE = 'TENTATIVE',
  DECLINED = 'DECLINED',
}

registerEnumType(AttendeeResponseStatus, {
  name: 'AttendeeResponseStatus',
  description: "An attendee's response to an invitation.",
  valuesConfig: {
    NEEDS_ACTION: { description: 'The attendee has not responded yet.' },
    ACCEPTED: { description: 'The attendee accepted.' },
    TENTATIVE: { description: 'The attendee accepted tentatively.' },
    DECLINED: { description: 'The attendee declined.' },
  },
});

export enum EventStatus {
  CONFIRMED = 'CONFIRMED',
  TENTATIVE = 'TENTATIVE',
  CANCELLED = 'CANCELLED',
}

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Whether an event takes place.',
  valuesConfig: {
    CONFIRMED: { description: 'The event takes place.' },
    TENTATIVE: { description: 'The event is planned but not confirmed (Google calendars only).' },
    CANCELLED: { description: 'The event was cancelled; cancelled occurrences of a series can still be listed.' },
  },
});

export enum ReminderMethod {
  POPUP = 'POPUP',
  EMAIL = 'EMAIL',
}

registerEnumType(ReminderMethod, {
  name: 'ReminderMethod',
  description: 'How a reminder reaches the calendar owner.',
  valuesConfig: {
    POPUP: { description: 'A notification in the calendar application.' },
    EMAIL: { description: 'An email (Google calendars and the sandbox only).' },
  },
});

@ObjectType({ description: 'A calendar of a connected account.' })
export class Calendar {
  @Field(() => ID, { description: 'Opaque id that names the integration and the calendar at the provider.' })
  id: string;

  @Field({ description: 'Name of the calendar as the account owner sees it.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Longer description of the calendar; null when it has none.' })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone of the calendar, for example Europe/Berlin; null when the provider does not report one.' })
  timeZone: string | null;

  @Field({ description: "True for the account's primary (default) calendar, which `events` reads when no calendar is named." })
  primary: boolean;

  @Field({ description: 'True when the connected account may create, change and delete events in this calendar.' })
  canEdit: boolean;

  @Field(() => String, { nullable: true, description: 'Display color as #rrggbb; null when the provider sets none.' })
  color: string | null;
}

@ValueType()
@ObjectType({ description: 'The start or end of an event: a date-time for timed events or a date for all-day events.' })
export class EventTime {
  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601 date and time with the UTC offset of `timeZone` (UTC when that is null), for example 2026-03-02T09:30:00+01:00; null for all-day events.',
  })
  dateTime: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Calendar date YYYY-MM-DD of an all-day event; the end date is exclusive, so a one-day event on March 2 ends on March 3. Null for timed events.',
  })
  date: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone the event was scheduled in; null when the provider reports none.' })
  timeZone: string | null;
}

@ValueType()
@ObjectType({ description: 'A person or resource invited to an event.' })
export class EventAttendee {
  @Field({ description: 'Email address of the attendee.' })
  email: string;

  @Field(() => String, { nullable: true, description: 'Display name; null when the provider has none.' })
  name: string | null;

  @Field(() => AttendeeResponseStatus, { description: 'Response of the attendee to the invitation.' })
  responseStatus: AttendeeResponseStatus;

  @Field({ description: 'True when attendance is optional.' })
  optional: boolean;

  @Field({ description: 'True for the organizer of the event.' })
  organizer: boolean;

  @Field({ description: 'True when this attendee is the connected account itself (Google calendars and the sandbox only).' })
  self: boolean;

  @Field({ description: 'True for a resource such as a meeting room.' })
  resource: boolean;

  @Field(() => String, { nullable: true, description: "The attendee's comment on the response; null when none." })
  comment: string | null;

  @Field(() => Int, { description: 'Number of additional guests the attendee brings (Google calendars only, otherwise 0).' })
  additionalGuests: number;
}

@ValueType()
@ObjectType({ description: 'The person who organizes an event.' })
export class EventOrganizer {
  @Field(() => String, { nullable: true, description: 'Email address of the organizer; null when the provider hides it.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Display name; null when the provider has none.' })
  name: string | null;

  @Field({ description: 'True when the connected account organizes the event.' })
  self: boolean;
}

@ValueType()
@ObjectType({ description: 'A reminder before an event starts.' })
export class EventReminder {
  @Field(() => ReminderMethod, { description: 'How the reminder is delivered.' })
  method: ReminderMethod;

  @Field(() => Int, { description: 'Minutes before the start of the event.' })
  minutesBefore: number;
}

@ObjectType({ description: 'An event of a calendar: a single event, a recurring series, or one occurrence of a series.' })
export class Event {
  @Field(() => ID, { description: 'Opaque id that names the integration, the calendar and the event at the provider.' })
  id: string;

  @Field(() => ID, { description: 'Id of the calendar the event belongs to, as returned by `calendars`.' })
  calendarId: string;

  @Field({ description: 'Title (summary or subject) of the event; empty when it has none.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Description or body of the event as text; null when it has none.' })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Free-form location; null when it has none.' })
  location: string | null;

  @Field(() => EventTime, { description: 'When the event starts.' })
  start: EventTime;

  @Field(() => EventTime, { description: 'When the event ends (exclusive).' })
  end: EventTime;

  @Field({ description: 'True for an all-day event, whose start and end carry dates instead of date-times.' })
  allDay: boolean;

  @Field(() => [EventAttendee], { description: 'People and resources invited, with their responses; empty when none.' })
  attendees: EventAttendee[];

  @Field(() => EventOrganizer, { nullable: true, description: 'Organizer of the event; null when the provider reports none.' })
  organizer: EventOrganizer | null;

  @Field(() => [EventReminder], {
    nullable: true,
    description: "Reminders of this event; null when the event uses the calendar's default reminders.",
  })
  reminders: EventReminder[] | null;

  @Field(() => [String], {
    description: 'Recurrence of a series as RFC 5545 lines (RRULE, RDATE, EXDATE); empty for single events and occurrences.',
  })
  recurrence: string[];

  @Field(() => ID, { nullable: true, description: 'For an occurrence of a recurring series, the id of the series event; otherwise null.' })
  recurringEventId: string | null;

  @Field(() => String, { nullable: true, description: 'Link to join the online meeting of the event; null when it has none.' })
  conferenceUrl: string | null;

  @Field(() => EventStatus, { description: 'Whether the event takes place.' })
  status: EventStatus;

  @Field(() => Date, { nullable: true, description: 'When the event was created; null when the provider does not report it.' })
  createdAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the event was last changed; null when the provider does not report it.' })
  updatedAt: Date | null;
}

@ObjectType({ description: 'An event in a page of events.' })
export class EventEdge {
  @Field({ description: 'Cursor of this edge; pass it as `after` to read the events that follow it.' })
  cursor: string;

  @Field(() => Event, { description: 'The event.' })
  node: Event;
}

@ObjectType({ description: 'A page of events.' })
export class EventConnection {
  @Field(() => [EventEdge], { description: 'The events of this page, in the order of the list.' })
  edges: EventEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo: PageInfo;

  @Field(() => Int, {
    nullable: true,
    description: 'Number of events in the whole list when the provider reports it (the sandbox does); null for Google and Microsoft, which do not count.',
  })
  totalCount: number | null;
}
