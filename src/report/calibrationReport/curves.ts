/** A point of the ROC curve: the rates of members at or above some threshold. */
export interface RocPoint {
  /** The lowest prediction counted as positive; null for the starting point (nobody flagged). */
  threshold: number | null;
  false_positive_rate: number;
  true_positive_rate: number;
}

/**
 * The empirical ROC curve, lowering the threshold through the distinct predictions (ties enter
 * together, giving the diagonal steps whose area the C statistic counts as ½). Points closer than
 * `resolution` to the last one kept are dropped so a million predictions draw as a few hundred
 * points; the ends (0, 0) and (1, 1) are always kept.
 */
export function rocCurve(p: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array, resolution = 0.004): RocPoint[] {
  const n = p.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const nonEvents = n - events;
  if (events === 0 || nonEvents === 0) return [];
  const points: RocPoint[] = [{ threshold: null, false_positive_rate: 0, true_positive_rate: 0 }];
  let tp = 0;
  let fp = 0;
  let last = points[0];
  for (let k = n - 1; k >= 0; ) {
    const value = p[order[k]];
    while (k >= 0 && p[order[k]] === value) {
      if (y[order[k]] === 1) tp++;
      else fp++;
      k--;
    }
    const point = { threshold: value, false_positive_rate: fp / nonEvents, true_positive_rate: tp / events };
    const far = Math.hypot(point.false_positive_rate - last.false_positive_rate, point.true_positive_rate - last.true_positive_rate) >= resolution;
    if (far || k < 0) {
      points.push(point);
      last = point;
    }
  }
  return points;
}

/** One bar of a histogram of predictions for one outcome, as a share of that outcome's members. */
export interface HistogramBin {
  from: number;
  to: number;
  outcome: 0 | 1;
  count: number;
  share: number;
}

/**
 * Histograms of the predictions of members who did and did not become long-term unemployed, each
 * scaled to sum to one so the two shapes compare whatever the base rate. Bins of equal width from 0
 * to `upper` (predictions above it go into the last bin).
 */
export function histogramByOutcome(p: ArrayLike<number>, y: ArrayLike<number>, upper: number, bins = 40): HistogramBin[] {
  const width = upper / bins;
  const counts = [new Float64Array(bins), new Float64Array(bins)];
  const totals = [0, 0];
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.floor(p[i] / width));
    counts[y[i]][b]++;
    totals[y[i]]++;
  }
  const out: HistogramBin[] = [];
  for (const outcome of [0, 1] as const) {
    for (let b = 0; b < bins; b++) {
      out.push({ from: b * width, to: (b + 1) * width, outcome, count: counts[outcome][b], share: totals[outcome] > 0 ? counts[outcome][b] / totals[outcome] : 0 });
    }
  }
  return out;
}
