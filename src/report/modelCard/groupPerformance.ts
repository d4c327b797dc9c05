import type { FairnessAudit } from '../calibrationReport/fairness.js';
import type { GroupingKind } from '../calibrationReport/groups.js';
import { cutoffConsequences, type CutoffConsequences } from './cutoffConsequences.js';
import { proportion, waldInterval, type Proportion } from './intervals.js';

/** One group's figures with 95 % intervals, as the card shows them. */
export interface GroupPerformance {
  group: string;
  n: number;
  events: number;
  small: boolean;
  observed_rate: Proportion;
  mean_predicted: number;
  /** AUC with DeLong's interval (valProb's). */
  auc: { value: number | null; ci_low: number | null; ci_high: number | null };
  /** Calibration-in-the-large (logit scale) with a Wald interval from its standard error. */
  calibration_in_the_large: { value: number | null; ci_low: number | null; ci_high: number | null };
  at_cutoff: CutoffConsequences;
}

/** An audited attribute's groups. */
export interface AttributePerformance {
  attribute: string;
  kind: GroupingKind;
  in_model: boolean;
  groups: GroupPerformance[];
  /** The calibration report's sentences on the largest gaps. */
  statements: string[];
}

/**
 * The calibration report's fairness audit (the same groupings and the same groupFigures), with an
 * interval added to every figure the card shows, so that a small group's figure is read with its width.
 */
export function groupPerformance(audit: FairnessAudit): AttributePerformance[] {
  return audit.attributes.map((a) => ({
    attribute: a.attribute,
    kind: a.kind,
    in_model: a.in_model,
    statements: a.statements,
    groups: a.groups.map((g) => ({
      group: g.group,
      n: g.n,
      events: g.events,
      small: g.small,
      observed_rate: proportion(g.events, g.n),
      mean_predicted: g.mean_predicted,
      auc: { value: g.auc, ci_low: g.auc_ci_low, ci_high: g.auc_ci_high },
      calibration_in_the_large: waldInterval(g.calibration_in_the_large, g.calibration_in_the_large_se),
      at_cutoff: cutoffConsequences({ ...g, cutoff: audit.cutoff }),
    })),
  }));
}
