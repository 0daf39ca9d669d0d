import { DateTime } from 'luxon';
import { rrulestr, type RRuleSet } from 'rrule';
import { badUserInput } from '../graphql/errors';
import { parseRRuleParts } from './graph-recurrence';

/** Occurrences expanded per series at most, so that an endless daily rule stays cheap. */
export const maxOccurrencesPerSeries = 1000;

const linePattern = /^(RRULE|EXRULE|RDATE|EXDATE)([;:])/i;

/**
 * Checks RFC 5545 recurrence lines (RRULE, EXRULE, RDATE, EXDATE) the way Google accepts
 * them, and returns them trimmed. At most one RRULE; the rule must parse.
 */
export function validateRecurrenceLines(lines: readonly string[], field = 'input.recurrence'): string[] {
  const trimmed = lines.map((line) => line.trim());
  trimmed.forEach((line, index) => {
    if (!linePattern.test(line)) {
      throw badUserInput(field, `${field}[${index}] must start with RRULE:, EXRULE:, RDATE or EXDATE; got "${line.slice(0, 40)}".`);
    }
    if (/^RRULE:/i.test(line)) parseRRuleParts(line, `${field}[${index}]`);
  });
  if (trimmed.filter((line) => /^RRULE:/i.test(line)).length > 1) throw badUserInput(field, `${field} may contain at most one RRULE line.`);
  if (trimmed.length > 0 && !trimmed.some((line) => /^(RRULE|RDATE)/i.test(line))) {
    throw badUserInput(field, `${field} needs an RRULE or RDATE line; EXDATE and EXRULE alone define no occurrences.`);
  }
  try {
    buildRuleSet(trimmed, DateTime.fromISO('2026-01-01T00:00:00', { zone: 'UTC' }), 'UTC');
  } catch (error) {
    throw badUserInput(field, `${field} is not a valid RFC 5545 recurrence: ${(error as Error).message}.`);
  }
  return trimmed;
}

/** Rewrites the values of an RDATE or EXDATE line as floating wall-clock times in `zone`. */
function floatingDates(line: string, zone: string): string {
  const separator = line.indexOf(':');
  const name = line.slice(0, line.search(/[;:]/)).toUpperCase();
  const params = line.slice(0, separator);
  const lineZone = /TZID=([^;:]+)/i.exec(params)?.[1] ?? zone;
  const values = line
    .slice(separator + 1)
    .split(',')
    .map((value) => {
      const text = value.trim();
      if (/^\d{8}$/.test(text)) return `${text}T000000`;
      const instant = text.endsWith('Z')
        ? DateTime.fromFormat(text, "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' })
        : DateTime.fromFormat(text, "yyyyMMdd'T'HHmmss", { zone: lineZone });
      if (!instant.isValid) throw new Error(`invalid date "${text}" in ${name}`);
      return instant.setZone(zone).toFormat("yyyyMMdd'T'HHmmss");
    });
  return `${name}:${values.join(',')}`;
}

/**
 * Builds an rrule set over "floating" times: the wall-clock time in `zone` written as UTC
 * fields, which is how the rrule package handles zones without shifting occurrences across
 * daylight-saving changes.
 */
function buildRuleSet(lines: readonly string[], start: DateTime, zone: string): RRuleSet {
  const body = lines.map((line) => (/^(RDATE|EXDATE)/i.test(line) ? floatingDates(line, zone) : line.trim()));
  const dtstart = `DTSTART:${start.setZone(zone).toFormat("yyyyMMdd'T'HHmmss")}`;
  return rrulestr([dtstart, ...body].join('\n'), { forceset: true }) as RRuleSet;
}

export interface Occurrence {
  start: DateTime;
  end: DateTime;
  /** Google-style id suffix: `20260302T083000Z` (UTC start) or `20260302` for all-day series. */
  suffix: string;
}

/** Expands a series into the occurrences that start before `until`, in the series' zone. */
export function expandSeries(
  series: { start: DateTime; end: DateTime; allDay: boolean; timeZone: string | null; recurrence: readonly string[] },
  until: DateTime,
): Occurrence[] {
  const zone = series.timeZone ?? 'UTC';
  const set = buildRuleSet(series.recurrence, series.start, zone);
  const durationMs = series.end.toMillis() - series.start.toMillis();
  const limit = until.setZone(zone);
  const floatingLimit = new Date(Date.UTC(limit.year, limit.month - 1, limit.day, limit.hour, limit.minute, limit.second));
  const occurrences: Occurrence[] = [];
  set.all((date) => {
    if (date >= floatingLimit || occurrences.length >= maxOccurrencesPerSeries) return false;
    const start = DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() },
      { zone },
    );
    const suffix = series.allDay ? start.toFormat('yyyyMMdd') : start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
    occurrences.push({ start, end: start.plus({ milliseconds: durationMs }), suffix });
    return true;
  });
  return occurrences;
}

/** Builds the EXDATE line that removes the occurrence starting at `start` from a series. */
export function exdateLine(start: DateTime, allDay: boolean, zone: string | null): string {
  if (allDay) return `EXDATE;VALUE=DATE:${start.setZone(zone ?? 'UTC').toFormat('yyyyMMdd')}`;
  return `EXDATE:${start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}
