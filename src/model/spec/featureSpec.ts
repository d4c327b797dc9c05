import { z } from 'zod';

/**
 * The feature specification: a declarative description of how raw columns become model terms. It is
 * written by the analyst as JSON in training/, validated here, and stored inside every model artifact
 * so that scoring encodes exactly as training did.
 *
 * Term names follow R's habits where they can: the intercept is `(Intercept)`, a numeric term is the
 * feature name, a level of a categorical feature is `name=level`, a multi-select option is
 * `name=option`, spline terms are `name`, `name'`, `name''` (rms::rcs), polynomial terms `name^2`, and
 * an interaction is `termA:termB`.
 */

const identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a name of letters, digits and underscores, not starting with a digit');

const levelName = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => !/[=:]/.test(s), 'must not contain "=" or ":" (they separate term names)');

/** How a missing (empty) value is treated. */
const missingPolicy = z
  .enum(['error', 'level'])
  .default('error')
  .describe('"error": a row with the value missing is rejected; "level": missing becomes its own level "(missing)"');

const common = {
  name: identifier.describe('the feature name, used in term names'),
  column: identifier.optional().describe('the input column; defaults to the feature name'),
  sensitive: z
    .boolean()
    .default(false)
    .describe('a protected attribute (gender, origin): may be left out of the model but is kept for the fairness audit'),
  description: z.string().max(500).optional(),
};

const numericFeature = z
  .object({
    ...common,
    type: z.literal('numeric'),
    scale: z
      .number()
      .positive()
      .default(1)
      .describe(
        "linear and polynomial terms use value / scale, so the coefficient is per `scale` units; band breaks and spline knots are in the column's own units",
      ),
    min: z.number().optional().describe('values below are rejected as invalid'),
    max: z.number().optional().describe('values above are rejected as invalid'),
    missing: missingPolicy,
    transform: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('linear') }),
        z.object({
          kind: z.literal('bands'),
          breaks: z.array(z.number()).min(1).describe('lower-inclusive cut points: band i is [breaks[i-1], breaks[i])'),
          labels: z.array(levelName).optional().describe('one name per band (breaks + 1); defaults to "<a", "[a,b)", ">=z"'),
          reference: levelName.describe('the band used as reference level'),
        }),
        z.object({
          kind: z.literal('spline'),
          knots: z.array(z.number()).min(3).max(7).describe("knots of a restricted cubic spline (rms::rcs); terms name, name', name'' …"),
        }),
        z.object({ kind: z.literal('polynomial'), degree: z.number().int().min(2).max(4) }),
      ])
      .default({ kind: 'linear' }),
  })
  .strict();

const categoricalFeature = z
  .object({
    ...common,
    type: z.literal('categorical'),
    levels: z.array(levelName).min(2).optional().describe('the allowed levels; when given, any other value is rejected'),
    reference: levelName.optional().describe('the reference level; defaults to the first level in sorted order, as R does'),
    prefix: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe('use only the first N characters of the value (e.g. 1 for the DISCO-08 major group)'),
    poolRare: z
      .object({ minCount: z.number().int().min(1) })
      .strict()
      .optional()
      .describe('levels seen fewer than minCount times in training are pooled into "(other)", which unseen levels also join when scoring'),
    missing: missingPolicy,
  })
  .strict();

const booleanFeature = z
  .object({
    ...common,
    type: z.literal('boolean'),
    missing: missingPolicy,
  })
  .strict();

const multiSelectFeature = z
  .object({
    ...common,
    type: z.literal('multiselect'),
    options: z.array(levelName).min(1).describe('the options a row may tick; one indicator term per option'),
    separator: z.string().min(1).max(3).default(';'),
  })
  .strict();

export const featureSchema = z.discriminatedUnion('type', [numericFeature, categoricalFeature, booleanFeature, multiSelectFeature]);

export const featureSpecSchema = z
  .object({
    specVersion: z.literal(1),
    name: identifier,
    description: z.string().max(2000).optional(),
    outcome: identifier.describe('the 0/1 outcome column'),
    weight: identifier.optional().describe('an optional column of non-negative case weights'),
    excludeSensitive: z
      .boolean()
      .default(false)
      .describe('leave features marked sensitive out of the model (they stay available to the fairness audit)'),
    features: z.array(featureSchema).min(1),
    interactions: z
      .array(z.tuple([identifier, identifier]))
      .default([])
      .describe('pairs of feature names whose terms are multiplied, all combinations of their terms'),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const names = new Set<string>();
    spec.features.forEach((f, i) => {
      if (names.has(f.name))
        ctx.addIssue({ code: 'custom', path: ['features', i, 'name'], message: `feature "${f.name}" is declared twice` });
      names.add(f.name);
      if (f.type === 'categorical' && f.levels && f.reference && !f.levels.includes(f.reference)) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'reference'],
          message: `reference "${f.reference}" is not one of the levels`,
        });
      }
      if (f.type === 'categorical' && f.levels && new Set(f.levels).size !== f.levels.length) {
        ctx.addIssue({ code: 'custom', path: ['features', i, 'levels'], message: 'levels must be unique' });
      }
      if (f.type === 'numeric' && f.transform.kind === 'bands') {
        const { breaks, labels, reference } = f.transform;
        if (breaks.some((b, j) => j > 0 && b <= breaks[j - 1])) {
          ctx.addIssue({ code: 'custom', path: ['features', i, 'transform', 'breaks'], message: 'breaks must be strictly increasing' });
        }
        if (labels && labels.length !== breaks.length + 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['features', i, 'transform', 'labels'],
            message: `expected ${breaks.length + 1} labels (one more than breaks), got ${labels.length}`,
          });
        }
        const all = labels ?? defaultBandLabels(breaks);
        if (!all.includes(reference)) {
          ctx.addIssue({
            code: 'custom',
            path: ['features', i, 'transform', 'reference'],
            message: `reference "${reference}" is not one of the bands (${all.join(', ')})`,
          });
        }
      }
      if (f.type === 'numeric' && f.transform.kind === 'spline') {
        const k = f.transform.knots;
        if (k.some((b, j) => j > 0 && b <= k[j - 1])) {
          ctx.addIssue({ code: 'custom', path: ['features', i, 'transform', 'knots'], message: 'knots must be strictly increasing' });
        }
      }
      if (f.type === 'numeric' && f.min !== undefined && f.max !== undefined && f.min > f.max) {
        ctx.addIssue({ code: 'custom', path: ['features', i, 'max'], message: 'max must not be below min' });
      }
    });
    spec.interactions.forEach(([a, b], i) => {
      for (const [j, n] of [a, b].entries()) {
        if (!names.has(n)) ctx.addIssue({ code: 'custom', path: ['interactions', i, j], message: `unknown feature "${n}"` });
      }
      if (a === b) ctx.addIssue({ code: 'custom', path: ['interactions', i], message: 'a feature cannot interact with itself' });
    });
    if (spec.features.some((f) => (f.column ?? f.name) === spec.outcome)) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'the outcome column cannot also be a feature' });
    }
  });

export type FeatureSpec = z.infer<typeof featureSpecSchema>;
export type FeatureSpecInput = z.input<typeof featureSpecSchema>;
export type Feature = z.infer<typeof featureSchema>;
export type NumericFeature = Extract<Feature, { type: 'numeric' }>;
export type CategoricalFeature = Extract<Feature, { type: 'categorical' }>;
export type BooleanFeature = Extract<Feature, { type: 'boolean' }>;
export type MultiSelectFeature = Extract<Feature, { type: 'multiselect' }>;

/** Default band names for lower-inclusive breaks: `<a`, `[a,b)`, …, `>=z`. */
export function defaultBandLabels(breaks: readonly number[]): string[] {
  const labels = [`<${breaks[0]}`];
  for (let i = 1; i < breaks.length; i++) labels.push(`[${breaks[i - 1]},${breaks[i]})`);
  labels.push(`>=${breaks[breaks.length - 1]}`);
  return labels;
}

/** The input column a feature reads. */
export function featureColumn(f: Feature): string {
  return f.column ?? f.name;
}
