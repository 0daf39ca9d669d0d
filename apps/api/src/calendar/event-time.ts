import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { badUserInput } from '../graphql/errors';

/**
 * A start or end of an event after validation: either an instant with the zone it was
 * given in (UTC when none), or a calendar date for all-day events.
 */
export type NormalizedTime =
  | { kind: 'dateTime'; instant: DateTime; timeZone: string | null }
  | { kind: 'date'; date: string; timeZone: string | null };

/** The unified start or end of an event, as the API returns it. */
export interface EventTimeValue {
  dateTime: string | null;
  date: string | null;
  timeZone: string | null;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const offsetPattern = /(Z|[+-]\d{2}:?\d{2})$/i;

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * Maps a provider's time zone name to an IANA name: IANA names pass through, Windows names
 * (which Microsoft Graph uses in `originalStartTimeZone`) are looked up in the CLDR table
 * of the windows-iana package. Returns null for names neither knows.
 */
export function toIanaTimeZone(name: string | null | undefined): string | null {
  if (!name) return null;
  if (name === 'UTC' || name === 'Etc/UTC') return 'UTC';
  if (isValidTimeZone(name)) return name;
  const candidates = findIana(name);
  return candidates && candidates.length > 0 ? candidates[0] : null;
}

/**
 * Validates one EventTime input. `dateTime` needs an offset (`Z` or `+01:00`) unless
 * `timeZone` is given, in which case a local time is read as wall-clock time in that zone.
 */
export function normalizeEventTime(
  input: { dateTime?: string | null; date?: string | null; timeZone?: string | null },
  field: string,
): NormalizedTime {
  const timeZone = input.timeZone ?? null;
  if (timeZone !== null && !isValidTimeZone(timeZone)) {
    throw badUserInput(`${field}.timeZone`, `${field}.timeZone must be an IANA time zone name such as Europe/Berlin; got "${timeZone}".`);
  }
  const hasDateTime = input.dateTime !== undefined && input.dateTime !== null;
  const hasDate = input.date !== undefined && input.date !== null;
  if (hasDateTime === hasDate) {
    throw badUserInput(field, `${field} must set exactly one of dateTime (a timed event) or date (an all-day event).`);
  }
  if (hasDate) {
    const date = input.date as string;
    if (!datePattern.test(date) || !DateTime.fromISO(date, { zone: 'UTC' }).isValid) {
      throw badUserInput(`${field}.date`, `${field}.date must be a calendar date in the form YYYY-MM-DD; got "${date}".`);
    }
    return { kind: 'date', date, timeZone };
  }
  const text = (input.dateTime as string).trim();
  const hasOffset = offsetPattern.test(text);
  if (!hasOffset && timeZone === null) {
    throw badUserInput(
      `${field}.dateTime`,
      `${field}.dateTime needs a UTC offset (for example 2026-03-02T09:30:00+01:00) or a timeZone to read it in.`,
    );
  }
  const parsed = hasOffset ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text, { zone: timeZone as string });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    throw badUserInput(`${field}.dateTime`, `${field}.dateTime must be an ISO 8601 date and time; got "${text}".`);
  }
  return { kind: 'dateTime', instant: parsed.toUTC(), timeZone };
}

/**
 * Checks that start and end are of the same kind and that end comes after start. End dates
 * of all-day events are exclusive, as at Google and Microsoft: a one-day event on March 2
 * ends on March 3.
 */
export function checkEventSpan(start: NormalizedTime, end: NormalizedTime, field = 'input'): void {
  if (start.kind !== end.kind) {
    throw badUserInput(`${field}.end`, `${field}.start and ${field}.end must both be dates (all-day) or both date-times.`);
  }
  const endsAfterStart =
    start.kind === 'date' && end.kind === 'date'
      ? end.date > start.date
      : start.kind === 'dateTime' && end.kind === 'dateTime' && end.instant.toMillis() > start.instant.toMillis();
  if (!endsAfterStart) {
    const rule = start.kind === 'date' ? 'a later date than start (end dates of all-day events are exclusive)' : 'after start';
    throw badUserInput(`${field}.end`, `${field}.end must be ${rule}.`);
  }
}

/** Formats an instant as ISO 8601 with the offset of `timeZone` (UTC when null or unknown). */
export function formatInstant(instant: DateTime, timeZone: string | null): string {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return instant.setZone(zone).toISO({ suppressMilliseconds: true }) as string;
}

/** Builds the API value for a timed start or end. */
export function dateTimeValue(instant: DateTime, timeZone: string | null): EventTimeValue {
  return { dateTime: formatInstant(instant, timeZone), date: null, timeZone };
}

/** Builds the API value for the date of an all-day start or end. */
export function dateValue(date: string, timeZone: string | null): EventTimeValue {
  return { dateTime: null, date, timeZone };
}

/** Reads an API EventTime value back as a NormalizedTime; used when a patch keeps one side. */
export function normalizeStoredTime(value: EventTimeValue): NormalizedTime {
  if (value.date) return { kind: 'date', date: value.date, timeZone: value.timeZone };
  return { kind: 'dateTime', instant: DateTime.fromISO(value.dateTime as string, { setZone: true }).toUTC(), timeZone: value.timeZone };
}

/** The wall-clock time of an instant in a zone, without offset, as Microsoft Graph expects it. */
export function localDateTime(instant: DateTime, timeZone: string): string {
  return instant.setZone(timeZone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/** Start of the day (UTC midnight) of a date, used to compare all-day events with instants. */
export function startOfDate(date: string, timeZone: string | null): DateTime {
  return DateTime.fromISO(date, { zone: timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC' }).toUTC();
}
