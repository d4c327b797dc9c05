/**
 * Which stored values are sealed, and the places (AAD) they are bound to. A screening's member input,
 * factors, activities and details reveal health, abuse and other special-category answers (GDPR Art.
 * 9) and are sealed together in its `sealed` column; an assessment's comment is free text and sealed in
 * its own; an outcome's follow-up statuses, weekly hours and correction reason in its own. Probability, target group, model version and dates stay in clear: monitoring needs them and
 * they reveal no answer. The place names table, row id and column, never the citizen key, which may
 * move to a new CPR secret without the sealed values changing.
 */
import { z } from 'zod';
import { open, seal, SealedValueError } from '../privacy/sealedValue.js';
import type { DataKey } from './dataKeys.js';
import { CorruptRecordError } from './errors.js';

/** The tables with a `sealed` column. */
type SealedTable = 'screenings' | 'assessments' | 'outcomes';

/** The AAD of a sealed column. */
export const sealedPlace = (table: SealedTable, id: string) => `ledighedsprofil/${table}/${id}/sealed`;

/** What a screening's `sealed` column holds once opened. */
const sealedScreeningSchema = z
  .object({
    input: z.record(z.string(), z.json()),
    factors: z.array(z.json()),
    activities: z.array(z.json()),
    details: z.record(z.string(), z.json()),
  })
  .strict();

/** A screening's sealed fields. */
export type SealedScreening = z.infer<typeof sealedScreeningSchema>;

/** What an assessment's `sealed` column holds once opened. */
const sealedAssessmentSchema = z.object({ comment: z.string().nullable() }).strict();

/** An assessment's sealed fields. */
export type SealedAssessment = z.infer<typeof sealedAssessmentSchema>;

/**
 * What an outcome's `sealed` column holds once opened: the follow-up statuses (sickness benefit is
 * health data), the weekly hours and the extract's last week, and the correction's free-text reason.
 */
const sealedOutcomeSchema = z
  .object({
    statusWeek13: z.string().nullable(),
    statusWeek26: z.string().nullable(),
    // `YYYYWW:hours;…`: a third of the size of the JSON array, which a register extract of a year's weeks per period makes worth it.
    weeklyHours: z.string().nullable(),
    hoursThroughWeek: z.string().nullable(),
    correctionReason: z.string().nullable(),
  })
  .strict();

/** An outcome's sealed fields (the weeks as stored text, see data/weeksText.ts). */
export type SealedOutcome = z.infer<typeof sealedOutcomeSchema>;

/** Seals an outcome's statuses, hours and correction reason under its citizen's data key. */
export function sealOutcome(dk: DataKey, id: string, o: SealedOutcome): string {
  const { statusWeek13, statusWeek26, weeklyHours, hoursThroughWeek, correctionReason } = o;
  return seal(
    dk,
    JSON.stringify({ statusWeek13, statusWeek26, weeklyHours, hoursThroughWeek, correctionReason }),
    sealedPlace('outcomes', id),
  );
}

/** Opens an outcome's `sealed` column. */
export function openOutcome(dk: DataKey, id: string, envelope: string): SealedOutcome {
  return openAs(sealedOutcomeSchema, dk, envelope, 'outcomes', id);
}

/** The clear columns of a sealed screening: valid for their CHECK constraints, and revealing nothing. */
export const SEALED_SCREENING_PLACEHOLDERS = { input: '{}', factors: '[]', activities: '[]', details: '{}' } as const;

/** Seals a screening's special-category fields under its citizen's data key. */
export function sealScreening(dk: DataKey, id: string, s: SealedScreening): string {
  return seal(
    dk,
    JSON.stringify({ input: s.input, factors: s.factors, activities: s.activities, details: s.details }),
    sealedPlace('screenings', id),
  );
}

/** Seals an assessment's comment under its citizen's data key. */
export function sealAssessment(dk: DataKey, id: string, a: SealedAssessment): string {
  return seal(dk, JSON.stringify({ comment: a.comment }), sealedPlace('assessments', id));
}

function openAs<S extends z.ZodType>(schema: S, dk: DataKey, envelope: string, table: SealedTable, id: string): z.output<S> {
  let text: string;
  try {
    text = open((kid) => (kid === dk.id ? dk.key : undefined), envelope, sealedPlace(table, id)).toString('utf8');
  } catch (err) {
    if (err instanceof SealedValueError) throw new CorruptRecordError(table, `${id}: sealed: ${err.message}`);
    throw err;
  }
  const value: unknown = JSON.parse(text);
  if ((schema as z.ZodType) === sealedScreeningSchema && !text.includes('"__proto__"') && isSealedScreeningShape(value))
    return value as z.output<S>;
  const r = schema.safeParse(value);
  if (!r.success) throw new CorruptRecordError(table, `${id}: sealed: not the shape this version seals`);
  return r.data;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether parsed JSON has exactly the sealed screening's shape. Written by hand because zod's z.json()
 * walks and copies every value of the input, factors and details, which JSON.parse has already made
 * valid JSON: a monitoring scan opens a million of them. Anything this refuses goes to the zod schema,
 * which decides (and names no value); a `__proto__` key, which zod's copy would treat differently, goes
 * there too.
 */
function isSealedScreeningShape(v: unknown): v is SealedScreening {
  if (!isPlainObject(v)) return false;
  let keys = 0;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (k !== 'input' && k !== 'factors' && k !== 'activities' && k !== 'details') return false;
    keys++;
  }
  return keys === 4 && isPlainObject(v.input) && Array.isArray(v.factors) && Array.isArray(v.activities) && isPlainObject(v.details);
}

/** Opens a screening's `sealed` column. */
export function openScreening(dk: DataKey, id: string, envelope: string): SealedScreening {
  return openAs(sealedScreeningSchema, dk, envelope, 'screenings', id);
}

/** Opens an assessment's `sealed` column. */
export function openAssessment(dk: DataKey, id: string, envelope: string): SealedAssessment {
  return openAs(sealedAssessmentSchema, dk, envelope, 'assessments', id);
}
