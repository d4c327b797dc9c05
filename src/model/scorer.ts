import { compileEncoder, type FieldProblem, type RowEncoder } from './encoding/compileEncoder.js';
import type { ParsedValue } from './encoding/parseValue.js';
import { linearPredictor, type SparseDesign } from './design/sparseDesign.js';
import type { ModelArtifact } from './artifact/artifactSchema.js';
import { denseCovariance, linearPredictorVariance, probabilityInterval, type ProbabilityInterval } from './predictionInterval.js';

/** One term's part in a member's linear predictor. */
export interface TermContribution {
  term: string;
  /** The term's value for this member (1 for an indicator). */
  value: number;
  /** β × value on the log-odds scale. */
  contribution: number;
}

/** The score of one member. */
export type ScoreResult =
  | {
      ok: true;
      linearPredictor: number;
      probability: number;
      /** Standard error of the linear predictor, √(xᵀ Σ x) with Σ the artifact's covariance (R's se.fit). */
      linearPredictorSe: number;
      /** The probability's 95 % interval: logistic(η ± 1.96 · se), the delta method on the log-odds scale. */
      probabilityInterval: ProbabilityInterval;
      contributions: TermContribution[];
      /** Each modelled feature's value as parsed for the encoding, in `encoder.columns` order: what an explanation labels. */
      values: readonly ParsedValue[];
    }
  | { ok: false; problems: FieldProblem[] };

/** Scores members with a model artifact, encoding exactly as training did. */
export interface Scorer {
  readonly artifact: ModelArtifact;
  readonly encoder: RowEncoder;
  /** Coefficients with aliased terms (R's NA) as 0, which is how they enter a prediction. */
  readonly beta: Float64Array;
  /** Scores one record keyed by input column; values may be CSV strings or JSON values. */
  score(record: Readonly<Record<string, unknown>>): ScoreResult;
  /** Probabilities for every row of an already-encoded design. */
  scoreDesign(x: SparseDesign): Float64Array;
  /** Målgruppe from a probability: 2 at or above the model's cut-off, else 1. */
  targetGroup(probability: number): 1 | 2;
}

/** The logistic function 1 / (1 + e^−η). */
export function logistic(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/** Probabilities logistic(Xβ) for every row of a design. */
export function predictProbabilities(x: SparseDesign, beta: ArrayLike<number>): Float64Array {
  const eta = linearPredictor(x, beta);
  for (let i = 0; i < eta.length; i++) eta[i] = logistic(eta[i]);
  return eta;
}

/** Builds a scorer from a validated artifact. */
export function createScorer(artifact: ModelArtifact): Scorer {
  const encoder = compileEncoder(artifact.encoding);
  const beta = Float64Array.from(artifact.coefficients, (c) => c.estimate ?? 0);
  const terms = artifact.encoding.terms;
  const idx = new Int32Array(encoder.maxNonZero);
  const val = new Float64Array(encoder.maxNonZero);
  const cutoff = artifact.cutoff.probability;
  const p = terms.length;
  const sigma = denseCovariance(artifact.covariance);
  return {
    artifact,
    encoder,
    beta,
    score(record) {
      const values: ParsedValue[] = new Array(encoder.columns.length);
      const r = encoder.encodeRecord(record, idx, val, values);
      if ('problems' in r) return { ok: false, problems: r.problems };
      let eta = 0;
      const contributions: TermContribution[] = [];
      for (let k = 0; k < r.count; k++) {
        const c = beta[idx[k]] * val[k];
        eta += c;
        if (idx[k] !== 0) contributions.push({ term: terms[idx[k]], value: val[k], contribution: c });
      }
      const se = Math.sqrt(linearPredictorVariance(sigma, p, idx, val, r.count));
      return {
        ok: true,
        linearPredictor: eta,
        probability: logistic(eta),
        linearPredictorSe: se,
        probabilityInterval: probabilityInterval(eta, se),
        contributions,
        values,
      };
    },
    scoreDesign: (x) => predictProbabilities(x, beta),
    targetGroup: (p) => (p >= cutoff ? 2 : 1),
  };
}
