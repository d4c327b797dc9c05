/**
 * The consequences of a målgruppe cut-off, counted on predictions and outcomes: who is put in
 * målgruppe 2 (probability ≥ cut-off), how many of them become long-term unemployed, and how many
 * long-term unemployed are missed. Keys are snake_case as in the report's JSON.
 */
export interface CutoffFigures {
  cutoff: number;
  n: number;
  events: number;
  /** Members at or above the cut-off: målgruppe 2. */
  flagged: number;
  share_flagged: number;
  true_positives: number;
  false_positives: number;
  false_negatives: number;
  true_negatives: number;
  /** Share of målgruppe 2 that becomes long-term unemployed (positive predictive value); null when nobody is flagged. */
  precision: number | null;
  /** Share of the long-term unemployed who are in målgruppe 2 (sensitivity); null without events. */
  recall: number | null;
  /** Share of those who do not become long-term unemployed that are put in målgruppe 2; null without non-events. */
  false_positive_rate: number | null;
  /** Share of the long-term unemployed left in målgruppe 1 (1 − recall); null without events. */
  false_negative_rate: number | null;
}

/**
 * The 2×2 table of målgruppe (p ≥ cutoff) against outcome and the rates read from it: precision
 * TP/(TP + FP), recall TP/(TP + FN), false-positive rate FP/(FP + TN) and false-negative rate
 * FN/(TP + FN) (Fawcett 2006, "An introduction to ROC analysis", §2), each null when its denominator is 0.
 */
export function cutoffFigures(p: ArrayLike<number>, y: ArrayLike<number>, cutoff: number): CutoffFigures {
  const n = p.length;
  let tp = 0;
  let fp = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    events += y[i];
    if (p[i] >= cutoff) {
      if (y[i] === 1) tp++;
      else fp++;
    }
  }
  const flagged = tp + fp;
  const fn = events - tp;
  const tn = n - events - fp;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    cutoff,
    n,
    events,
    flagged,
    share_flagged: n > 0 ? flagged / n : 0,
    true_positives: tp,
    false_positives: fp,
    false_negatives: fn,
    true_negatives: tn,
    precision: ratio(tp, flagged),
    recall: ratio(tp, events),
    false_positive_rate: ratio(fp, n - events),
    false_negative_rate: ratio(fn, events),
  };
}

/** {@link cutoffFigures} for each cut-off, in the order given. */
export function cutoffTable(p: ArrayLike<number>, y: ArrayLike<number>, cutoffs: readonly number[]): CutoffFigures[] {
  return cutoffs.map((c) => cutoffFigures(p, y, c));
}
