import { createScorer, type Scorer } from '../../model/scorer.js';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { valProb } from '../../stats/valProb.js';
import { delongPairedTest, type DelongPairedTest } from '../../stats/delongPairedTest.js';

/** One model's figures on the rows both models could score. */
export interface ComparedModel {
  label: 'A' | 'B';
  version: string;
  simulated_data: boolean;
  auc: number | null;
  auc_se: number | null;
  auc_ci_low: number | null;
  auc_ci_high: number | null;
  brier: number;
  calibration_intercept: number | null;
  calibration_slope: number | null;
  calibration_in_the_large: number | null;
  mean_predicted: number;
  cutoff: number;
  /** Share of the rows at or above this model's own cut-off (målgruppe 2). */
  share_target_group_2: number;
  warnings: string[];
}

/** Two models on the same rows: each one's figures, DeLong's paired test, and who changes målgruppe. */
export interface ModelComparison {
  rows: number;
  events: number;
  observed_rate: number;
  /** Rows left out because at least one model could not score them, by model label. */
  unscorable: { A: number; B: number; either: number };
  models: [ComparedModel, ComparedModel];
  /** DeLong's test of AUC(A) = AUC(B); null when the rows lack two events or two non-events. */
  delong: Omit<DelongPairedTest, 'events' | 'nonEvents'> | null;
  group_change: {
    /** In målgruppe 1 by A and 2 by B. */
    from_1_to_2: number;
    from_2_to_1: number;
    changed: number;
    share_changed: number;
  };
}

/** Collects the two models' predictions row by row, then computes the comparison. */
export interface ComparisonBuilder {
  /** Scores one record with both models; `outcome` is its observed 0/1 outcome. */
  add(record: Readonly<Record<string, unknown>>, outcome: 0 | 1): void;
  finish(): ModelComparison;
}

/** Starts a comparison of models A and B (the order is kept in every figure: differences are A − B). */
export function compareModels(a: ModelArtifact, b: ModelArtifact): ComparisonBuilder {
  const scorers: [Scorer, Scorer] = [createScorer(a), createScorer(b)];
  const p1: number[] = [];
  const p2: number[] = [];
  const y: number[] = [];
  const unscorable = { A: 0, B: 0, either: 0 };
  return {
    add(record, outcome) {
      const ra = scorers[0].score(record);
      const rb = scorers[1].score(record);
      if (!ra.ok) unscorable.A++;
      if (!rb.ok) unscorable.B++;
      if (!ra.ok || !rb.ok) {
        unscorable.either++;
        return;
      }
      p1.push(ra.probability);
      p2.push(rb.probability);
      y.push(outcome);
    },
    finish() {
      if (y.length === 0) throw new RangeError('no row could be scored by both models');
      const pa = Float64Array.from(p1);
      const pb = Float64Array.from(p2);
      const ys = Uint8Array.from(y);
      const events = y.reduce((s, v) => s + v, 0);
      let delong: ModelComparison['delong'] = null;
      if (events >= 2 && y.length - events >= 2) {
        const { events: _e, nonEvents: _c, ...test } = delongPairedTest(pa, pb, ys);
        delong = test;
      }
      let up = 0;
      let down = 0;
      for (let i = 0; i < ys.length; i++) {
        const ga = scorers[0].targetGroup(pa[i]);
        const gb = scorers[1].targetGroup(pb[i]);
        if (ga === 1 && gb === 2) up++;
        else if (ga === 2 && gb === 1) down++;
      }
      return {
        rows: ys.length,
        events,
        observed_rate: events / ys.length,
        unscorable,
        models: [modelFigures('A', scorers[0], pa, ys), modelFigures('B', scorers[1], pb, ys)],
        delong,
        group_change: { from_1_to_2: up, from_2_to_1: down, changed: up + down, share_changed: (up + down) / ys.length },
      };
    },
  };
}

function modelFigures(label: 'A' | 'B', scorer: Scorer, p: Float64Array, y: Uint8Array): ComparedModel {
  const { metrics: m } = valProb(p, y);
  let flagged = 0;
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    if (scorer.targetGroup(p[i]) === 2) flagged++;
    sum += p[i];
  }
  return {
    label,
    version: scorer.artifact.version,
    simulated_data: scorer.artifact.simulatedData,
    auc: m.auc,
    auc_se: m.auc_se,
    auc_ci_low: m.auc_ci_low,
    auc_ci_high: m.auc_ci_high,
    brier: m.brier,
    calibration_intercept: m.calibration_intercept,
    calibration_slope: m.calibration_slope,
    calibration_in_the_large: m.calibration_in_the_large,
    mean_predicted: sum / p.length,
    cutoff: scorer.artifact.cutoff.probability,
    share_target_group_2: flagged / p.length,
    warnings: m.warnings,
  };
}
