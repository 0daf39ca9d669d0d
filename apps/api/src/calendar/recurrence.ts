import { DateTime } from 'luxon';
import { rrulestr, type RRule } from 'rrule';
import { AppError, badUserInput } from '../graphql/errors';
import { startOfDate, type NormalizedTime } from './event-time';
import { checkRuleParts } from './recurrence-parts';

/** Occurrences one expansion of a series returns at most, so that an endless daily rule stays cheap. */
export const maxOccurrencesPerSeries = 1000;

/**
 * Reads of the parsed rule options that one expansion may make; this is the hard bound on
 * its work. rrule 2.8.1 checks UNTIL, COUNT and the iterator callback only when a date
 * matches, so a rule that stops matching walks period by period up to the year 9999. Its
 * iterator reads the options object for every period and several times for every candidate
 * day, so `meter` counts those reads and aborts the walk once they pass this budget.
 * rrule reads them about 6,600 times per year of a daily rule and 2,800 per year of a
 * monthly or yearly one, so the budget reaches about 6 years of a daily rule and 14 of a
 * yearly one. Rules that never match used up the budget in about 10 to 100 ms on a shared 2-core
 * machine under a load average of 11 (recurrence-budget.test.ts).
 * NOTE: a series that began longer ago than the budget reaches shows no later occurrences,
 * because the walk starts at DTSTART; moving DTSTART forward for rules without COUNT would fix that.
 */
export const expansionReadBudget = 40_000;

/** Thrown through rrule's iterator when an expansion has used up its read budget. */
class ExpansionBudgetExceeded extends Error {}

interface ReadBudget {
  reads: number;
  limit: number;
}

/** Makes every read of the rule's options count against `budget`, which all rules of one expansion share. */
function meter(rule: RRule, budget: ReadBudget): RRule {
  rule.options = new Proxy(rule.options, {
    get(target, key, receiver) {
      budget.reads += 1;
      if (budget.reads > budget.limit) throw new ExpansionBudgetExceeded();
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return rule;
}

const linePattern = /^(RRULE|EXRULE|RDATE|EXDATE)([;:])/i;

/**
 * Checks RFC 5545 recurrence lines (RRULE, EXRULE, RDATE, EXDATE) the way Google accepts
 * them, and returns them trimmed. At most one RRULE; each rule must pass `checkRuleParts`
 * and parse. Whether the lines produce an occurrence depends on the start, which
 * `requireOccurrence` checks.
 */
export function validateRecurrenceLines(lines: readonly string[], field = 'input.recurrence'): string[] {
  const trimmed = lines.map((line) => line.trim());
  trimmed.forEach((line, index) => {
    if (!linePattern.test(line)) {
      throw badUserInput(field, `${field}[${index}] must start with RRULE:, EXRULE:, RDATE or EXDATE; got "${line.slice(0, 40)}".`);
    }
    if (/^(RRULE|EXRULE):/i.test(line)) {
      try {
        checkRuleParts(line, `${field}[${index}]`);
      } catch (error) {
        // The message names the line; the error's field is the list, as for the other recurrence errors.
        if (error instanceof AppError && error.code === 'BAD_USER_INPUT') throw badUserInput(field, error.message);
        throw error;
      }
    }
  });
  if (trimmed.filter((line) => /^RRULE:/i.test(line)).length > 1) throw badUserInput(field, `${field} may contain at most one RRULE line.`);
  if (trimmed.length > 0 && !trimmed.some((line) => /^(RRULE|RDATE)/i.test(line))) {
    throw badUserInput(field, `${field} needs an RRULE or RDATE line; EXDATE and EXRULE alone define no occurrences.`);
  }
  try {
    parseLines(trimmed, DateTime.fromISO('2026-01-01T00:00:00', { zone: 'UTC' }), 'UTC', { reads: 0, limit: Infinity });
  } catch (error) {
    throw badUserInput(field, `${field} is not a valid RFC 5545 recurrence: ${(error as Error).message}.`);
  }
  return trimmed;
}

/**
 * Rejects recurrence lines that produce no occurrence from `start` on, for example a rule
 * whose BYSETPOS or BYWEEKNO no period satisfies, an UNTIL before the start, or EXDATEs
 * that remove every occurrence. The search stops at the read budget, so a rule whose first
 * occurrence lies further out than the budget reaches is rejected as well.
 */
export function requireOccurrence(lines: readonly string[], start: NormalizedTime, field = 'input.recurrence'): void {
  if (lines.length === 0) return;
  const first = start.kind === 'date' ? startOfDate(start.date, start.timeZone) : start.instant;
  const series = { start: first, end: first, allDay: start.kind === 'date', timeZone: start.timeZone, recurrence: lines };
  // One occurrence is enough unless EXDATEs or EXRULEs may remove the first ones.
  const exclusions = lines.filter((line) => /^EXDATE/i.test(line)).reduce((total, line) => total + line.split(',').length, 0);
  const needed = lines.some((line) => /^EXRULE/i.test(line)) ? maxOccurrencesPerSeries : exclusions + 1;
  const expansion = expand(series, null, DateTime.fromISO('9999-12-31T00:00:00Z'), needed);
  if (expansion.occurrences.length > 0) return;
  if (expansion.exhausted) {
    throw badUserInput(field, `${field} produces no occurrence within the search limit after the event's start; the rule matches no date in the years it can reach, so check its BY parts.`);
  }
  throw badUserInput(field, `${field} produces no occurrence: every date it selects lies before the event's start, after UNTIL or in an EXDATE.`);
}

/** Reads the values of an RDATE or EXDATE line as "floating" dates (see `floating`). */
function floatingDates(line: string, zone: string): Date[] {
  const separator = line.indexOf(':');
  const name = line.slice(0, line.search(/[;:]/)).toUpperCase();
  const params = line.slice(0, separator);
  const lineZone = /TZID=([^;:]+)/i.exec(params)?.[1] ?? zone;
  return line
    .slice(separator + 1)
    .split(',')
    .map((value) => {
      const text = value.trim();
      const instant = /^\d{8}$/.test(text)
        ? DateTime.fromFormat(text, 'yyyyMMdd', { zone })
        : text.endsWith('Z')
          ? DateTime.fromFormat(text, "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' })
          : DateTime.fromFormat(text, "yyyyMMdd'T'HHmmss", { zone: lineZone });
      if (!instant.isValid) throw new Error(`invalid date "${text}" in ${name}`);
      return floating(instant, zone);
    });
}

/**
 * Writes the wall-clock time of `instant` in `zone` as the UTC fields of a Date, which is
 * how the rrule package handles zones without shifting occurrences across daylight-saving
 * changes.
 */
function floating(instant: DateTime, zone: string): Date {
  const local = instant.setZone(zone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

interface ParsedLines {
  rules: RRule[];
  exrules: RRule[];
  rdates: Date[];
  exdates: Set<number>;
}

/** Parses recurrence lines over floating times, with every rule metered by `budget`. */
function parseLines(lines: readonly string[], start: DateTime, zone: string, budget: ReadBudget): ParsedLines {
  const dtstart = `DTSTART:${start.setZone(zone).toFormat("yyyyMMdd'T'HHmmss")}`;
  const rule = (body: string) => meter(rrulestr(`${dtstart}\nRRULE:${body}`) as RRule, budget);
  const parsed: ParsedLines = { rules: [], exrules: [], rdates: [], exdates: new Set() };
  for (const line of lines) {
    const body = line.trim().replace(/^[A-Z]+[:;]/i, '');
    if (/^RRULE:/i.test(line)) parsed.rules.push(rule(body));
    else if (/^EXRULE:/i.test(line)) parsed.exrules.push(rule(body));
    else if (/^RDATE/i.test(line)) parsed.rdates.push(...floatingDates(line, zone));
    else floatingDates(line, zone).forEach((date) => parsed.exdates.add(date.getTime()));
  }
  return parsed;
}

export interface Occurrence {
  start: DateTime;
  end: DateTime;
  /** Google-style id suffix: `20260302T083000Z` (UTC start) or `20260302` for all-day series. */
  suffix: string;
}

interface SeriesToExpand {
  start: DateTime;
  end: DateTime;
  allDay: boolean;
  timeZone: string | null;
  recurrence: readonly string[];
}

/**
 * Expands a series into the occurrences that start before `until` and end after `from`
 * (from the series' start when null), in the series' zone, at most `maxOccurrencesPerSeries`.
 * The expansion stops early when it uses up `expansionReadBudget`.
 */
export function expandSeries(series: SeriesToExpand, until: DateTime, from: DateTime | null = null): Occurrence[] {
  return expand(series, from, until).occurrences;
}

/**
 * Expands like `expandSeries`, keeping at most `maxOccurrences`, and reports whether the read
 * budget ran out. rrule walks from DTSTART because COUNT and INTERVAL count from there, so a
 * long-running daily series can use up the budget before it reaches a window years later.
 * The dates returned are right either way, because only dates up to the point where every
 * rule has been walked are kept.
 */
function expand(
  series: SeriesToExpand,
  from: DateTime | null,
  until: DateTime,
  maxOccurrences = maxOccurrencesPerSeries,
): { occurrences: Occurrence[]; exhausted: boolean } {
  const zone = series.timeZone ?? 'UTC';
  const budget: ReadBudget = { reads: 0, limit: expansionReadBudget };
  const parsed = parseLines(series.recurrence, series.start, zone, budget);
  const durationMs = series.end.toMillis() - series.start.toMillis();
  // An occurrence that starts a day plus its duration before `from` may still overlap it; callers filter exactly.
  const window = {
    lowest: from === null ? -Infinity : floating(from, zone).getTime() - durationMs - 86_400_000,
    limit: floating(until, zone).getTime(),
  };

  const starts = new Map<number, Date>();
  for (const date of parsed.rdates) {
    if (date.getTime() >= window.lowest && date.getTime() < window.limit) starts.set(date.getTime(), date);
  }
  const walked = walkRules(parsed.rules, window, maxOccurrences, starts);
  const excluded = removeExrules(parsed.exrules, window.lowest, walked, starts);

  const dates = [...starts.values()]
    .filter((date) => !parsed.exdates.has(date.getTime()) && date.getTime() < excluded)
    .sort((a, b) => a.getTime() - b.getTime())
    .slice(0, maxOccurrences);
  const occurrences = dates.map((date) => {
    const start = DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() },
      { zone },
    );
    const suffix = series.allDay ? start.toFormat('yyyyMMdd') : start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
    return { start, end: start.plus({ milliseconds: durationMs }), suffix };
  });
  return { occurrences, exhausted: excluded < window.limit };
}

/**
 * Adds the dates of `rules` from `window.lowest` up to `window.limit` to `starts`, at most
 * `maxOccurrences` per rule. Returns the floating time up to which every rule was walked:
 * `window.limit`, or less when the read budget ran out.
 */
function walkRules(rules: RRule[], window: { lowest: number; limit: number }, maxOccurrences: number, starts: Map<number, Date>): number {
  let walked = window.limit;
  for (const rule of rules) {
    let reached = -Infinity;
    let found = 0;
    try {
      // rrule stops at the first date this callback rejects, so the walk ends past the window or once enough dates are in it.
      rule.all((date) => {
        if (date.getTime() >= window.limit || found >= maxOccurrences) return false;
        reached = date.getTime();
        if (date.getTime() >= window.lowest) {
          starts.set(date.getTime(), date);
          found += 1;
        }
        return true;
      });
    } catch (error) {
      if (!(error instanceof ExpansionBudgetExceeded)) throw error;
      walked = Math.min(walked, reached + 1);
    }
  }
  return walked;
}

/**
 * Deletes the dates of `exrules` from `starts` up to `walked`. Returns the floating time up to
 * which the remaining dates are final: `walked`, or less when the read budget ran out.
 */
function removeExrules(exrules: RRule[], lowest: number, walked: number, starts: Map<number, Date>): number {
  let excluded = walked;
  for (const exrule of exrules) {
    let reached = -Infinity;
    try {
      exrule.between(new Date(Math.max(lowest, -8.64e15)), new Date(walked), true, (date) => {
        starts.delete(date.getTime());
        reached = date.getTime();
        return true;
      });
    } catch (error) {
      if (!(error instanceof ExpansionBudgetExceeded)) throw error;
      excluded = Math.min(excluded, reached + 1);
      break;
    }
  }
  return excluded;
}

/** Builds the EXDATE line that removes the occurrence starting at `start` from a series. */
export function exdateLine(start: DateTime, allDay: boolean, zone: string | null): string {
  if (allDay) return `EXDATE;VALUE=DATE:${start.setZone(zone ?? 'UTC').toFormat('yyyyMMdd')}`;
  return `EXDATE:${start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}
