import { AppError } from '../../graphql/errors';
import { graphToRRule, rruleToGraph, type GraphPatternedRecurrence } from '../graph-recurrence';

// 2026-03-02 is a Monday.
const start = { date: '2026-03-02', timeZone: 'Europe/Berlin' };

function rejection(lines: string[]): AppError {
  try {
    rruleToGraph(lines, start);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`expected ${lines.join(' ')} to be rejected`);
}

describe('rruleToGraph', () => {
  const cases: Array<[string, GraphPatternedRecurrence['pattern'], Partial<GraphPatternedRecurrence['range']>]> = [
    ['RRULE:FREQ=DAILY;INTERVAL=2;COUNT=10', { type: 'daily', interval: 2 }, { type: 'numbered', numberOfOccurrences: 10 }],
    [
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260630T215959Z',
      { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday', 'friday'], firstDayOfWeek: 'monday' },
      { type: 'endDate', endDate: '2026-06-30' },
    ],
    ['RRULE:FREQ=WEEKLY', { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' }, { type: 'noEnd' }],
    [
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU',
      { type: 'weekly', interval: 2, daysOfWeek: ['tuesday'], firstDayOfWeek: 'sunday' },
      { type: 'noEnd' },
    ],
    [
      'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
      { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], firstDayOfWeek: 'monday' },
      { type: 'noEnd' },
    ],
    ['RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 }, { type: 'numbered' }],
    ['RRULE:FREQ=MONTHLY;INTERVAL=3', { type: 'absoluteMonthly', interval: 3, dayOfMonth: 2 }, { type: 'noEnd' }],
    ['RRULE:FREQ=MONTHLY;BYDAY=2TU', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' }, { type: 'noEnd' }],
    ['RRULE:FREQ=MONTHLY;BYDAY=-1FR', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, { type: 'noEnd' }],
    [
      'RRULE:FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1',
      { type: 'relativeMonthly', interval: 1, daysOfWeek: ['saturday', 'sunday'], index: 'first' },
      { type: 'noEnd' },
    ],
    ['RRULE:FREQ=YEARLY', { type: 'absoluteYearly', interval: 1, month: 3, dayOfMonth: 2 }, { type: 'noEnd' }],
    ['RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24', { type: 'absoluteYearly', interval: 1, month: 12, dayOfMonth: 24 }, { type: 'noEnd' }],
    [
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
      { type: 'relativeYearly', interval: 1, month: 11, daysOfWeek: ['thursday'], index: 'fourth' },
      { type: 'noEnd' },
    ],
  ];

  it.each(cases)('translates %s', (line, pattern, range) => {
    const result = rruleToGraph([line], start);
    expect(result.pattern).toEqual(pattern);
    expect(result.range).toMatchObject({ ...range, startDate: '2026-03-02', recurrenceTimeZone: 'Europe/Berlin' });
  });

  const rejected: Array<[string, string]> = [
    ['RRULE:FREQ=HOURLY', 'FREQ=HOURLY'],
    ['RRULE:FREQ=WEEKLY;BYHOUR=9', 'BYHOUR'],
    ['RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15', 'several BYMONTHDAY'],
    ['RRULE:FREQ=MONTHLY;BYDAY=5MO', 'week position 5'],
    ['RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260310', 'both COUNT and UNTIL'],
    ['RRULE:INTERVAL=2', 'without FREQ'],
    ['RRULE:FREQ=DAILY;INTERVAL=0', 'INTERVAL'],
  ];

  it.each(rejected)('rejects %s naming the rule', (line, text) => {
    const error = rejection([line]);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('input.recurrence');
    expect(error.message).toContain(text);
  });

  it('rejects EXDATE and RDATE lines', () => {
    expect(rejection(['RRULE:FREQ=DAILY', 'EXDATE:20260304T090000Z']).message).toContain('EXDATE');
    expect(rejection(['RDATE:20260304T090000Z']).message).toContain('RDATE');
  });
});

describe('graphToRRule', () => {
  const range = { type: 'noEnd' as const, startDate: '2026-03-02' };
  const cases: Array<[GraphPatternedRecurrence, string]> = [
    [{ pattern: { type: 'daily', interval: 1 }, range }, 'RRULE:FREQ=DAILY'],
    [{ pattern: { type: 'daily', interval: 3 }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 5 } }, 'RRULE:FREQ=DAILY;INTERVAL=3;COUNT=5'],
    [
      { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'], firstDayOfWeek: 'sunday' }, range },
      'RRULE:FREQ=WEEKLY;BYDAY=MO,TH',
    ],
    [
      { pattern: { type: 'weekly', interval: 2, daysOfWeek: ['tuesday'], firstDayOfWeek: 'sunday' }, range },
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU',
    ],
    [
      { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 }, range: { type: 'endDate', startDate: '2026-03-02', endDate: '2026-12-31' } },
      'RRULE:FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20261231T235959Z',
    ],
    [{ pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range }, 'RRULE:FREQ=MONTHLY;BYDAY=-1FR'],
    [
      { pattern: { type: 'relativeMonthly', interval: 2, daysOfWeek: ['saturday', 'sunday'], index: 'first' }, range },
      'RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=SA,SU;BYSETPOS=1',
    ],
    [{ pattern: { type: 'absoluteYearly', interval: 1, month: 7, dayOfMonth: 4 }, range }, 'RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4'],
    [
      { pattern: { type: 'relativeYearly', interval: 1, month: 11, daysOfWeek: ['thursday'], index: 'fourth' }, range },
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
    ],
  ];

  it.each(cases)('translates %j', (recurrence, line) => {
    expect(graphToRRule(recurrence)).toEqual([line]);
  });

  it('round-trips each pattern type through RRULE', () => {
    for (const [recurrence] of cases) {
      const back = rruleToGraph(graphToRRule(recurrence), start);
      expect(back.pattern.type).toBe(recurrence.pattern.type);
      expect(back.pattern.interval).toBe(recurrence.pattern.interval);
      expect(back.pattern.daysOfWeek).toEqual(recurrence.pattern.daysOfWeek);
      expect(back.range.type).toBe(recurrence.range.type);
    }
  });
});
