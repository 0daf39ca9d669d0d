import { badUserInput } from '../graphql/errors';
import type { AttendeeWrite, EventWrite } from './calendar-adapter';
import type { EventReminder } from './calendar.types';
import { checkEventSpan, normalizeEventTime, type NormalizedTime } from './event-time';
import type { CreateEventInput, EventAttendeeInput, EventReminderInput, EventTimeInput, UpdateEventInput } from './inputs/calendar.inputs';
import { requireOccurrence, validateRecurrenceLines } from './recurrence';

export const maxTitleLength = 1024;
export const maxDescriptionLength = 16_000;
export const maxLocationLength = 1024;
export const maxAttendees = 100;
/** Google's limit on reminder overrides per event. */
export const maxReminders = 5;
/** Google's limit on minutes before the start of an event (four weeks). */
export const maxReminderMinutes = 40_320;
export const maxRecurrenceLines = 20;
export const maxSearchLength = 200;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(value: string | null | undefined, field: string, max: number): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value.length > max) throw badUserInput(field, `${field} must be at most ${max} characters; got ${value.length}.`);
  return value;
}

function attendees(list: EventAttendeeInput[] | null | undefined, field: string): AttendeeWrite[] | undefined {
  if (list === undefined) return undefined;
  if (list === null) return [];
  if (list.length > maxAttendees) throw badUserInput(field, `${field} may list at most ${maxAttendees} attendees; got ${list.length}.`);
  const seen = new Set<string>();
  return list.map((attendee, index) => {
    const email = attendee.email.trim();
    if (!emailPattern.test(email) || email.length > 320) throw badUserInput(`${field}[${index}].email`, `${field}[${index}].email is not a valid email address.`);
    if (seen.has(email.toLowerCase())) throw badUserInput(`${field}[${index}].email`, `${field}[${index}].email ${email} is listed twice.`);
    seen.add(email.toLowerCase());
    return { email, name: text(attendee.name, `${field}[${index}].name`, 255) ?? null, optional: attendee.optional === true, responseStatus: attendee.responseStatus ?? null };
  });
}

function reminders(list: EventReminderInput[] | null | undefined, field: string): EventReminder[] | null | undefined {
  if (list === undefined || list === null) return list;
  if (list.length > maxReminders) throw badUserInput(field, `${field} may hold at most ${maxReminders} reminders; got ${list.length}.`);
  return list.map((reminder, index) => {
    if (!Number.isInteger(reminder.minutesBefore) || reminder.minutesBefore < 0 || reminder.minutesBefore > maxReminderMinutes) {
      throw badUserInput(`${field}[${index}].minutesBefore`, `${field}[${index}].minutesBefore must be from 0 to ${maxReminderMinutes} minutes.`);
    }
    return { method: reminder.method, minutesBefore: reminder.minutesBefore };
  });
}

function recurrence(lines: string[] | null | undefined, field: string): string[] | undefined {
  if (lines === undefined) return undefined;
  if (lines === null || lines.length === 0) return [];
  if (lines.length > maxRecurrenceLines) throw badUserInput(field, `${field} may hold at most ${maxRecurrenceLines} lines.`);
  lines.forEach((line, index) => text(line, `${field}[${index}]`, 1000));
  return validateRecurrenceLines(lines, field);
}

function time(value: EventTimeInput | null | undefined, field: string): NormalizedTime | undefined {
  return value === undefined || value === null ? undefined : normalizeEventTime(value, field);
}

/** Validates createEvent's fields; a missing start or end, or an end before start, names the field. */
export function createEventWrite(input: CreateEventInput): EventWrite {
  const start = time(input.start, 'input.start');
  const end = time(input.end, 'input.end');
  if (!start) throw badUserInput('input.start', 'input.start is required.');
  if (!end) throw badUserInput('input.end', 'input.end is required: give the end as a dateTime, or as a date for an all-day event.');
  checkEventSpan(start, end);
  const title = input.title.trim();
  text(title, 'input.title', maxTitleLength);
  const lines = recurrence(input.recurrence, 'input.recurrence') ?? [];
  requireOccurrence(lines, start, 'input.recurrence');
  return {
    title,
    description: text(input.description, 'input.description', maxDescriptionLength) ?? null,
    location: text(input.location, 'input.location', maxLocationLength) ?? null,
    start,
    end,
    attendees: attendees(input.attendees, 'input.attendees') ?? [],
    reminders: reminders(input.reminders, 'input.reminders') ?? null,
    recurrence: lines,
  };
}

/**
 * Validates updateEvent's fields. Start and end are checked against each other later, once
 * the side that the input leaves out has been read from the provider, and so is whether a
 * new recurrence produces an occurrence from the start.
 */
export function updateEventWrite(input: UpdateEventInput): EventWrite {
  if (input.title === null) throw badUserInput('input.title', 'input.title cannot be null; leave it out to keep the title.');
  if (input.start === null) throw badUserInput('input.start', 'input.start cannot be null; leave it out to keep the start.');
  if (input.end === null) throw badUserInput('input.end', 'input.end cannot be null; leave it out to keep the end.');
  const write: EventWrite = {
    title: input.title === undefined ? undefined : input.title.trim(),
    description: text(input.description, 'input.description', maxDescriptionLength),
    location: text(input.location, 'input.location', maxLocationLength),
    start: time(input.start, 'input.start'),
    end: time(input.end, 'input.end'),
    attendees: attendees(input.attendees, 'input.attendees'),
    reminders: reminders(input.reminders, 'input.reminders'),
    recurrence: recurrence(input.recurrence, 'input.recurrence'),
  };
  text(write.title, 'input.title', maxTitleLength);
  return Object.fromEntries(Object.entries(write).filter(([, value]) => value !== undefined)) as EventWrite;
}
