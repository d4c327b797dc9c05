import type { CutoffFigures } from '../../stats/cutoffFigures.js';
import { proportion, type Proportion } from './intervals.js';

/** What the målgruppe cut-off does on a set of rows: who is flagged, and how often that is right. */
export interface CutoffConsequences {
  cutoff: number;
  n: number;
  events: number;
  flagged: number;
  true_positives: number;
  false_positives: number;
  false_negatives: number;
  true_negatives: number;
  /** Share put in målgruppe 2. */
  share_flagged: Proportion;
  /** Share of målgruppe 2 that becomes long-term unemployed. */
  precision: Proportion;
  /** Share of the long-term unemployed that are in målgruppe 2. */
  recall: Proportion;
  false_positive_rate: Proportion;
  false_negative_rate: Proportion;
}

/** The cut-off's 2×2 counts (from cutoffFigures) with a Wilson interval for every rate read from them. */
export function cutoffConsequences(f: CutoffFigures): CutoffConsequences {
  const tp = f.true_positives;
  const fp = f.false_positives;
  const fn = f.false_negatives;
  const tn = f.true_negatives;
  return {
    cutoff: f.cutoff,
    n: f.n,
    events: f.events,
    flagged: f.flagged,
    true_positives: tp,
    false_positives: fp,
    false_negatives: fn,
    true_negatives: tn,
    share_flagged: proportion(f.flagged, f.n),
    precision: proportion(tp, tp + fp),
    recall: proportion(tp, tp + fn),
    false_positive_rate: proportion(fp, fp + tn),
    false_negative_rate: proportion(fn, tp + fn),
  };
}
