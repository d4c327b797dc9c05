import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import type { SplitRule } from '../../model/training/splitRows.js';

/**
 * What the report's main figures are computed on:
 * - `holdout` / `temporal`: the model's own validation rows, recovered by reproducing its split;
 *   the fitting rows give the apparent figures beside them;
 * - `in-sample`: the model was fitted on all rows of this very file, so the figures are apparent
 *   and Harrell's bootstrap corrects them for optimism;
 * - `external`: any other data; every row validates the model.
 */
export type EvaluationKind = 'holdout' | 'temporal' | 'in-sample' | 'external';

/** How the rows will be divided, decided from the artifact's training record and the data file. */
export interface EvaluationPlan {
  kind: EvaluationKind;
  /** The split to reproduce (kind none: every row is a main row). */
  rule: SplitRule;
  /** A sentence for the report saying what the figures are computed on and why. */
  description: string;
  /** Whether the file is byte for byte the one the model was trained on. */
  sameFile: boolean;
}

/** The split rule the model was trained with, as the artifact records it. */
export function parseStoredSplit(training: ModelArtifact['training']): SplitRule {
  return training.splitRule;
}

/**
 * Chooses the evaluation. A random hold-out can only be reproduced on the same file (same rows in the
 * same order: compared by SHA-256); a temporal split whenever the file has the split column, since
 * the rows from the split date on were not used for fitting in either case. `forceExternal` treats
 * any data as external (every row validates).
 */
export function planEvaluation(
  artifact: ModelArtifact,
  dataSha256: string,
  columns: ReadonlySet<string>,
  forceExternal = false,
): EvaluationPlan {
  const sameFile = dataSha256 === artifact.training.dataSha256;
  const all: SplitRule = { kind: 'none' };
  const rule = parseStoredSplit(artifact.training);
  const trainedOn = `the model was fitted on ${artifact.training.dataFile}`;
  if (forceExternal)
    return {
      kind: 'external',
      rule: all,
      sameFile,
      description: 'External validation (as asked): every row of the data validates the model.',
    };
  if (rule?.kind === 'temporal' && columns.has(rule.column)) {
    return {
      kind: 'temporal',
      rule,
      sameFile,
      description:
        `Temporal validation: the model was fitted on rows with ${rule.column} before ${rule.at}; the main figures are on the rows of this file from ${rule.at} on, ` +
        (sameFile
          ? 'and the apparent figures on the rows it was fitted on (this is the training file).'
          : `and the figures of the rows before ${rule.at} are shown for comparison (this file is not the training file, so those are not necessarily the rows the model was fitted on).`),
    };
  }
  if (rule?.kind === 'holdout' && sameFile) {
    return {
      kind: 'holdout',
      rule,
      sameFile,
      description: `Held-out validation: this is the training file, and the model's ${artifact.training.split} is reproduced; the main figures are on the held-out rows, the apparent figures on the rows the model was fitted on.`,
    };
  }
  if (rule?.kind === 'none' && sameFile) {
    return {
      kind: 'in-sample',
      rule: all,
      sameFile,
      description: `In-sample evaluation: ${trainedOn}, which is this file, using all its rows. The figures are apparent (optimistic); the bootstrap section corrects them for optimism.`,
    };
  }
  const why =
    rule === undefined
      ? `the artifact's split ("${artifact.training.split}") is not one this version can reproduce`
      : rule.kind === 'temporal'
        ? `the file has no ${rule.column} column to reproduce the temporal split`
        : `${trainedOn} (SHA-256 ${artifact.training.dataSha256.slice(0, 12)}…), and this file differs`;
  return { kind: 'external', rule: all, sameFile, description: `External validation: every row of the data validates the model (${why}).` };
}
