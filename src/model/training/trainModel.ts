import { summariseFeatures, type TrainingTable } from './trainingTable.js';
import { InputError } from '../../data/inputError.js';
import { learnEncoding, EncodingError } from '../encoding/learnEncoding.js';
import { compileEncoder } from '../encoding/compileEncoder.js';
import { buildDesign } from '../design/buildDesign.js';
import type { SparseDesign } from '../design/sparseDesign.js';
import { fitLogisticRegression, type FitResult } from '../fit/logisticRegression.js';
import { coefficientTable, type CoefficientRow } from '../coefficientTable.js';
import { sealArtifact } from '../artifact/artifactFile.js';
import type { ModelArtifact } from '../artifact/artifactSchema.js';
import type { FeatureSpec } from '../spec/featureSpec.js';
import type { Encoding } from '../encoding/encoding.js';
import { createScorer, predictProbabilities } from '../scorer.js';
import { heldOutMetrics } from '../validation/heldOutMetrics.js';
import { splitRows, type SplitRule } from './splitRows.js';
import { trainingDistribution } from './trainingDistribution.js';

/** How to choose the målgruppe cut-off: a fixed probability, or the share of training members to flag. */
export type CutoffRule = { probability: number } | { flagShare: number };

/** Everything {@link trainModel} needs besides the data. */
export interface TrainOptions {
  split: SplitRule;
  l2: number;
  /** Overrides the specification's excludeSensitive when given. */
  includeSensitive?: boolean;
  cutoff: CutoffRule;
  version: string;
  description: string;
  simulatedData: boolean;
  dataFile: string;
  dataSha256: string;
  censored: number | null;
  dateColumn: string | null;
  command: string;
  packageVersion: string;
  maxIterations?: number;
  tolerance?: number;
  onIteration?: (iteration: number, deviance: number) => void;
  /** Injected clock, so tests can pin timestamps. */
  now?: () => Date;
}

/** The artifact and the pieces the CLI prints. */
export interface TrainedModel {
  artifact: ModelArtifact;
  fit: FitResult;
  encoding: Encoding;
  coefficients: CoefficientRow[];
  references: string[];
  splitDescription: string;
}

/** Learns the encoding, fits the model on the training rows, validates on the held-out rows, and seals the artifact. */
export function trainModel(table: TrainingTable, spec: FeatureSpec, o: TrainOptions): TrainedModel {
  const started = Date.now();
  const now = o.now ?? (() => new Date());
  const split = splitRows(table, o.split);
  let encoding: Encoding;
  try {
    encoding = learnEncoding(spec, summariseFeatures(table, split.train), o.includeSensitive);
  } catch (err) {
    if (err instanceof EncodingError) throw new InputError({ file: table.file }, err.message);
    throw err;
  }
  const encoder = compileEncoder(encoding);
  const data = buildDesign(encoder, table, split.train);
  if (data.x.n === 0) throw new InputError({ file: table.file }, 'no rows left for fitting after the split');
  const fit = fitLogisticRegression(data.x, {
    y: data.y,
    weights: data.weights,
    l2: o.l2,
    terms: encoding.terms,
    maxIterations: o.maxIterations,
    tolerance: o.tolerance,
    onIteration: o.onIteration,
  });
  const p = encoding.terms.length;
  const rows = coefficientTable(encoding.terms, fit.coefficients, fit.covariance);

  const provisional = (probability: number, shareFlagged: number, rule: string): ModelArtifact['cutoff'] => ({
    probability,
    rule,
    shareFlaggedInTraining: shareFlagged,
  });
  const beta = Float64Array.from(fit.coefficients, (b) => (Number.isFinite(b) ? b : 0));
  const trainP = predictProbabilities(data.x, beta);
  let cutoff: ModelArtifact['cutoff'];
  if ('probability' in o.cutoff) {
    cutoff = provisional(
      o.cutoff.probability,
      shareAtOrAbove(trainP, o.cutoff.probability),
      `fixed: probability ≥ ${o.cutoff.probability} is målgruppe 2`,
    );
  } else {
    const c = quantileCutoff(trainP, o.cutoff.flagShare);
    cutoff = provisional(
      c,
      shareAtOrAbove(trainP, c),
      `chosen so that ${o.cutoff.flagShare * 100} % of the training members are in målgruppe 2`,
    );
  }

  const dateRange = o.dateColumn ? rangeOf(table.extra.get(o.dateColumn), split.train) : null;
  const content: Omit<ModelArtifact, 'checksum'> = {
    format: 'ledighedsprofil-model',
    schemaVersion: 1,
    version: o.version,
    description: o.description,
    simulatedData: o.simulatedData,
    createdAt: now().toISOString(),
    encoding,
    coefficients: rows.map((r) => ({ term: r.term, estimate: finiteOrNull(r.estimate), stdError: finiteOrNull(r.stdError) })),
    termMeans: Array.from(columnMeans(data.x, data.weights)),
    covariance: Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => finiteOrNull(fit.covariance[i * p + j]))),
    cutoff,
    training: {
      dataFile: o.dataFile,
      dataSha256: o.dataSha256,
      rows: fit.n,
      events: fit.events,
      weightSum: fit.weightSum,
      censored: o.censored,
      dateColumn: o.dateColumn,
      dateRange,
      split: split.description,
      splitRule: o.split,
      seed: o.split.kind === 'holdout' ? o.split.seed : null,
      l2: o.l2,
      iterations: fit.iterations,
      converged: fit.converged,
      logLik: fit.logLik,
      nullLogLik: fit.nullLogLik,
      aic: fit.deviance + 2 * fit.rank,
      warnings: fit.warnings,
      packageVersion: o.packageVersion,
      nodeVersion: process.version,
      command: o.command,
      trainedAt: now().toISOString(),
      durationSeconds: 0,
    },
    validation: null,
    trainingDistribution: trainingDistribution(table, split.train, encoding, trainP),
  };
  if (split.validation) {
    const valid = buildDesign(encoder, table, split.validation);
    const pv = predictProbabilities(valid.x, beta);
    content.validation = heldOutMetrics(
      o.split.kind === 'temporal' ? 'temporal' : 'holdout',
      split.description,
      valid.y,
      pv,
      valid.unencodable.length,
    );
  }
  content.training.durationSeconds = Math.round((Date.now() - started) / 10) / 100;
  const artifact = sealArtifact(content);
  // The artifact must score what it was trained on: a cheap guard against an encoding/scorer mismatch.
  createScorer(artifact);
  const references = encoding.features.filter((f) => f.reference !== undefined).map((f) => `${f.spec.name}=${f.reference}`);
  return { artifact, fit, encoding, coefficients: rows, references, splitDescription: split.description };
}

/** Weighted mean of every column of a sparse design. */
function columnMeans(x: SparseDesign, weights?: Float64Array): Float64Array {
  const sums = new Float64Array(x.p);
  let total = 0;
  for (let i = 0; i < x.n; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    for (let k = x.rowPtr[i]; k < x.rowPtr[i + 1]; k++) sums[x.colIdx[k]] += w * x.values[k];
  }
  for (let j = 0; j < x.p; j++) sums[j] /= total;
  return sums;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function shareAtOrAbove(p: Float64Array, c: number): number {
  let k = 0;
  for (let i = 0; i < p.length; i++) if (p[i] >= c) k++;
  return k / p.length;
}

/** The smallest training probability among the top `share` of members, so that about that share is flagged. */
function quantileCutoff(p: Float64Array, share: number): number {
  const sorted = Float64Array.from(p).sort();
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * (1 - share))));
  return Math.min(Math.max(sorted[k], 1e-9), 1 - 1e-9);
}

function rangeOf(values: string[] | undefined, rows: Uint8Array): { from: string; to: string } | null {
  if (!values) return null;
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < values.length; i++) {
    if (!rows[i] || values[i] === '') continue;
    if (from === undefined || values[i] < from) from = values[i];
    if (to === undefined || values[i] > to) to = values[i];
  }
  return from === undefined || to === undefined ? null : { from, to };
}
