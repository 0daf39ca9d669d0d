/** UTC calendar periods of usage: days as YYYY-MM-DD and months as YYYY-MM. */

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function utcMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

/** First instant of the month after `month`: when its quota resets. */
export function nextMonthStart(month: string): Date {
  const start = monthStart(month);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The `count` months ending with the month of `at`, newest first. */
export function recentMonths(at: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = 0; back < count; back += 1) {
    months.push(utcMonth(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1))));
  }
  return months;
}

/** Every day of `month` up to and including `until`'s day (all of it for past months). */
export function daysOf(month: string, until: Date): string[] {
  const days: string[] = [];
  const end = Math.min(nextMonthStart(month).getTime(), Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate() + 1));
  for (let day = monthStart(month).getTime(); day < end; day += 24 * 3600 * 1000) days.push(utcDay(new Date(day)));
  return days;
}
