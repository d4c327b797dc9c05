/**
 * A hand-written check of an outcome record against newOutcomeSchema, for the batch path: zod's walk
 * of a record with a year of weeks cost a fifth of an upload's time. It accepts exactly what the
 * schema accepts and returns the same output (key order, defaults); whatever it refuses, or cannot
 * be sure of (not a plain object), goes to the zod schema, which decides and names the field.
 * test/storage/outcomeCheck.test.ts holds it against zod on generated good and bad records.
 */
import type { z } from 'zod';
import { isWeeksText } from '../data/weeksText.js';
import { CITIZEN_KEY_PATTERN } from '../privacy/citizenKey.js';
import { FOLLOW_UP_STATUSES, newOutcomeSchema } from './records.js';
import { isCalendarDate, withinCodePoints } from './schemaMirrors.js';

/** A record as newOutcomeSchema outputs it. */
export type CheckedOutcome = z.output<typeof newOutcomeSchema>;

const KEYS: ReadonlySet<string> = new Set(Object.keys(newOutcomeSchema.shape));
const STATUSES: ReadonlySet<unknown> = new Set(FOLLOW_UP_STATUSES);
const STATES: ReadonlySet<unknown> = new Set(['known', 'pending', 'not_given']);
const SOURCES: ReadonlySet<unknown> = new Set(['given', 'hours']);
// The schemas' own patterns (records.ts: shortText, hoursThroughWeek; the weeks' is data/weeksText.ts's).
const WEEK = /^\d{6}$/;
const NO_CONTROL = /^[^\p{Cc}]*$/u;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Whether `v` is a string of 1 to `max` code points (one code point is one or two UTF-16 units). */
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && withinCodePoints(v, max);

const nullableIn = (set: ReadonlySet<unknown>, v: unknown) => v === null || set.has(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The stored weeks text as the schema outputs it (the same string), or undefined when it is not one. */
function checkedWeeks(v: unknown): string | null | undefined {
  if (v === null) return null;
  return typeof v === 'string' && isWeeksText(v) ? v : undefined;
}

/** `value` as newOutcomeSchema outputs it when the schema accepts it; undefined means: ask the schema. */
export function checkedOutcome(value: unknown): CheckedOutcome | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const k in value) if (!KEYS.has(k)) return undefined;
  const o = value;
  const { citizenKey, benefitPeriodStart, longTermState, longTerm, longTermSource, labelCode, benefitHours, weeksReported } = o;
  const { hoursThroughWeek, statusWeek13, statusWeek26 } = o;
  if (typeof citizenKey !== 'string' || !CITIZEN_KEY_PATTERN.test(citizenKey)) return undefined;
  if (!isCalendarDate(benefitPeriodStart)) return undefined;
  if (!nullableIn(STATUSES, statusWeek13) || !nullableIn(STATUSES, statusWeek26)) return undefined;
  if (!STATES.has(longTermState) || !nullableIn(SOURCES, longTermSource)) return undefined;
  if (longTerm !== null && typeof longTerm !== 'boolean') return undefined;
  if (labelCode !== null && !(isText(labelCode, 100) && NO_CONTROL.test(labelCode))) return undefined;
  if (benefitHours !== null && !(isNumber(benefitHours) && benefitHours >= 0)) return undefined;
  if (weeksReported !== null && !(Number.isSafeInteger(weeksReported) && (weeksReported as number) >= 0)) return undefined;
  if (hoursThroughWeek !== null && (typeof hoursThroughWeek !== 'string' || !WEEK.test(hoursThroughWeek))) return undefined;
  const correction = o.correction === undefined ? false : o.correction;
  if (typeof correction !== 'boolean') return undefined;
  const correctionReason = o.correctionReason === undefined ? null : o.correctionReason;
  if (correctionReason !== null && !isText(correctionReason, 2000)) return undefined;
  const weeklyHours = checkedWeeks(o.weeklyHours);
  if (weeklyHours === undefined) return undefined;
  // The schema's refinements.
  if ((longTerm === null) !== (longTermState !== 'known')) return undefined;
  if ((longTermSource === null) !== (longTermState === 'not_given')) return undefined;
  if (longTermSource !== 'hours' && (weeklyHours !== null || labelCode !== null || benefitHours !== null)) return undefined;
  if (correction && correctionReason === null) return undefined;
  return {
    citizenKey,
    benefitPeriodStart: benefitPeriodStart as string,
    statusWeek13: statusWeek13 as CheckedOutcome['statusWeek13'],
    statusWeek26: statusWeek26 as CheckedOutcome['statusWeek26'],
    longTermState: longTermState as CheckedOutcome['longTermState'],
    longTerm: longTerm as boolean | null,
    longTermSource: longTermSource as CheckedOutcome['longTermSource'],
    labelCode: labelCode as string | null,
    benefitHours: benefitHours as number | null,
    weeksReported: weeksReported as number | null,
    weeklyHours,
    hoursThroughWeek: hoursThroughWeek as string | null,
    correction,
    correctionReason: correctionReason as string | null,
  };
}
