/**
 * What the hand-written checks in front of zod (outcomeCheck.ts here and in the service's schemas,
 * prepareAudits) share: zod's measure of a string's length, and the calendar-date check done by the
 * schema itself once per distinct date.
 */
import { calendarDateSchema } from '../screening/occasion.js';

/** Code points in `s`, as zod counts a string's length (a surrogate pair once, a lone surrogate as itself). */
export function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/** Whether `s` has at most `max` code points; the count only when its UTF-16 length is over. */
export const withinCodePoints = (s: string, max: number): boolean => s.length <= max || codePoints(s) <= max;

/**
 * Dates calendarDateSchema accepted, so each distinct period start is checked by the schema itself
 * once (a batch's periods share a few hundred first days); bounded so a stream of distinct dates
 * cannot grow it.
 */
const goodDates = new Set<string>();
const GOOD_DATES_MAX = 4096;

/** Whether calendarDateSchema accepts `v`. */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  if (goodDates.has(v)) return true;
  if (!calendarDateSchema.safeParse(v).success) return false;
  if (goodDates.size >= GOOD_DATES_MAX) goodDates.clear();
  goodDates.add(v);
  return true;
}
