/**
 * ISO 8601 weeks (Monday first; week 1 is the week with the year's first Thursday), as used by
 * Statistics Denmark's weekly registers (`YYYYWW`). Dates are calendar dates without a time zone,
 * handled as UTC day numbers so that no local time zone or daylight-saving shift can move a day.
 */

const MS_PER_DAY = 86_400_000;

/** A calendar date `YYYY-MM-DD` as days since 1970-01-01, or undefined if it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return ms / MS_PER_DAY;
}

/** Days since 1970-01-01 back to `YYYY-MM-DD`. */
export function formatIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** A week as a running index: the number of Mondays since the Monday 1969-12-29, so weeks subtract. */
export function weekIndexOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** The Monday that starts week index `w`, as a day number. */
export function mondayOfWeekIndex(w: number): number {
  return w * 7 - 3;
}

/** The ISO year and week of a day number. */
export function isoWeekOfDay(day: number): { year: number; week: number } {
  // The ISO year is the calendar year of the Thursday of the same week.
  const thursday = day - isoWeekday(day) + 4;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / MS_PER_DAY;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** Number of ISO weeks in an ISO year: 53 when the year starts or (leap years) ends on a Thursday. */
export function weeksInIsoYear(year: number): number {
  const dec28 = Date.UTC(year, 11, 28) / MS_PER_DAY;
  return isoWeekOfDay(dec28).week;
}

/** Parses a year-week code `YYYYWW` (number or string); undefined when the week does not exist that year. */
export function parseYearWeek(code: string | number): { year: number; week: number } | undefined {
  const text = typeof code === 'number' ? String(code) : code.trim();
  const m = /^(\d{4})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = +m[1];
  const week = +m[2];
  if (year < 1900 || week < 1 || week > weeksInIsoYear(year)) return undefined;
  return { year, week };
}

/** The week index (see {@link weekIndexOfDay}) of an ISO year and week. */
export function weekIndexOfYearWeek(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4) / MS_PER_DAY; // 4 January is always in ISO week 1
  return weekIndexOfDay(jan4) + week - 1;
}

/** The `YYYYWW` code of a week index. */
export function yearWeekOfWeekIndex(w: number): number {
  const { year, week } = isoWeekOfDay(mondayOfWeekIndex(w));
  return year * 100 + week;
}
