import { DateTime } from 'luxon';
import type { AppError } from '../../graphql/errors';
import { createEventWrite } from '../calendar-rules';
import { expandSeries, requireOccurrence, validateRecurrenceLines } from '../recurrence';

// Guards against a walk to the year 9999, which takes seconds. It is no benchmark, because the test machine is shared and loaded.
const maxExpansionMs = 200;

const start = DateTime.fromISO('2026-01-05T09:00:00', { zone: 'Europe/Berlin' });
const windowStart = DateTime.fromISO('2026-12-01T00:00:00Z');
const windowEnd = DateTime.fromISO('2026-12-08T00:00:00Z');

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

/** Expands `lines` as a stored series starting at `from`, returning the occurrences and the elapsed milliseconds. */
function timedExpansion(lines: string[], from: DateTime = start, until: DateTime = windowEnd, after: DateTime | null = windowStart) {
  const began = process.hrtime.bigint();
  const occurrences = expandSeries({ start: from, end: from.plus({ hours: 1 }), allDay: false, timeZone: 'Europe/Berlin', recurrence: lines }, until, after);
  const elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
  return { occurrences, elapsedMs };
}

/** Runs the write-side checks of createEvent on `lines`. */
function writeSideCheck(lines: string[], from: DateTime = start): void {
  createEventWrite({
    title: 'Probe',
    start: { dateTime: from.toISO() as string },
    end: { dateTime: from.plus({ hours: 1 }).toISO() as string },
    recurrence: lines,
  } as Parameters<typeof createEventWrite>[0]);
}

describe('adversarial recurrence rules', () => {
  const rejected: Array<[string, string[], string]> = [
    ['February 30, daily', ['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'], 'select no date'],
    ['February 30, yearly', ['RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'], 'select no date'],
    ['April 31', ['RRULE:FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31'], 'select no date'],
    ['April 31 from the end', ['RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-31'], 'select no date'],
    ['day 366 in March', ['RRULE:FREQ=YEARLY;BYYEARDAY=366;BYMONTH=3'], 'select no date'],
    ['day 60 on March 2', ['RRULE:FREQ=YEARLY;BYYEARDAY=60;BYMONTHDAY=2'], 'select no date'],
    ['a never-matching EXRULE', ['RRULE:FREQ=DAILY', 'EXRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'], 'select no date'],
    ['FREQ=SECONDLY', ['RRULE:FREQ=SECONDLY'], 'FREQ=SECONDLY'],
    ['FREQ=MINUTELY', ['RRULE:FREQ=MINUTELY;COUNT=5'], 'FREQ=MINUTELY'],
    ['FREQ=HOURLY', ['RRULE:FREQ=HOURLY;INTERVAL=2'], 'FREQ=HOURLY'],
    ['BYHOUR on a daily rule', ['RRULE:FREQ=DAILY;BYHOUR=1,2,3'], 'BYHOUR'],
    ['BYSETPOS=-400', ['RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-400'], 'BYSETPOS'],
    ['BYSETPOS past a month', ['RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-40'], 'BYSETPOS=-40'],
    ['BYWEEKNO on a monthly rule', ['RRULE:FREQ=MONTHLY;BYWEEKNO=53'], 'BYWEEKNO'],
    ['BYMONTHDAY=32', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=32'], 'BYMONTHDAY'],
    ['BYDAY ordinal 6 in a month', ['RRULE:FREQ=MONTHLY;BYDAY=6MO'], 'BYDAY'],
    ['COUNT=0', ['RRULE:FREQ=DAILY;COUNT=0'], 'COUNT'],
  ];

  it.each(rejected)('rejects %s statically', (_name, lines, text) => {
    const error = failure(() => validateRecurrenceLines(lines));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('input.recurrence');
    expect(error.message).toContain(text);
  });

  const probed: Array<[string, string[], DateTime]> = [
    // 2027 to 2031 have no ISO week 53 and 2026's week 53 ends before this start.
    ['week 53 only in years without it', ['RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;UNTIL=20311231T000000Z'], DateTime.fromISO('2027-01-10T09:00:00', { zone: 'Europe/Berlin' })],
    // Every fourth year from 2025 is a common year, so February 29 never comes.
    ['February 29 every fourth common year', ['RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29'], DateTime.fromISO('2025-01-05T09:00:00', { zone: 'Europe/Berlin' })],
    ['day 366 in common years only', ['RRULE:FREQ=YEARLY;INTERVAL=4;BYYEARDAY=366'], DateTime.fromISO('2025-01-05T09:00:00', { zone: 'Europe/Berlin' })],
    ['UNTIL before the start', ['RRULE:FREQ=DAILY;UNTIL=20250101T000000Z'], start],
    ['every occurrence excluded', ['RRULE:FREQ=DAILY;COUNT=1', 'EXDATE:20260105T080000Z'], start],
  ];

  it.each(probed)('rejects %s after a bounded probe', (_name, lines, from) => {
    const began = process.hrtime.bigint();
    const error = failure(() => writeSideCheck(lines, from));
    const elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('input.recurrence');
    expect(error.message).toContain('no occurrence');
    expect(elapsedMs).toBeLessThan(maxExpansionMs);
  });

  const stored: Array<[string, string[]]> = [
    ['February 30, daily', ['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30']],
    ['April 31, weekly', ['RRULE:FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31']],
    ['day 366 with a common-year interval', ['RRULE:FREQ=YEARLY;INTERVAL=4;BYYEARDAY=366']],
    ['week 53 yearly', ['RRULE:FREQ=YEARLY;BYWEEKNO=53']],
    // rrule's parser rejects BYSETPOS=-400 itself, so the stored case uses a position past a month's candidates.
    ['BYSETPOS=-40', ['RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-40']],
    ['FREQ=SECONDLY', ['RRULE:FREQ=SECONDLY']],
    ['FREQ=MINUTELY', ['RRULE:FREQ=MINUTELY']],
    ['FREQ=HOURLY', ['RRULE:FREQ=HOURLY']],
    ['COUNT=1000000', ['RRULE:FREQ=DAILY;COUNT=1000000']],
    ['UNTIL in 9999', ['RRULE:FREQ=DAILY;UNTIL=99991231T235959Z']],
    ['a never-matching EXRULE', ['RRULE:FREQ=DAILY', 'EXRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30']],
  ];

  it.each(stored)('expands a stored %s within the time bound', (_name, lines) => {
    // Warm up once, so the measurement does not include compiling rrule.
    timedExpansion(['RRULE:FREQ=DAILY;COUNT=3']);
    const { elapsedMs } = timedExpansion(lines);
    expect(elapsedMs).toBeLessThan(maxExpansionMs);
  });

  it('still lists the window of a valid rule with COUNT=1000000', () => {
    const { occurrences } = timedExpansion(['RRULE:FREQ=DAILY;COUNT=1000000']);
    expect(occurrences.map((occurrence) => occurrence.start.toISODate())).toContain('2026-12-01');
    expect(occurrences).toHaveLength(8);
  });

  it('returns the window of a series rather than its first thousand occurrences', () => {
    const { occurrences } = timedExpansion(['RRULE:FREQ=DAILY'], DateTime.fromISO('2024-01-03T09:00:00', { zone: 'Europe/Berlin' }));
    expect(occurrences[0].start.toISODate()).toBe('2026-11-30');
    expect(occurrences.at(-1)?.start.toISODate()).toBe('2026-12-07');
  });

  it('expands a rule too rare for the budget to nothing, quickly', () => {
    // February 29 is next a Monday in 2044, more daily periods away than the budget allows.
    const { occurrences, elapsedMs } = timedExpansion(['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO'], start, DateTime.fromISO('2080-01-01T00:00:00Z'), null);
    expect(occurrences).toEqual([]);
    expect(elapsedMs).toBeLessThan(maxExpansionMs);
  });

  it('accepts a rare rule whose first occurrence the probe reaches', () => {
    const from = DateTime.fromISO('2026-03-01T09:00:00', { zone: 'Europe/Berlin' });
    expect(() => requireOccurrence(['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29'], { kind: 'dateTime', instant: from.toUTC(), timeZone: 'Europe/Berlin' })).not.toThrow();
  });
});
