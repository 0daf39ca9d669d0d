import { badUserInput } from '../graphql/errors';
import { parseRRuleParts } from './graph-recurrence';

/** RRULE parts of RFC 5545 section 3.3.10 that the API accepts. */
const knownParts = new Set(['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST']);

/** Frequencies of at least a day. Shorter ones are rejected as at Microsoft, because Google handles them inconsistently. */
const dailyOrLonger = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Parts that repeat an event within a day, and so make it sub-daily like FREQ=HOURLY. */
const timeOfDayParts = ['BYHOUR', 'BYMINUTE', 'BYSECOND'];

/** Parts that RFC 5545 forbids with some frequencies, mapped to those frequencies. */
const forbiddenWith: Record<string, string[]> = {
  BYWEEKNO: ['DAILY', 'WEEKLY', 'MONTHLY'],
  BYYEARDAY: ['DAILY', 'WEEKLY', 'MONTHLY'],
  BYMONTHDAY: ['WEEKLY'],
};

/** Dates one period of each frequency has at most, which bounds BYSETPOS. */
const candidatesPerPeriod: Record<string, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 };

const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Checks the parts of one RRULE or EXRULE line without expanding it: known part names, a
 * daily or longer FREQ, value ranges from RFC 5545, and that BYMONTH, BYMONTHDAY and
 * BYYEARDAY together select at least one date of a common or a leap year. Throws
 * BAD_USER_INPUT on `field` naming the part.
 */
export function checkRuleParts(line: string, field: string): void {
  const parts = parseRRuleParts(line.trim().replace(/^EXRULE:/i, ''), field);
  for (const name of parts.keys()) {
    if (!knownParts.has(name)) throw badUserInput(field, `${field} is not a valid RFC 5545 recurrence: unknown part ${name}.`);
  }
  const frequency = parts.get('FREQ') as string;
  if (!dailyOrLonger.has(frequency)) {
    throw badUserInput(field, `${field} uses FREQ=${frequency}; events may repeat DAILY, WEEKLY, MONTHLY or YEARLY, not more often.`);
  }
  for (const name of timeOfDayParts) {
    if (parts.has(name)) throw badUserInput(field, `${field} uses ${name}, which repeats the event within a day; the time of day comes from the event's start.`);
  }
  for (const [name, frequencies] of Object.entries(forbiddenWith)) {
    if (parts.has(name) && frequencies.includes(frequency)) throw badUserInput(field, `${field} combines ${name} with FREQ=${frequency}, which RFC 5545 does not allow.`);
  }

  integers(parts.get('INTERVAL'), 'INTERVAL', field, 1, Number.MAX_SAFE_INTEGER);
  integers(parts.get('COUNT'), 'COUNT', field, 1, Number.MAX_SAFE_INTEGER);
  if (parts.has('COUNT') && parts.has('UNTIL')) throw badUserInput(field, `${field} sets both COUNT and UNTIL; RFC 5545 allows only one.`);
  const months = integers(parts.get('BYMONTH'), 'BYMONTH', field, 1, 12);
  const monthDays = integers(parts.get('BYMONTHDAY'), 'BYMONTHDAY', field, 1, 31, true);
  const yearDays = integers(parts.get('BYYEARDAY'), 'BYYEARDAY', field, 1, 366, true);
  integers(parts.get('BYWEEKNO'), 'BYWEEKNO', field, 1, 53, true);
  const positions = integers(parts.get('BYSETPOS'), 'BYSETPOS', field, 1, 366, true) ?? [];
  // rrule 2.8.1 reads a negative position beyond the candidates as the first one, so such positions are rejected here.
  const candidates = candidatesPerPeriod[frequency];
  const outside = positions.find((position) => Math.abs(position) > candidates);
  if (outside !== undefined) {
    throw badUserInput(field, `${field} has BYSETPOS=${outside}, but a FREQ=${frequency} period has at most ${candidates} candidate dates.`);
  }
  checkByDay(parts.get('BYDAY'), frequency, field);
  const weekStart = parts.get('WKST');
  if (weekStart !== undefined && !weekdayCodes.includes(weekStart)) throw badUserInput(field, `${field} has an invalid WKST "${weekStart}"; expected one of ${weekdayCodes.join(', ')}.`);

  if (!selectsSomeDate(months, monthDays, yearDays)) {
    throw badUserInput(field, `${field} can never produce an occurrence: its BYMONTH, BYMONTHDAY and BYYEARDAY select no date in any year.`);
  }
}

/**
 * Reads a comma-separated list of whole numbers from `min` to `max`, or from -max to -min
 * as well when `signed`. Returns null for a missing part.
 */
function integers(value: string | undefined, part: string, field: string, min: number, max: number, signed = false): number[] | null {
  if (value === undefined) return null;
  return value.split(',').map((item) => {
    const number = Number(item);
    const magnitude = Math.abs(number);
    const valid = /^[+-]?\d+$/.test(item) && Number.isSafeInteger(number) && magnitude >= min && magnitude <= max && (signed || number > 0);
    if (!valid) {
      const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
      throw badUserInput(field, `${field} has an invalid ${part} value "${item}"; expected whole numbers from ${range}.`);
    }
    return number;
  });
}

/** Checks BYDAY values such as MO or -1FR; RFC 5545 allows ordinals up to 5 in a month and 53 in a year. */
function checkByDay(value: string | undefined, frequency: string, field: string): void {
  if (value === undefined) return;
  const maxOrdinal = frequency === 'MONTHLY' ? 5 : 53;
  for (const item of value.split(',')) {
    const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    const ordinal = match?.[1] === undefined ? null : Math.abs(Number(match[1]));
    if (!match || (ordinal !== null && (ordinal < 1 || ordinal > maxOrdinal))) {
      throw badUserInput(field, `${field} has an invalid BYDAY value "${item}"; expected a weekday code with an optional ordinal from 1 to ${maxOrdinal}, such as 2TU or -1FR.`);
    }
    if (ordinal !== null && frequency !== 'MONTHLY' && frequency !== 'YEARLY') {
      throw badUserInput(field, `${field} uses the BYDAY ordinal in "${item}" with FREQ=${frequency}; RFC 5545 allows ordinals only with MONTHLY and YEARLY.`);
    }
  }
}

const commonYearMonthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Tells whether some date of a common or a leap year passes the BYMONTH, BYMONTHDAY and BYYEARDAY filters. */
function selectsSomeDate(months: number[] | null, monthDays: number[] | null, yearDays: number[] | null): boolean {
  for (const leap of [false, true]) {
    const lengths = commonYearMonthLengths.map((length, index) => (leap && index === 1 ? 29 : length));
    const yearLength = leap ? 366 : 365;
    let yearDay = 0;
    for (let month = 1; month <= 12; month++) {
      const monthLength = lengths[month - 1];
      for (let day = 1; day <= monthLength; day++) {
        yearDay += 1;
        if (months && !months.includes(month)) continue;
        if (monthDays && !monthDays.includes(day) && !monthDays.includes(day - monthLength - 1)) continue;
        if (yearDays && !yearDays.includes(yearDay) && !yearDays.includes(yearDay - yearLength - 1)) continue;
        return true;
      }
    }
  }
  return false;
}
