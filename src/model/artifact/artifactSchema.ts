import { z } from 'zod';
import { encodingSchema } from '../encoding/encoding.js';
import { trainingDistributionSchema } from './trainingDistributionSchema.js';

/** The artifact format's version; bump it (and write a reader for the old one) when the shape changes. */
export const ARTIFACT_SCHEMA_VERSION = 1;

const nullableNumber = z.number().nullable();

/** How training rows were divided between fitting and validation, so that a report can reproduce it. */
export const splitRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('holdout'), fraction: z.number().gt(0).lt(1), seed: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('temporal'), column: z.string().min(1), at: z.string().min(1) }).strict(),
]);

export type SplitRule = z.infer<typeof splitRuleSchema>;

const metricsSchema = z
  .object({
    kind: z.enum(['holdout', 'temporal', 'external']),
    description: z.string(),
    rows: z.number().int().nonnegative(),
    events: z.number().nonnegative(),
    unscorable: z.number().int().nonnegative(),
    auc: nullableNumber,
    brier: nullableNumber,
    logLoss: nullableNumber,
    meanPredicted: nullableNumber,
    observedRate: nullableNumber,
  })
  .strict();

/**
 * A fitted model: one JSON file with everything needed to score, explain and audit it. Numbers that R
 * would print as NA (aliased terms) are null. `checksum` is the SHA-256 of the canonical JSON of all
 * other fields (see canonicalJson.ts); loading refuses a file whose content does not match it.
 */
export const modelArtifactSchema = z
  .object({
    format: z.literal('ledighedsprofil-model'),
    schemaVersion: z.literal(ARTIFACT_SCHEMA_VERSION),
    /** The model version: recorded with every screening this model produces. */
    version: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'),
    description: z.string().max(2000),
    /** True when trained on the project's simulated cohort rather than register data. */
    simulatedData: z.boolean(),
    createdAt: z.iso.datetime(),
    encoding: encodingSchema,
    coefficients: z.array(z.object({ term: z.string(), estimate: nullableNumber, stdError: nullableNumber }).strict()).min(1),
    /**
     * Mean of each design column over the (weighted) training rows, terms in `coefficients` order: the
     * baseline an explanation compares a numeric term against ("more experience than the average member").
     */
    termMeans: z.array(z.number()),
    /** Covariance of the estimates, row-major, terms in `coefficients` order. */
    covariance: z.array(z.array(nullableNumber)),
    /** Members with a probability at or above the cut-off are in målgruppe 2. */
    cutoff: z
      .object({
        probability: z.number().gt(0).lt(1),
        rule: z.string().max(500),
        /** Share of the training rows at or above the cut-off. */
        shareFlaggedInTraining: z.number().min(0).max(1),
      })
      .strict(),
    training: z
      .object({
        dataFile: z.string(),
        dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
        rows: z.number().int().positive(),
        events: z.number().nonnegative(),
        weightSum: z.number().positive(),
        /** Spells left out because their 52 weeks were not over, when the labelling reported it. */
        censored: z.number().int().nonnegative().nullable(),
        dateColumn: z.string().nullable(),
        dateRange: z.object({ from: z.string(), to: z.string() }).strict().nullable(),
        /** The split in words, for people. */
        split: z.string(),
        /** The split as data, for programs (the report reproduces it). */
        splitRule: splitRuleSchema,
        seed: z.number().int().nullable(),
        l2: z.number().nonnegative(),
        iterations: z.number().int().nonnegative(),
        converged: z.boolean(),
        logLik: z.number(),
        nullLogLik: z.number(),
        aic: z.number(),
        warnings: z.array(z.string()),
        packageVersion: z.string(),
        nodeVersion: z.string(),
        command: z.string(),
        trainedAt: z.iso.datetime(),
        durationSeconds: z.number().nonnegative(),
      })
      .strict(),
    validation: metricsSchema.nullable(),
    /** The training distribution of every input and of the score, for drift; absent in artifacts written before it was recorded. */
    trainingDistribution: trainingDistributionSchema.optional(),
    checksum: z.object({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const p = a.coefficients.length;
    if (a.encoding.terms.length !== p) {
      ctx.addIssue({
        code: 'custom',
        path: ['coefficients'],
        message: `${p} coefficients for ${a.encoding.terms.length} terms of the encoding`,
      });
    }
    a.coefficients.forEach((c, j) => {
      if (a.encoding.terms[j] !== c.term)
        ctx.addIssue({ code: 'custom', path: ['coefficients', j, 'term'], message: `expected term "${a.encoding.terms[j]}"` });
    });
    if (a.termMeans.length !== p) ctx.addIssue({ code: 'custom', path: ['termMeans'], message: `must have ${p} values` });
    if (a.covariance.length !== p || a.covariance.some((r) => r.length !== p)) {
      ctx.addIssue({ code: 'custom', path: ['covariance'], message: `must be ${p} × ${p}` });
    }
  });

export type ModelArtifact = z.infer<typeof modelArtifactSchema>;
export type ValidationMetrics = z.infer<typeof metricsSchema>;
