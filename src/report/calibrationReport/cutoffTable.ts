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

/** The 2×2 table of målgruppe (p ≥ cutoff) against outcome and the rates read from it. */
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

/**
 * The cut-offs a report tabulates: steps of 0.025 from 0.025 up to the first step above the 99th
 * percentile of the predictions (the range where members actually are, at most 0.975), plus the
 * model's own cut-off, sorted and without repeats.
 */
export function defaultCutoffs(sortedP: ArrayLike<number>, chosen: number): number[] {
  const n = sortedP.length;
  const p99 = n > 0 ? sortedP[Math.min(n - 1, Math.floor(0.99 * n))] : 0.5;
  const top = Math.min(0.975, Math.max(0.25, Math.ceil(p99 / 0.025) * 0.025));
  const out: number[] = [];
  // Whole steps counted in integers so that 0.1 comes out as 0.1, not 0.30000000000000004-style sums.
  for (let k = 1; k * 0.025 <= top + 1e-12; k++) out.push(Math.round(k * 25) / 1000);
  if (!out.some((c) => Math.abs(c - chosen) < 1e-12)) out.push(chosen);
  return out.sort((a, b) => a - b);
}
