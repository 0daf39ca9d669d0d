import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AttendeeResponseStatus, Event, ReminderMethod } from '../calendar.types';

@InputType({ description: 'The start or end of an event: set dateTime for a timed event or date for an all-day event.' })
export class EventTimeInput {
  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601 date and time, with a UTC offset (2026-03-02T09:30:00+01:00) or, when timeZone is set, as local time in that zone (2026-03-02T09:30:00).',
  })
  dateTime?: string | null;

  @Field(() => String, { nullable: true, description: 'Calendar date YYYY-MM-DD of an all-day event; end dates are exclusive.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone such as Europe/Berlin; the calendar keeps the event in this zone, which matters for recurring events.' })
  timeZone?: string | null;
}

@InputType({ description: 'A person or resource to invite.' })
export class EventAttendeeInput {
  @Field({ description: 'Email address of the attendee.' })
  email: string;

  @Field(() => String, { nullable: true, description: 'Display name of the attendee.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when attendance is optional; false when omitted.' })
  optional?: boolean | null;

  @Field(() => AttendeeResponseStatus, {
    nullable: true,
    description: "The attendee's response, when already known. Google calendars and the sandbox store it; Microsoft calendars track responses themselves and ignore it.",
  })
  responseStatus?: AttendeeResponseStatus | null;
}

@InputType({ description: 'A reminder before an event starts.' })
export class EventReminderInput {
  @Field(() => ReminderMethod, { description: 'How the reminder is delivered; Microsoft calendars accept only POPUP.' })
  method: ReminderMethod;

  @Field(() => Int, { description: 'Minutes before the start, from 0 to 40320 (four weeks).' })
  minutesBefore: number;
}

@InputType({ description: 'Which events to list.' })
export class EventFilter {
  @Field(() => [ID], { nullable: true, description: "Calendars to read, as returned by `calendars`; the account's primary calendar when omitted or empty." })
  calendarIds?: string[] | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Lists the events that end after this time, so that an event in progress is included. With startAfter or startBefore set, series are expanded into their occurrences, ordered by start; a missing bound is taken as 366 days from the other.',
  })
  startAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Lists the events that start before this time.' })
  startBefore?: Date | null;

  @Field(() => String, { nullable: true, description: 'Text to search for (title, at Microsoft; title, description, location and attendees, at Google and in the sandbox).' })
  search?: string | null;
}

@ArgsType()
export class EventsArgs {
  @Field(() => ID, { description: 'The integration whose calendars are read.' })
  integrationId: string;

  @Field(() => Int, { nullable: true, description: 'Page size from 1 to 100; 10 when omitted.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge after which the page starts.' })
  after?: string | null;

  @Field(() => EventFilter, { nullable: true, description: 'Which events to list; the primary calendar, unexpanded, when omitted.' })
  filter?: EventFilter | null;
}

@InputType({ description: 'A new event.' })
export class CreateEventInput {
  @Field(() => ID, { nullable: true, description: "Calendar to create the event in, as returned by `calendars`; the primary calendar of integrationId when omitted." })
  calendarId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Integration whose primary calendar receives the event; needed only when calendarId is omitted.' })
  integrationId?: string | null;

  @Field({ description: 'Title of the event, up to 1024 characters.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Description as text, up to 16000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Free-form location, up to 1024 characters.' })
  location?: string | null;

  @Field(() => EventTimeInput, { nullable: true, description: 'When the event starts. Required.' })
  start?: EventTimeInput | null;

  @Field(() => EventTimeInput, { nullable: true, description: 'When the event ends, after start and of the same kind (date or dateTime). Required.' })
  end?: EventTimeInput | null;

  @Field(() => [EventAttendeeInput], { nullable: true, description: 'People and resources to invite, at most 100.' })
  attendees?: EventAttendeeInput[] | null;

  @Field(() => [EventReminderInput], { nullable: true, description: "Up to 5 reminders (1 at Microsoft); the calendar's default reminders when omitted or null." })
  reminders?: EventReminderInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'RFC 5545 recurrence lines, for example ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"]; Microsoft calendars accept one RRULE line and no RDATE or EXDATE.',
  })
  recurrence?: string[] | null;
}

@InputType({ description: 'Changes to an event; fields left out keep their value.' })
export class UpdateEventInput {
  @Field(() => ID, { description: 'The event to change; an occurrence id changes only that occurrence.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New title, up to 1024 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New location; null clears it.' })
  location?: string | null;

  @Field(() => EventTimeInput, { nullable: true, description: 'New start; the end is kept unless given too, and must still follow the start.' })
  start?: EventTimeInput | null;

  @Field(() => EventTimeInput, { nullable: true, description: 'New end.' })
  end?: EventTimeInput | null;

  @Field(() => [EventAttendeeInput], { nullable: true, description: 'The complete new list of attendees; null or an empty list removes them all.' })
  attendees?: EventAttendeeInput[] | null;

  @Field(() => [EventReminderInput], { nullable: true, description: "The complete new list of reminders; null returns to the calendar's defaults." })
  reminders?: EventReminderInput[] | null;

  @Field(() => [String], { nullable: true, description: 'New recurrence lines of a series; null or an empty list makes it a single event.' })
  recurrence?: string[] | null;
}

@InputType({ description: 'The event to delete.' })
export class DeleteEventInput {
  @Field(() => ID, { description: 'The event to delete; an occurrence id cancels only that occurrence, a series id deletes the whole series.' })
  id: string;
}

@ObjectType({ description: 'Result of createEvent.' })
export class CreateEventPayload {
  @Field(() => Event, { description: 'The event as the provider stored it.' })
  event: Event;
}

@ObjectType({ description: 'Result of updateEvent.' })
export class UpdateEventPayload {
  @Field(() => Event, { description: 'The event after the change.' })
  event: Event;
}

@ObjectType({ description: 'Result of deleteEvent.' })
export class DeleteEventPayload {
  @Field(() => ID, { description: 'Id of the event that was deleted.' })
  deletedEventId: string;
}
