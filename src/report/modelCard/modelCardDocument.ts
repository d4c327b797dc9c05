import type { ModelArtifact, ValidationMetrics } from '../../model/artifact/artifactSchema.js';
import type { ValProbMetrics } from '../../stats/valProb.js';
import type { EvaluationKind } from '../calibrationReport/evaluationPlan.js';
import { specificationEntries, type FeatureEntry, type ReportDocument } from '../calibrationReport/reportDocument.js';
import { cutoffConsequences, type CutoffConsequences } from './cutoffConsequences.js';
import { groupPerformance, type AttributePerformance } from './groupPerformance.js';
import { proportion, type Proportion } from './intervals.js';
import { versionHistory, type VersionEntry } from './versionHistory.js';

/** The card's format version, written into its JSON; bump it when keys change meaning. */
export const MODEL_CARD_SCHEMA_VERSION = 1;

/** Everything the model card shows: what the HTML is rendered from and what --json writes. */
export interface ModelCardDocument {
  format: 'ledighedsprofil-model-card';
  schemaVersion: typeof MODEL_CARD_SCHEMA_VERSION;
  generatedAt: string;
  packageVersion: string;
  model: {
    version: string;
    description: string;
    simulatedData: boolean;
    createdAt: string;
    checksum: string;
    command: string;
    packageVersion: string;
    nodeVersion: string;
  };
  training: {
    dataFile: string;
    dataSha256: string;
    rows: number;
    events: number;
    eventRate: Proportion;
    censored: number | null;
    dateColumn: string | null;
    dateRange: { from: string; to: string } | null;
    split: string;
    l2: number;
    converged: boolean;
    iterations: number;
    warnings: string[];
  };
  predictors: {
    outcome: string;
    features: FeatureEntry[];
    interactions: string[];
    /** Sensitive features the model does not use: kept in the data for the audit only. */
    sensitiveExcluded: string[];
    /** Sensitive features the model does use (a deliberate choice that the card must show). */
    sensitiveUsed: string[];
    terms: number;
  };
  /** The held-out figures stored in the artifact when it was trained, with an interval for the observed rate. */
  stored: (ValidationMetrics & { observedRateInterval: Proportion }) | null;
  /** Figures computed on --data with the calibration report's code; null without --data. */
  validation: {
    file: string;
    sha256: string;
    kind: EvaluationKind;
    description: string;
    rows: number;
    unscorable: number;
    overall: ValProbMetrics;
    observedRate: Proportion;
    atCutoff: CutoffConsequences;
    groups: AttributePerformance[];
    groupSummary: string[];
    skipped: string[];
    notes: string[];
  } | null;
  cutoff: ModelArtifact['cutoff'];
  /** Limits of this version in particular (training warnings, convergence, simulated data, sensitive use). */
  versionLimits: string[];
  versions: VersionEntry[];
}

/** Settings of {@link buildModelCard}. */
export interface ModelCardOptions {
  packageVersion: string;
  /** The calibration report's document on --data, when given. */
  report?: ReportDocument;
  previous?: readonly ModelArtifact[];
  now?: () => Date;
}

/**
 * Collects the model card's content from the artifact (training metadata, specification, stored
 * metrics, cut-off), the calibration report's figures on validation data when there are any (so the
 * card and `report` never disagree) and the earlier versions given.
 */
export function buildModelCard(artifact: ModelArtifact, o: ModelCardOptions): ModelCardDocument {
  const spec = specificationEntries(artifact);
  const t = artifact.training;
  const r = o.report;
  const sensitive = spec.features.filter((f) => f.sensitive);
  const chosen = r?.cutoff_table.rows.find((row) => row.cutoff === artifact.cutoff.probability);
  if (r && !chosen) throw new RangeError("the report's cut-off table lacks the model's cut-off");

  const versionLimits: string[] = [];
  if (artifact.simulatedData) versionLimits.push('Trained on simulated data: its figures say nothing about real members.');
  if (!t.converged) versionLimits.push(`The fit did not converge (${t.iterations} iterations): the estimates are not maximum likelihood.`);
  for (const w of t.warnings) versionLimits.push(`Training warning: ${w}`);
  for (const f of sensitive.filter((f) => f.in_model))
    versionLimits.push(`The sensitive attribute ${f.name} is used by the model; this must be justified and its group figures watched.`);
  if (!artifact.validation) versionLimits.push('The artifact stores no held-out figures (the model was fitted on all its rows).');
  if (t.censored === null) versionLimits.push('The number of censored spells left out of training was not recorded.');

  return {
    format: 'ledighedsprofil-model-card',
    schemaVersion: MODEL_CARD_SCHEMA_VERSION,
    generatedAt: (o.now ?? (() => new Date()))().toISOString(),
    packageVersion: o.packageVersion,
    model: {
      version: artifact.version,
      description: artifact.description,
      simulatedData: artifact.simulatedData,
      createdAt: artifact.createdAt,
      checksum: artifact.checksum.value,
      command: t.command,
      packageVersion: t.packageVersion,
      nodeVersion: t.nodeVersion,
    },
    training: {
      dataFile: t.dataFile,
      dataSha256: t.dataSha256,
      rows: t.rows,
      events: t.events,
      eventRate: proportion(t.events, t.rows),
      censored: t.censored,
      dateColumn: t.dateColumn,
      dateRange: t.dateRange,
      split: t.split,
      l2: t.l2,
      converged: t.converged,
      iterations: t.iterations,
      warnings: t.warnings,
    },
    predictors: {
      outcome: spec.outcome,
      features: spec.features,
      interactions: spec.interactions,
      sensitiveExcluded: sensitive.filter((f) => !f.in_model).map((f) => f.name),
      sensitiveUsed: sensitive.filter((f) => f.in_model).map((f) => f.name),
      terms: artifact.encoding.terms.length,
    },
    stored: artifact.validation
      ? { ...artifact.validation, observedRateInterval: proportion(artifact.validation.events, artifact.validation.rows) }
      : null,
    validation:
      r && chosen
        ? {
            file: r.data.file,
            sha256: r.data.sha256,
            kind: r.evaluation.kind,
            description: r.evaluation.description,
            rows: r.evaluation.rows,
            unscorable: r.data.unscorable,
            overall: r.overall,
            observedRate: proportion(r.overall.events, r.overall.n),
            atCutoff: cutoffConsequences(chosen),
            groups: groupPerformance(r.fairness),
            groupSummary: r.fairness.summary,
            skipped: r.fairness.skipped,
            notes: r.notes,
          }
        : null,
    cutoff: artifact.cutoff,
    versionLimits,
    versions: versionHistory(artifact, o.previous ?? []),
  };
}
