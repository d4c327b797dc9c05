/**
 * Hand-written checks of an outcome batch as the API and the `outcomes` command receive it, for the
 * upload path: zod's walk of 2,000 records with a year of weeks each (a union per week and hours
 * value) cost more than storing them. Each accepts exactly what its zod schema accepts, with zod's
 * output (or, for a caller owning the value, the value itself, which differs from it only in key order
 * and identity); whatever it refuses goes to the zod schema, which decides and names the field, so
 * every error is zod's as before.
 * test/service/validation/outcomeCheck.test.ts holds them against the schemas on generated records.
 */
import type { z } from 'zod';
import { parseCpr } from '../../privacy/cprNumber.js';
import { FOLLOW_UP_STATUSES } from '../../storage/records.js';
import { isCalendarDate, withinCodePoints } from '../../storage/schemaMirrors.js';
import { OUTCOME_BATCH_LIMIT, type outcomeBatchBodySchema, outcomeBatchItemSchema } from './outcome.js';

/** One record of a batch as outcomeBatchItemSchema outputs it. */
export type CheckedBatchItem = z.output<typeof outcomeBatchItemSchema>;

/** The item's keys in the schema's order. */
const KEYS = Object.keys(outcomeBatchItemSchema.shape);
const KEY_SET: ReadonlySet<string> = new Set(KEYS);
const STATUSES: ReadonlySet<unknown> = new Set(FOLLOW_UP_STATUSES);
/** Most weeks of one record (outcome.ts: MAX_WEEKS). */
const MAX_WEEKS = 520;

/** A string of at most `max` code points (one code point is one or two UTF-16 units). */
const isShortText = (v: unknown, max: number): v is string => typeof v === 'string' && withinCodePoints(v, max);

/** An object as JSON.parse and literals make them (a null-prototype one, which zod outputs as a plain one, is left to zod). */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** yearWeekSchema: text of at most 10, or a whole number 0 … 999,999. */
const isYearWeek = (v: unknown) => (typeof v === 'number' ? Number.isSafeInteger(v) && v >= 0 && v <= 999_999 : isShortText(v, 10));

/** The hours of weekHoursSchema: text of at most 40, or a finite number. */
const isHours = (v: unknown) => (typeof v === 'number' ? Number.isFinite(v) : isShortText(v, 40));

/** Whether the schema accepts `v` as a record's weeks. */
function goodWeeks(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > MAX_WEEKS) return false;
  for (let i = 0; i < v.length; i++) {
    const w: unknown = v[i];
    if (!isPlainObject(w)) return false;
    let n = 0;
    for (const k in w) {
      if (k !== 'week' && k !== 'hours') return false;
      n++;
    }
    if (n !== 2 || !isYearWeek(w.week) || !isHours(w.hours)) return false;
  }
  return true;
}

/**
 * Whether outcomeBatchItemSchema accepts `value`; false means: ask the schema. What it accepts, the
 * schema outputs unchanged but for key order and identity (it has no defaults or transforms, and a
 * strict object strips nothing), so a caller that owns the value (a parsed body, a CSV row) uses it as is.
 */
export function acceptsBatchItem(value: unknown): value is CheckedBatchItem {
  if (!isPlainObject(value)) return false;
  for (const k in value) if (!KEY_SET.has(k)) return false;
  const v = value;
  const { cpr, benefitPeriodStart, statusWeek13, statusWeek26, longTerm, hoursThroughWeek, correction, correctionReason } = v;
  if (!isShortText(cpr, 20) || !parseCpr(cpr).ok) return false;
  if (!isCalendarDate(benefitPeriodStart)) return false;
  if (statusWeek13 !== undefined && statusWeek13 !== null && !STATUSES.has(statusWeek13)) return false;
  if (statusWeek26 !== undefined && statusWeek26 !== null && !STATUSES.has(statusWeek26)) return false;
  if (longTerm !== undefined && longTerm !== null && typeof longTerm !== 'boolean') return false;
  if (hoursThroughWeek !== undefined && !isYearWeek(hoursThroughWeek)) return false;
  if (correction !== undefined && typeof correction !== 'boolean') return false;
  if (correctionReason !== undefined && !(isShortText(correctionReason, 2000) && correctionReason.length >= 1)) return false;
  if (v.weeklyHours !== undefined && !goodWeeks(v.weeklyHours)) return false;
  // The schema's refinements (outcome.ts: outcomeRules).
  if (longTerm != null && v.weeklyHours !== undefined) return false;
  if (correction === true && ((correctionReason as string | undefined) ?? '').trim() === '') return false;
  return true;
}

/** `value` as outcomeBatchItemSchema outputs it (fresh objects, keys in the schema's order) when the schema accepts it; undefined means: ask the schema. */
export function checkedBatchItem(value: unknown): CheckedBatchItem | undefined {
  if (!acceptsBatchItem(value)) return undefined;
  const v = value as Record<string, unknown>;
  // As zod: an optional key given stays (even as undefined), one left out stays out.
  const out: Record<string, unknown> = { cpr: v.cpr, benefitPeriodStart: v.benefitPeriodStart };
  for (let i = 2; i < KEYS.length; i++) {
    const k = KEYS[i];
    if (!(k in v)) continue;
    out[k] =
      k === 'weeklyHours' && Array.isArray(v.weeklyHours)
        ? (v.weeklyHours as { week: string | number; hours: string | number }[]).map((w) => ({ week: w.week, hours: w.hours }))
        : v[k];
  }
  return out as CheckedBatchItem;
}

/**
 * Whether outcomeBatchBodySchema accepts `value`, for the API's batch route: the body is then used as
 * parsed (see acceptsBatchItem: zod's output differs only in key order and identity, and the parsed
 * body is the request's alone); undefined means: ask the schema.
 */
export function checkedBatchBody(value: unknown): z.output<typeof outcomeBatchBodySchema> | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > OUTCOME_BATCH_LIMIT) return undefined;
  for (let i = 0; i < value.length; i++) if (!acceptsBatchItem(value[i])) return undefined;
  return value as z.output<typeof outcomeBatchBodySchema>;
}
