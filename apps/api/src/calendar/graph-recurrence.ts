import { badUserInput } from '../graphql/errors';

/** Microsoft Graph's patternedRecurrence resource (pattern plus range). */
export interface GraphPatternedRecurrence {
  pattern: {
    type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
    interval: number;
    month?: number;
    dayOfMonth?: number;
    daysOfWeek?: GraphDayOfWeek[];
    firstDayOfWeek?: GraphDayOfWeek;
    index?: GraphWeekIndex;
  };
  range: {
    type: 'endDate' | 'noEnd' | 'numbered';
    startDate: string;
    endDate?: string;
    recurrenceTimeZone?: string;
    numberOfOccurrences?: number;
  };
}

export type GraphDayOfWeek = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type GraphWeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

const dayByCode: Record<string, GraphDayOfWeek> = {
  SU: 'sunday',
  MO: 'monday',
  TU: 'tuesday',
  WE: 'wednesday',
  TH: 'thursday',
  FR: 'friday',
  SA: 'saturday',
};
const codeByDay = Object.fromEntries(Object.entries(dayByCode).map(([code, day]) => [day, code])) as Record<GraphDayOfWeek, string>;
const indexByPosition: Record<string, GraphWeekIndex> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };
const positionByIndex = Object.fromEntries(Object.entries(indexByPosition).map(([position, index]) => [index, position])) as Record<
  GraphWeekIndex,
  string
>;

/** RRULE parts this translation understands (RFC 5545 section 3.3.10). */
const supportedParts = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST']);

/** Parses the value of an RRULE line (with or without the `RRULE:` prefix) into its parts. */
export function parseRRuleParts(line: string, field: string): Map<string, string> {
  const body = line.trim().replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const piece of body.split(';')) {
    const [name, value, ...rest] = piece.split('=');
    if (!name || value === undefined || value === '' || rest.length > 0) {
      throw badUserInput(field, `${field} has a malformed RRULE part "${piece}"; expected NAME=VALUE pairs separated by semicolons.`);
    }
    parts.set(name.trim().toUpperCase(), value.trim().toUpperCase());
  }
  if (!parts.has('FREQ')) throw badUserInput(field, `${field} has an RRULE without FREQ.`);
  return parts;
}

interface ByDay {
  position: string | null;
  code: string;
}

function parseByDay(value: string, field: string): ByDay[] {
  return value.split(',').map((item) => {
    const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(item);
    if (!match) throw badUserInput(field, `${field} has an invalid BYDAY value "${item}".`);
    return { position: match[1] ? String(Number(match[1])) : null, code: match[2] };
  });
}

function positiveInteger(value: string | undefined, part: string, field: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) {
    throw badUserInput(field, `${field} has an invalid ${part} "${value}"; expected a whole number from 1 to ${max}.`);
  }
  return number;
}

function weekIndexOf(position: string, field: string): GraphWeekIndex {
  const index = indexByPosition[position];
  if (!index) {
    throw badUserInput(field, `${field} uses the week position ${position}, but Microsoft calendars support only 1 to 4 and -1 (last).`);
  }
  return index;
}

/** Reads RRULE's UNTIL (a date, or a UTC date-time) as the calendar date Graph's range ends on. */
function untilDate(value: string, field: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (!match) throw badUserInput(field, `${field} has an invalid UNTIL "${value}"; expected YYYYMMDD or YYYYMMDDTHHMMSSZ.`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * Translates RFC 5545 recurrence lines to Graph's patternedRecurrence. `start` is the date
 * of the series' first occurrence (YYYY-MM-DD) and its weekday, day and month fill the
 * pattern where the RRULE leaves them implicit, as RFC 5545 does. Graph has no RDATE and
 * no EXDATE (exceptions are made by editing or cancelling an occurrence), so those lines,
 * and rules Graph cannot express (hourly, BYWEEKNO, several month days, ...), are
 * BAD_USER_INPUT on `field`.
 */
export function rruleToGraph(lines: readonly string[], start: { date: string; timeZone: string }, field = 'input.recurrence'): GraphPatternedRecurrence {
  const rules = lines.filter((line) => /^RRULE:/i.test(line.trim()));
  const others = lines.filter((line) => !/^RRULE:/i.test(line.trim()));
  if (others.length > 0) {
    const kind = others[0].split(/[:;]/)[0].toUpperCase();
    throw badUserInput(field, `${field} contains ${kind}, which Microsoft calendars do not support; use a single RRULE line.`);
  }
  if (rules.length !== 1) throw badUserInput(field, `${field} must contain exactly one RRULE line for a Microsoft calendar.`);

  const parts = parseRRuleParts(rules[0], field);
  for (const name of parts.keys()) {
    if (!supportedParts.has(name)) throw badUserInput(field, `${field} uses ${name}, which Microsoft calendars cannot express.`);
  }
  const [year, month, day] = start.date.split('-').map(Number);
  const startWeekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const interval = positiveInteger(parts.get('INTERVAL'), 'INTERVAL', field, 999) ?? 1;
  const byDay = parts.has('BYDAY') ? parseByDay(parts.get('BYDAY') as string, field) : [];
  const setPosition = parts.get('BYSETPOS');
  const monthDays = parts.get('BYMONTHDAY')?.split(',') ?? [];
  if (monthDays.length > 1) throw badUserInput(field, `${field} lists several BYMONTHDAY values; Microsoft calendars take one day of the month.`);
  const monthDay = positiveInteger(monthDays[0], 'BYMONTHDAY', field, 31);
  const months = parts.get('BYMONTH')?.split(',') ?? [];
  if (months.length > 1) throw badUserInput(field, `${field} lists several BYMONTH values; Microsoft calendars take one month.`);
  const byMonth = positiveInteger(months[0], 'BYMONTH', field, 12);
  const weekStart = parts.get('WKST');
  if (weekStart !== undefined && !dayByCode[weekStart]) throw badUserInput(field, `${field} has an invalid WKST "${weekStart}".`);

  const days = (list: ByDay[]) => list.map((item) => dayByCode[item.code]);
  const relative = (): { daysOfWeek: GraphDayOfWeek[]; index: GraphWeekIndex } => {
    const positions = new Set(byDay.map((item) => item.position));
    if (positions.size !== 1) throw badUserInput(field, `${field} mixes BYDAY positions; Microsoft calendars take one week position.`);
    const position = byDay[0].position ?? setPosition;
    if (position === null || position === undefined) throw badUserInput(field, `${field} needs a week position such as BYDAY=2TU.`);
    if (byDay[0].position !== null && setPosition !== undefined) throw badUserInput(field, `${field} sets both a BYDAY position and BYSETPOS.`);
    return { daysOfWeek: days(byDay), index: weekIndexOf(position, field) };
  };
  if (setPosition !== undefined && byDay.length === 0) throw badUserInput(field, `${field} uses BYSETPOS without BYDAY.`);

  let pattern: GraphPatternedRecurrence['pattern'];
  switch (parts.get('FREQ')) {
    case 'DAILY':
      if (monthDay !== undefined || byMonth !== undefined) throw badUserInput(field, `${field} combines FREQ=DAILY with month filters, which Microsoft calendars cannot express.`);
      if (byDay.length > 0) {
        // A daily rule limited to weekdays is a weekly rule on those days, but only every week.
        if (interval !== 1 || byDay.some((item) => item.position !== null)) {
          throw badUserInput(field, `${field} combines FREQ=DAILY with BYDAY and an interval, which Microsoft calendars cannot express.`);
        }
        pattern = { type: 'weekly', interval: 1, daysOfWeek: days(byDay), firstDayOfWeek: dayByCode[weekStart ?? 'MO'] };
      } else {
        pattern = { type: 'daily', interval };
      }
      break;
    case 'WEEKLY':
      if (byDay.some((item) => item.position !== null) || monthDay !== undefined || byMonth !== undefined || setPosition !== undefined) {
        throw badUserInput(field, `${field} combines FREQ=WEEKLY with positions or month filters, which Microsoft calendars cannot express.`);
      }
      pattern = {
        type: 'weekly',
        interval,
        daysOfWeek: byDay.length > 0 ? days(byDay) : [dayByCode[startWeekday]],
        firstDayOfWeek: dayByCode[weekStart ?? 'MO'],
      };
      break;
    case 'MONTHLY':
      if (byMonth !== undefined) throw badUserInput(field, `${field} combines FREQ=MONTHLY with BYMONTH, which Microsoft calendars cannot express.`);
      if (byDay.length > 0) {
        if (monthDay !== undefined) throw badUserInput(field, `${field} combines BYDAY and BYMONTHDAY, which Microsoft calendars cannot express.`);
        pattern = { type: 'relativeMonthly', interval, ...relative() };
      } else {
        pattern = { type: 'absoluteMonthly', interval, dayOfMonth: monthDay ?? day };
      }
      break;
    case 'YEARLY':
      if (byDay.length > 0) {
        if (monthDay !== undefined) throw badUserInput(field, `${field} combines BYDAY and BYMONTHDAY, which Microsoft calendars cannot express.`);
        pattern = { type: 'relativeYearly', interval, month: byMonth ?? month, ...relative() };
      } else {
        pattern = { type: 'absoluteYearly', interval, month: byMonth ?? month, dayOfMonth: monthDay ?? day };
      }
      break;
    default:
      throw badUserInput(field, `${field} uses FREQ=${parts.get('FREQ')}; Microsoft calendars support DAILY, WEEKLY, MONTHLY and YEARLY.`);
  }

  const count = positiveInteger(parts.get('COUNT'), 'COUNT', field, 999);
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) throw badUserInput(field, `${field} sets both COUNT and UNTIL; RFC 5545 allows only one.`);
  const range: GraphPatternedRecurrence['range'] =
    count !== undefined
      ? { type: 'numbered', startDate: start.date, numberOfOccurrences: count, recurrenceTimeZone: start.timeZone }
      : until !== undefined
        ? { type: 'endDate', startDate: start.date, endDate: untilDate(until, field), recurrenceTimeZone: start.timeZone }
        : { type: 'noEnd', startDate: start.date, recurrenceTimeZone: start.timeZone };
  return { pattern, range };
}

/**
 * Translates Graph's patternedRecurrence back to one RRULE line. Graph's end date is a
 * calendar date that includes the last day, so UNTIL is the end of that day in UTC.
 */
export function graphToRRule(recurrence: GraphPatternedRecurrence): string[] {
  const { pattern, range } = recurrence;
  const parts: string[] = [];
  const days = (pattern.daysOfWeek ?? []).map((day) => codeByDay[day]).filter(Boolean);
  const interval = pattern.interval && pattern.interval > 1 ? [`INTERVAL=${pattern.interval}`] : [];
  const position = pattern.index ? positionByIndex[pattern.index] : '1';
  switch (pattern.type) {
    case 'daily':
      parts.push('FREQ=DAILY', ...interval);
      break;
    case 'weekly':
      parts.push('FREQ=WEEKLY', ...interval);
      if (days.length > 0) parts.push(`BYDAY=${days.join(',')}`);
      if (pattern.firstDayOfWeek && pattern.firstDayOfWeek !== 'monday' && (pattern.interval ?? 1) > 1) {
        parts.push(`WKST=${codeByDay[pattern.firstDayOfWeek]}`);
      }
      break;
    case 'absoluteMonthly':
      parts.push('FREQ=MONTHLY', ...interval, `BYMONTHDAY=${pattern.dayOfMonth}`);
      break;
    case 'relativeMonthly':
      parts.push('FREQ=MONTHLY', ...interval, ...relativeParts(days, position));
      break;
    case 'absoluteYearly':
      parts.push('FREQ=YEARLY', ...interval, `BYMONTH=${pattern.month}`, `BYMONTHDAY=${pattern.dayOfMonth}`);
      break;
    case 'relativeYearly':
      parts.push('FREQ=YEARLY', ...interval, `BYMONTH=${pattern.month}`, ...relativeParts(days, position));
      break;
  }
  if (range.type === 'numbered' && range.numberOfOccurrences) parts.push(`COUNT=${range.numberOfOccurrences}`);
  if (range.type === 'endDate' && range.endDate) parts.push(`UNTIL=${range.endDate.replace(/-/g, '')}T235959Z`);
  return [`RRULE:${parts.join(';')}`];
}

/** One weekday with a position is BYDAY=2TU; several weekdays share the position through BYSETPOS. */
function relativeParts(days: string[], position: string): string[] {
  if (days.length === 1) return [`BYDAY=${position}${days[0]}`];
  return [`BYDAY=${days.join(',')}`, `BYSETPOS=${position}`];
}
