import { z } from 'zod';
import { featureSchema, featureSpecSchema } from '../spec/featureSpec.js';

/** Name of the intercept term, as R prints it. */
export const INTERCEPT = '(Intercept)';
/** The level a missing value becomes when the specification says `missing: "level"`. */
export const MISSING_LEVEL = '(missing)';
/** The level rare (and, when scoring, unseen) levels are pooled into. */
export const OTHER_LEVEL = '(other)';

/**
 * A feature as fitted: the specification plus what was learned from the training rows (observed levels,
 * pooling, the value used for a missing number). Stored in the model artifact so that scoring needs
 * nothing but the artifact.
 */
export const fittedFeatureSchema = z
  .object({
    spec: featureSchema,
    /** Categorical and banded features: the modelled levels in order, the reference among them. */
    levels: z.array(z.string()).optional(),
    reference: z.string().optional(),
    /** Categorical: raw levels pooled into "(other)" because they were rare in training. */
    pooled: z.array(z.string()).optional(),
    /** Numeric with missing = level: the training median, put in place of a missing value. */
    fill: z.number().optional(),
    /** Whether a "(missing)" indicator term exists (missing values were seen in training). */
    missingTerm: z.boolean(),
    /** The term names this feature contributes, in design-matrix order. */
    terms: z.array(z.string()),
  })
  .strict();

export const fittedInteractionSchema = z
  .object({
    features: z.tuple([z.string(), z.string()]),
    terms: z.array(z.string()),
  })
  .strict();

export const encodingSchema = z
  .object({
    spec: featureSpecSchema,
    /** The features in the model, in design-matrix order. */
    features: z.array(fittedFeatureSchema),
    /** Sensitive features left out of the model but kept for the fairness audit. */
    auditOnly: z.array(z.string()),
    interactions: z.array(fittedInteractionSchema),
    /** All term names, "(Intercept)" first. */
    terms: z.array(z.string()),
  })
  .strict();

export type FittedFeature = z.infer<typeof fittedFeatureSchema>;
export type FittedInteraction = z.infer<typeof fittedInteractionSchema>;
export type Encoding = z.infer<typeof encodingSchema>;
