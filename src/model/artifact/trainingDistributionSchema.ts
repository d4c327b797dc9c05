import { z } from 'zod';

const share = z.number().min(0).max(1);

/**
 * A numeric input in the training rows: lower-inclusive bins between `edges` (training deciles, ties
 * merged), so bin i holds edges[i − 1] ≤ x < edges[i], the first everything below edges[0] and the last
 * everything from the last edge up. `shares` has one entry per bin (edges + 1) and, with `missing`,
 * sums to 1 over all training rows.
 */
const numericDistribution = z
  .object({ kind: z.literal('numeric'), edges: z.array(z.number()), shares: z.array(share).min(1), missing: share })
  .strict()
  .refine((d) => d.shares.length === d.edges.length + 1, 'shares must have one entry more than edges');

/** A categorical or boolean input: each level seen in training (booleans "0" and "1") with its share. */
const levelsDistribution = z
  .object({ kind: z.literal('levels'), levels: z.array(z.string()), shares: z.array(share), missing: share })
  .strict()
  .refine((d) => d.shares.length === d.levels.length, 'one share per level');

/** A multi-select input: for each option, the share of training rows that ticked it. */
const optionsDistribution = z
  .object({ kind: z.literal('options'), options: z.array(z.string()), shares: z.array(share) })
  .strict()
  .refine((d) => d.shares.length === d.options.length, 'one share per option');

/** One input's training distribution, by the kind of input. */
export const inputDistributionSchema = z.union([numericDistribution, levelsDistribution, optionsDistribution]);

/**
 * The training population as the drift check (population stability index) compares live data with it:
 * every input of the specification (audit-only sensitive features too, marked) and the predicted
 * probability, binned at the deciles of the training scores. Case weights are ignored: drift compares
 * populations of members. Optional, because artifacts written before it existed must still load.
 */
export const trainingDistributionSchema = z
  .object({
    rows: z.number().int().positive(),
    inputs: z.array(
      z
        .object({
          feature: z.string(),
          column: z.string(),
          /** False for a sensitive feature kept only for the fairness audit. */
          inModel: z.boolean(),
          distribution: inputDistributionSchema,
        })
        .strict(),
    ),
    score: numericDistribution,
  })
  .strict();

export type TrainingDistribution = z.infer<typeof trainingDistributionSchema>;
export type InputDistribution = z.infer<typeof inputDistributionSchema>;
