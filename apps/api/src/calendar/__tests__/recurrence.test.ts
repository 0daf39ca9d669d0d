import { DateTime } from 'luxon';
import type { AppError } from '../../graphql/errors';
import { checkEventSpan, normalizeEventTime, toIanaTimeZone } from '../event-time';
import { exdateLine, expandSeries, validateRecurrenceLines } from '../recurrence';
import { seedSandboxCalendar } from '../sandbox/sandbox-calendar-seed';

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('expandSeries', () => {
  it('keeps wall-clock time across a daylight-saving change', () => {
    // Berlin moves from UTC+1 to UTC+2 on 2026-03-29.
    const start = DateTime.fromISO('2026-03-27T09:00:00', { zone: 'Europe/Berlin' });
    const occurrences = expandSeries(
      { start, end: start.plus({ hours: 1 }), allDay: false, timeZone: 'Europe/Berlin', recurrence: ['RRULE:FREQ=DAILY;COUNT=4'] },
      DateTime.fromISO('2026-05-01T00:00:00Z'),
    );
    expect(occurrences.map((occurrence) => occurrence.start.toISO({ suppressMilliseconds: true }))).toEqual([
      '2026-03-27T09:00:00+01:00',
      '2026-03-28T09:00:00+01:00',
      '2026-03-29T09:00:00+02:00',
      '2026-03-30T09:00:00+02:00',
    ]);
    expect(occurrences[2].suffix).toBe('20260329T070000Z');
  });

  it('skips EXDATE given in UTC, in a zone and as a date', () => {
    const start = DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Europe/Berlin' });
    const series = (exdate: string) =>
      expandSeries(
        { start, end: start.plus({ hours: 1 }), allDay: false, timeZone: 'Europe/Berlin', recurrence: ['RRULE:FREQ=DAILY;COUNT=3', exdate] },
        DateTime.fromISO('2026-04-01T00:00:00Z'),
      ).map((occurrence) => occurrence.start.day);
    expect(series('EXDATE:20260303T080000Z')).toEqual([2, 4]);
    expect(series('EXDATE;TZID=Europe/Berlin:20260303T090000')).toEqual([2, 4]);
    expect(series(exdateLine(start.plus({ days: 2 }), false, 'Europe/Berlin'))).toEqual([2, 3]);
  });

  it('expands all-day series with date suffixes and stops at the limit', () => {
    const start = DateTime.fromISO('2026-01-25', { zone: 'Europe/Berlin' });
    const occurrences = expandSeries(
      { start, end: start.plus({ days: 1 }), allDay: true, timeZone: 'Europe/Berlin', recurrence: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=25'] },
      DateTime.fromISO('2026-04-01T00:00:00Z'),
    );
    expect(occurrences.map((occurrence) => occurrence.suffix)).toEqual(['20260125', '20260225', '20260325']);
  });
});

describe('validateRecurrenceLines', () => {
  it('accepts RRULE with EXDATE and RDATE', () => {
    expect(validateRecurrenceLines([' RRULE:FREQ=WEEKLY;BYDAY=MO ', 'EXDATE:20260309T090000Z', 'RDATE;VALUE=DATE:20260311'])).toEqual([
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'EXDATE:20260309T090000Z',
      'RDATE;VALUE=DATE:20260311',
    ]);
  });

  it.each([
    [['FREQ=DAILY'], 'must start with RRULE'],
    [['RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY'], 'at most one RRULE'],
    [['EXDATE:20260309T090000Z'], 'needs an RRULE or RDATE'],
    [['RRULE:FREQ=DAILY;BYFOO=1'], 'not a valid RFC 5545 recurrence'],
    [['RRULE:COUNT=3'], 'without FREQ'],
  ])('rejects %j', (lines, text) => {
    const error = failure(() => validateRecurrenceLines(lines));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(text);
  });
});

describe('event times', () => {
  it('reads local time in the given zone', () => {
    const time = normalizeEventTime({ dateTime: '2026-07-01T09:00:00', timeZone: 'America/New_York' }, 'input.start');
    expect(time.kind === 'dateTime' && time.instant.toISO()).toBe('2026-07-01T13:00:00.000Z');
  });

  it('rejects an all-day event that ends on its start date', () => {
    const start = normalizeEventTime({ date: '2026-07-01' }, 'input.start');
    const end = normalizeEventTime({ date: '2026-07-01' }, 'input.end');
    expect(failure(() => checkEventSpan(start, end)).message).toContain('exclusive');
  });

  it('maps Windows zone names to IANA names', () => {
    expect(toIanaTimeZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(toIanaTimeZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(toIanaTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(toIanaTimeZone('Nowhere Standard Time')).toBeNull();
  });
});

describe('seedSandboxCalendar', () => {
  const anchor = DateTime.fromISO('2026-03-04T12:00:00Z');
  const now = new Date('2026-03-04T12:00:00Z');

  it('gives the same data for the same integration', () => {
    expect(seedSandboxCalendar('integration-a', anchor, now)).toEqual(seedSandboxCalendar('integration-a', anchor, now));
  });

  it('gives other data to another integration', () => {
    const first = seedSandboxCalendar('integration-a', anchor, now).events.map((event) => event.title);
    const second = seedSandboxCalendar('integration-b', anchor, now).events.map((event) => event.title);
    expect(second).not.toEqual(first);
  });

  it('spreads about a hundred events around the anchor', () => {
    const seed = seedSandboxCalendar('integration-a', anchor, now);
    expect(seed.calendars).toHaveLength(4);
    expect(seed.events.length).toBeGreaterThanOrEqual(80);
    expect(seed.events.length).toBeLessThanOrEqual(160);
    const starts = seed.events.map((event) => event.startAt.getTime());
    expect(Math.min(...starts)).toBeLessThan(anchor.minus({ weeks: 6 }).toMillis());
    expect(Math.max(...starts)).toBeGreaterThan(anchor.plus({ weeks: 6 }).toMillis());
    expect(seed.events.filter((event) => event.recurrence.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(seed.events.filter((event) => event.allDay).length).toBeGreaterThanOrEqual(8);
  });
});
