/**
 * The retention rules as dates: how long screenings are kept after their benefit period ends, how long
 * audit entries are kept, and the cut-offs a run at a given time derives from them. Pure functions, so
 * the service's job, the CLI and the tests compute the same cut-offs from the same clock.
 *
 * A benefit period ends on the day its 52 weeks of follow-up are over (its first day + 364 days, the
 * long-term label's horizon), or on the date of its latest screening if that is later. A screening
 * without a known period start ends on its own screening date. A period that ended on day E is kept
 * until day E + N months and goes from that day on. Days are Danish calendar days, as screening dates are.
 */
import { copenhagenDate } from '../screening/occasion.js';

/**
 * The floor under any audit retention, in days: the AI Act (Art. 26(6)) asks deployers to keep the
 * logs of a high-risk system for at least six months, and 184 days is the longest six calendar months
 * (July to December). The database's trigger enforces this against its own clock.
 */
export const AUDIT_FLOOR_DAYS = 184;

/**
 * The floor the application applies to its own cut-off: one day more than the database's, so a clock
 * one day ahead of the database's still produces a cut-off the database accepts.
 */
export const AUDIT_FLOOR_DAYS_APPLIED = AUDIT_FLOOR_DAYS + 1;

/** Days from a benefit period's first day to the first day after its 52 weeks of follow-up. */
export const FOLLOW_UP_DAYS = 52 * 7;

/** What to delete: null keeps that kind of record for ever. */
export interface RetentionPolicy {
  /** Whole months after a screening's benefit period ends; 0 deletes it once the period is over. */
  screeningMonths: number | null;
  /** Whole months audit entries are kept, at least 6. */
  auditMonths: number | null;
}

/** The cut-offs of one run. */
export interface RetentionCutoffs {
  /**
   * `YYYY-MM-DD`: screenings whose benefit period ended on or before this day go. Concretely, a
   * screening goes when its period's first day is at most this day minus 364 days and no screening of
   * the period is dated after this day; without a period start, when its own date is at most this day.
   */
  screeningEndedBy: string | null;
  /** ISO time: audit entries written before it go. */
  auditBefore: string | null;
}

/** A retention setting that cannot be used, with the reason. */
export class RetentionPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetentionPolicyError';
  }
}

/**
 * Audit retention in years (as configured) as whole months. Refuses less than half a year (AI Act
 * Art. 26(6)) and fractions that are not whole months (0.5, 0.75, 1, 2.5 are fine; 0.6 is not).
 */
export function auditMonthsFromYears(years: number): number {
  if (!Number.isFinite(years)) throw new RetentionPolicyError('must be a number of years');
  if (years < 0.5) throw new RetentionPolicyError('must be at least 0.5 (six months, AI Act Art. 26(6))');
  if (years > 100) throw new RetentionPolicyError('must be at most 100');
  const months = Math.round(years * 12);
  if (Math.abs(months - years * 12) > 1e-9) throw new RetentionPolicyError('must be a whole number of months (a multiple of 1/12 year)');
  return months;
}

/** Checks a policy as the repository receives it; throws RetentionPolicyError naming the field. */
export function checkRetentionPolicy(p: RetentionPolicy): void {
  if (p.screeningMonths !== null && !(Number.isInteger(p.screeningMonths) && p.screeningMonths >= 0 && p.screeningMonths <= 1200)) {
    throw new RetentionPolicyError('screeningMonths: must be a whole number of months from 0 to 1200');
  }
  if (p.auditMonths !== null && !(Number.isInteger(p.auditMonths) && p.auditMonths >= 6 && p.auditMonths <= 1200)) {
    throw new RetentionPolicyError('auditMonths: must be a whole number of months from 6 to 1200 (AI Act Art. 26(6))');
  }
}

/**
 * `t` moved back by `months` calendar months in UTC, the day clamped to the target month's last day
 * (31 August − 6 months = 28 or 29 February), as PostgreSQL's interval arithmetic does. Hand-written:
 * a dozen lines, where a date library would be the project's only one.
 */
export function monthsBefore(t: Date, months: number): Date {
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() - months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(t.getUTCDate(), lastDay);
  const ms = t.getTime() - Date.UTC(y, t.getUTCMonth(), t.getUTCDate());
  return new Date(Date.UTC(targetYear, targetMonth, day) + ms);
}

/** The UTC calendar day of `t` as `YYYY-MM-DD`. */
export function utcDay(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/**
 * The instant the Danish day after `day` begins, as ISO text: a row created before it was created on
 * or before `day` in Denmark. Danish midnight is 22:00 or 23:00 UTC the evening before.
 */
export function legacyDayEndsAt(day: string): string {
  const next = addDays(day, 1);
  const utcMidnight = Date.parse(`${next}T00:00:00.000Z`);
  for (const hours of [2, 1]) {
    const t = utcMidnight - hours * 3_600_000;
    if (copenhagenDate(new Date(t)) === next && copenhagenDate(new Date(t - 1)) !== next) return new Date(t).toISOString();
  }
  throw new Error(`no Danish midnight found before ${next}`);
}

/** `day` (`YYYY-MM-DD`) moved by `days` days. */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000));
}

/** The cut-offs of a run at `now` under `policy`. */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  checkRetentionPolicy(policy);
  let auditBefore: string | null = null;
  if (policy.auditMonths !== null) {
    const byPolicy = monthsBefore(now, policy.auditMonths).getTime();
    const floor = now.getTime() - AUDIT_FLOOR_DAYS_APPLIED * 86_400_000;
    auditBefore = new Date(Math.min(byPolicy, floor)).toISOString();
  }
  return {
    // A period that ended on day E goes on the Danish day E + N months.
    screeningEndedBy:
      policy.screeningMonths === null
        ? null
        : utcDay(monthsBefore(new Date(`${copenhagenDate(now)}T00:00:00.000Z`), policy.screeningMonths)),
    auditBefore,
  };
}
