import type { TrainingTable } from '../../model/training/trainingTable.js';
import type { ModelArtifact, ValidationMetrics } from '../../model/artifact/artifactSchema.js';
import { coefficientTable } from '../../model/coefficientTable.js';
import { buildDesign } from '../../model/design/buildDesign.js';
import type { FittedFeature } from '../../model/encoding/encoding.js';
import { createScorer } from '../../model/scorer.js';
import type { Feature } from '../../model/spec/featureSpec.js';
import { splitRows } from '../../model/training/splitRows.js';
import { refitOnResample } from '../../model/validation/refitOnResample.js';
import { bootstrapOptimism, type BootstrapOptimism } from '../../stats/bootstrapOptimism.js';
import { cutoffTable, type CutoffFigures } from '../../stats/cutoffFigures.js';
import { histogramByOutcome, type HistogramBin } from '../../stats/histogramByOutcome.js';
import { lowessBand, type CalibrationBand } from '../../stats/lowessBand.js';
import { decileBins, type DecileBin } from '../../stats/riskDeciles.js';
import { rocCurve, type RocPoint } from '../../stats/rocCurve.js';
import { valProb, type ValProbMetrics } from '../../stats/valProb.js';
import { defaultCutoffs } from './cutoffTable.js';
import { planEvaluation, type EvaluationKind } from './evaluationPlan.js';
import { fairnessAudit, type FairnessAudit } from './fairness.js';
import { histogramUpper } from './histogramAxis.js';
import { auditGroupings } from './groups.js';

/** The report's format version, written into the JSON; bump it when keys change meaning. */
export const REPORT_SCHEMA_VERSION = 1;

/** A coefficient as the report lists it (keys as the train command's --coef-csv); null for an aliased term. */
export interface CoefficientEntry {
  term: string;
  estimate: number | null;
  std_error: number | null;
  z: number | null;
  p_value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  odds_ratio: number | null;
  or_ci_low: number | null;
  or_ci_high: number | null;
}

/** A feature of the specification, as the model section lists it. */
export interface FeatureEntry {
  name: string;
  column: string;
  type: Feature['type'];
  sensitive: boolean;
  in_model: boolean;
  /** How the feature enters the model: bands, reference level, scale, options. */
  encoding: string;
  /** The level (or band) the feature's terms are measured against; null when it has none or is not in the model. */
  reference: string | null;
  description: string | null;
}

/** Everything the report shows: the JSON written by --json, and what the HTML is rendered from. */
export interface ReportDocument {
  format: 'ledighedsprofil-report';
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generatedAt: string;
  packageVersion: string;
  model: {
    version: string;
    description: string;
    simulatedData: boolean;
    createdAt: string;
    checksum: string;
    cutoff: ModelArtifact['cutoff'];
    training: ModelArtifact['training'];
    /** The figures stored in the artifact when it was trained. */
    storedValidation: ValidationMetrics | null;
    specification: {
      name: string;
      outcome: string;
      weight: string | null;
      features: FeatureEntry[];
      interactions: string[];
      audit_only: string[];
    };
    coefficients: CoefficientEntry[];
  };
  data: {
    file: string;
    sha256: string;
    same_file_as_training: boolean;
    rows: number;
    events: number;
    unscorable: number;
    unscorable_examples: string[];
    date_column: string | null;
    date_range: { from: string; to: string } | null;
  };
  evaluation: {
    kind: EvaluationKind;
    description: string;
    /** Rows the main figures are computed on. */
    rows: number;
    /** The label of the comparison figures (`apparent`), when there are any. */
    comparison_label: string | null;
  };
  /** val.prob's figures (the calibrate command's keys) on the main rows. */
  overall: ValProbMetrics;
  /** The same on the fitting rows (hold-out or temporal split), or null. */
  apparent: ValProbMetrics | null;
  /** Harrell's optimism correction, for in-sample reports; null otherwise or when --bootstrap 0. */
  optimism: BootstrapOptimism | null;
  calibration_curve: { deciles: DecileBin[]; band: CalibrationBand };
  roc: RocPoint[];
  score_histogram: HistogramBin[];
  cutoff_table: { chosen: number; rows: CutoffFigures[] };
  fairness: FairnessAudit;
  notes: string[];
}

/** Settings of {@link buildReportDocument}. */
export interface ReportOptions {
  dataFile: string;
  dataSha256: string;
  /** Bootstrap resamples for the optimism correction of in-sample reports (0: none). */
  bootstrap: number;
  /** Bootstrap resamples for the calibration curve's band. */
  bandResamples: number;
  seed: number;
  cutoffs?: number[];
  forceExternal?: boolean;
  packageVersion: string;
  now?: () => Date;
  onStage?: (stage: string, total: number) => { update(done: number): void; stop(): void };
}

const NO_PROGRESS = { update() {}, stop() {} };

/**
 * Scores the table's rows with the model and computes every figure of the report: which rows validate
 * the model (see planEvaluation), val.prob's figures on them (and on the fitting rows when the split is
 * reproduced), the calibration curve with its band, the ROC curve, the cut-off table, the fairness audit,
 * and for in-sample data Harrell's optimism correction.
 *
 * The table must have been read with the artifact's own specification (`artifact.encoding.spec`) and
 * with the columns of {@link columnsToKeep} kept.
 */
export function buildReportDocument(artifact: ModelArtifact, table: TrainingTable, o: ReportOptions): ReportDocument {
  const stage = o.onStage ?? (() => NO_PROGRESS);
  const notes: string[] = [];
  const columns = new Set([...table.extra.keys(), ...table.features.map((f) => f.column ?? f.name)]);
  const plan = planEvaluation(artifact, o.dataSha256, columns, o.forceExternal);
  const split = splitRows(table, plan.rule);

  const scorer = createScorer(artifact);
  const design = buildDesign(scorer.encoder, table);
  const p = scorer.scoreDesign(design.x);
  const y = design.y;
  if (design.unencodable.length > 0) {
    notes.push(
      `${design.unencodable.length} rows could not be scored (a value the model cannot encode, e.g. a level it never saw) and are left out of every figure.`,
    );
  }
  if (table.weights)
    notes.push('The specification has case weights; they were used in fitting, but every figure here counts each row once.');

  const main = selectRows(p, y, design.rows, split.validation ?? undefined);
  if (main.p.length === 0) throw new RangeError('no scorable rows to evaluate');
  const comparison = split.validation ? selectRows(p, y, design.rows, split.train) : undefined;

  const overallResult = valProb(main.p, main.y);
  const overall = overallResult.metrics;
  const curve = overallResult.curve;
  const sortedY = Float64Array.from(curve.order, (i) => main.y[i]);

  const bandProgress = stage('calibration band', o.bandResamples);
  const band = lowessBand(curve.x, sortedY, curve, { resamples: o.bandResamples, seed: o.seed, onResample: (d) => bandProgress.update(d) });
  bandProgress.stop();

  const chosen = artifact.cutoff.probability;
  const cutoffs = o.cutoffs ? [...new Set([...o.cutoffs, chosen])].sort((a, b) => a - b) : defaultCutoffs(curve.x, chosen);
  const { groupings, skipped } = auditGroupings(table, artifact.encoding);
  const fairness = fairnessAudit(main.p, main.y, main.rows, groupings, chosen, skipped);

  let apparent: ValProbMetrics | null = null;
  let comparisonLabel: string | null = null;
  if (comparison && comparison.p.length > 0) {
    apparent = valProb(comparison.p, comparison.y).metrics;
    comparisonLabel = plan.sameFile ? 'apparent (fitting rows)' : 'training period';
    if (plan.sameFile && comparison.p.length !== artifact.training.rows) {
      notes.push(
        `Reproducing the split gave ${comparison.p.length} fitting rows, but the artifact records ${artifact.training.rows}: the apparent figures may not be on exactly the rows the model was fitted on.`,
      );
    }
  }

  let optimism: BootstrapOptimism | null = null;
  if (plan.kind === 'in-sample' && o.bootstrap > 0) {
    if (design.unencodable.length > 0) notes.push('The bootstrap refits use the scorable rows only.');
    const progress = stage('bootstrap refits', o.bootstrap);
    optimism = bootstrapOptimism(
      y,
      refitOnResample({ x: design.x, y, weights: design.weights, l2: artifact.training.l2 }),
      {
        c_statistic: overall.c_statistic,
        brier: overall.brier,
        calibration_slope: overall.calibration_slope,
        calibration_intercept: overall.calibration_intercept,
      },
      { resamples: o.bootstrap, seed: o.seed, onResample: (d) => progress.update(d) },
    );
    progress.stop();
  } else if (plan.kind === 'in-sample') {
    notes.push('These figures are apparent (in-sample) and no bootstrap correction was asked for (--bootstrap 0): they flatter the model.');
  }

  const dateColumn = artifact.training.dateColumn;
  return {
    format: 'ledighedsprofil-report',
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: (o.now ?? (() => new Date()))().toISOString(),
    packageVersion: o.packageVersion,
    model: {
      version: artifact.version,
      description: artifact.description,
      simulatedData: artifact.simulatedData,
      createdAt: artifact.createdAt,
      checksum: artifact.checksum.value,
      cutoff: artifact.cutoff,
      training: artifact.training,
      storedValidation: artifact.validation,
      specification: specificationEntries(artifact),
      coefficients: coefficientEntries(artifact),
    },
    data: {
      file: o.dataFile,
      sha256: o.dataSha256,
      same_file_as_training: plan.sameFile,
      rows: table.n,
      events: sum(table.y),
      unscorable: design.unencodable.length,
      unscorable_examples: design.unencodable.slice(0, 5).map((u) => `line ${table.lines[u.row]}, ${u.field}: ${u.reason}`),
      date_column: dateColumn && table.extra.has(dateColumn) ? dateColumn : null,
      date_range: dateColumn && table.extra.has(dateColumn) ? textRange(table.extra.get(dateColumn)!) : null,
    },
    evaluation: { kind: plan.kind, description: plan.description, rows: main.p.length, comparison_label: comparisonLabel },
    overall,
    apparent,
    optimism,
    calibration_curve: { deciles: decileBins(main.p, main.y, curve.order), band },
    roc: rocCurve(main.p, main.y, curve.order),
    score_histogram: histogramByOutcome(main.p, main.y, histogramUpper(curve.x)),
    cutoff_table: { chosen, rows: cutoffTable(main.p, main.y, cutoffs) },
    fairness,
    notes: [...notes, ...overall.warnings.map((w) => `Overall figures: ${w}`)],
  };
}

/** The columns besides the specification's features that the report reads: the split, the date, age and region. */
export function columnsToKeep(artifact: ModelArtifact): string[] {
  const keep = new Set<string>();
  const rule = artifact.training.splitRule;
  if (rule.kind === 'temporal') keep.add(rule.column);
  if (artifact.training.dateColumn) keep.add(artifact.training.dateColumn);
  const names = new Set(artifact.encoding.spec.features.map((f) => f.name));
  for (const c of ['age', 'region']) if (!names.has(c)) keep.add(c);
  return [...keep];
}

interface Selected {
  p: Float64Array;
  y: Float64Array;
  /** Table row of each selected prediction. */
  rows: Int32Array;
}

/** The scored rows whose table row is in `mask` (all when absent). */
function selectRows(p: Float64Array, y: Float64Array, rows: Int32Array, mask?: Uint8Array): Selected {
  if (!mask) return { p, y, rows };
  let m = 0;
  for (let i = 0; i < rows.length; i++) if (mask[rows[i]]) m++;
  const out = { p: new Float64Array(m), y: new Float64Array(m), rows: new Int32Array(m) };
  for (let i = 0, k = 0; i < rows.length; i++) {
    if (!mask[rows[i]]) continue;
    out.p[k] = p[i];
    out.y[k] = y[i];
    out.rows[k++] = rows[i];
  }
  return out;
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function textRange(values: readonly string[]): { from: string; to: string } | null {
  let from: string | undefined;
  let to: string | undefined;
  for (const v of values) {
    if (v === '') continue;
    if (from === undefined || v < from) from = v;
    if (to === undefined || v > to) to = v;
  }
  return from === undefined || to === undefined ? null : { from, to };
}

function coefficientEntries(artifact: ModelArtifact): CoefficientEntry[] {
  const terms = artifact.encoding.terms;
  const p = terms.length;
  const estimates = Float64Array.from(artifact.coefficients, (c) => c.estimate ?? NaN);
  const covariance = new Float64Array(p * p);
  artifact.covariance.forEach((row, i) => row.forEach((v, j) => (covariance[i * p + j] = v ?? NaN)));
  const f = (x: number) => (Number.isFinite(x) ? x : null);
  return coefficientTable(terms, estimates, covariance).map((r) => ({
    term: r.term,
    estimate: f(r.estimate),
    std_error: f(r.stdError),
    z: f(r.z),
    p_value: f(r.pValue),
    ci_low: f(r.ciLow),
    ci_high: f(r.ciHigh),
    odds_ratio: f(r.oddsRatio),
    or_ci_low: f(Math.exp(r.ciLow)),
    or_ci_high: f(Math.exp(r.ciHigh)),
  }));
}

/** The specification's features as the report (and the model card) list them. */
export function specificationEntries(artifact: ModelArtifact): ReportDocument['model']['specification'] {
  const spec = artifact.encoding.spec;
  const fitted = new Map(artifact.encoding.features.map((f) => [f.spec.name, f]));
  return {
    name: spec.name,
    outcome: spec.outcome,
    weight: spec.weight ?? null,
    features: spec.features.map((f) => ({
      name: f.name,
      column: f.column ?? f.name,
      type: f.type,
      sensitive: f.sensitive,
      in_model: fitted.has(f.name),
      encoding: encodingText(f, fitted.get(f.name)),
      reference: fitted.get(f.name)?.reference ?? null,
      description: f.description ?? null,
    })),
    interactions: artifact.encoding.interactions.map((i) => `${i.features[0]} × ${i.features[1]}`),
    audit_only: artifact.encoding.auditOnly,
  };
}

/** How a feature enters the model, in a few words. */
function encodingText(f: Feature, fitted: FittedFeature | undefined): string {
  const parts: string[] = [];
  if (f.type === 'numeric') {
    const t = f.transform;
    if (t.kind === 'linear') parts.push(f.scale !== 1 ? `linear, per ${f.scale} units` : 'linear');
    else if (t.kind === 'bands') parts.push(`bands ${(t.labels ?? []).join(', ') || t.breaks.join(' | ')}`);
    else if (t.kind === 'spline') parts.push(`restricted cubic spline, knots ${t.knots.join(', ')}`);
    else parts.push(`polynomial of degree ${t.degree}`);
  } else if (f.type === 'categorical') {
    parts.push(f.prefix ? `first ${f.prefix} character${f.prefix === 1 ? '' : 's'} as levels` : 'levels');
  } else if (f.type === 'boolean') parts.push('indicator');
  else parts.push(`one indicator per option (${f.options.length})`);
  if (fitted?.reference !== undefined) parts.push(`reference ${fitted.reference}`);
  if (fitted?.pooled && fitted.pooled.length > 0) parts.push(`rare levels pooled: ${fitted.pooled.join(', ')}`);
  if (fitted?.missingTerm) parts.push('missing as its own level');
  if (!fitted) parts.push(f.sensitive ? 'not in the model (sensitive; audited)' : 'not in the model');
  return parts.join('; ');
}
