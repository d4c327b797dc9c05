/**
 * When a screening happens: the occasion in the member's course (STAR's screening points), the first
 * day of the member's benefit period, and the screening date, with the rules that tie them together.
 * Defined once for storage, which re-checks what it stores, and the API, which names the field.
 */
import { z } from 'zod';

/**
 * The occasions: during the notice period (before the benefit period starts), the first interview
 * (the CV interview within 14 days of the start), the week-9 and week-13 interviews, and any other.
 */
export const OCCASIONS = ['notice_period', 'first_interview', 'week_9', 'week_13', 'other'] as const;

/** Zod schema for an occasion. */
export const occasionSchema = z.enum(OCCASIONS);

/** An occasion. */
export type Occasion = z.infer<typeof occasionSchema>;

/** What a request leaves out: the occasion is not known. */
export const DEFAULT_OCCASION: Occasion = 'other';

/** The earliest date accepted: screenings in this form do not predate it, and older dates are typing errors. */
export const EARLIEST_DATE = '2000-01-01';

/** Zod schema for a calendar date as YYYY-MM-DD; zod refuses days a month does not have (2025-02-29). */
export const calendarDateSchema = z.iso
  .date('must be a real date as YYYY-MM-DD')
  .refine((d) => d >= EARLIEST_DATE, `must not be before ${EARLIEST_DATE}`);

// Intl holds the time-zone rules (summer time included); a hand-written offset would drift.
const COPENHAGEN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Denmark (Europe/Copenhagen) at the instant `at`, as YYYY-MM-DD. */
export function copenhagenDate(at: Date): string {
  return COPENHAGEN.format(at);
}

const DAY_MS = 86_400_000;

/** Whole days from `a` to `b`, both YYYY-MM-DD. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Longest plausible distance between a screening and the start of its benefit period (a year, leap day included). */
export const MAX_DAYS_FROM_PERIOD_START = 366;

/** The timing of one screening, dates already valid. */
export interface ScreeningTiming {
  occasion: Occasion;
  benefitPeriodStart: string | null;
  screeningDate: string;
}

/**
 * What is wrong with a screening's timing, each with the field to blame; empty when it is consistent.
 * `today` is the Danish date now: a screening cannot be dated after it. A notice-period screening
 * comes before the benefit period starts; every other occasion on or after its first day, and none
 * more than a year away from it.
 */
export function screeningTimingIssues(t: ScreeningTiming, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (t.screeningDate > today) issues.push({ path: 'screeningDate', message: `must not be in the future (today in Denmark is ${today})` });
  const start = t.benefitPeriodStart;
  if (start === null) return issues;
  const days = daysBetween(start, t.screeningDate);
  if (t.occasion === 'notice_period' && days >= 0) {
    issues.push({ path: 'screeningDate', message: 'a notice_period screening must be dated before benefitPeriodStart' });
  } else if (t.occasion !== 'notice_period' && days < 0) {
    issues.push({ path: 'screeningDate', message: `a ${t.occasion} screening must be dated on or after benefitPeriodStart` });
  } else if (Math.abs(days) > MAX_DAYS_FROM_PERIOD_START) {
    issues.push({
      path: 'benefitPeriodStart',
      message: `must lie within ${MAX_DAYS_FROM_PERIOD_START} days of screeningDate (it is ${Math.abs(days)} days away)`,
    });
  }
  return issues;
}
