/** A point of the ROC curve: the rates of members at or above some threshold. */
export interface RocPoint {
  /** The lowest prediction counted as positive; null for the starting point (nobody flagged). */
  threshold: number | null;
  false_positive_rate: number;
  true_positive_rate: number;
}

/**
 * The empirical ROC curve (Fawcett 2006, "An introduction to ROC analysis", Pattern Recognition Letters
 * 27, 861–874, algorithm 1): the false- and true-positive rates FP/n₀ and TP/n₁ of flagging p ≥ t, lowering the threshold through the distinct predictions (ties enter
 * together, giving the diagonal steps whose area the C statistic counts as ½). Points closer than
 * `resolution` to the last one kept are dropped so a million predictions draw as a few hundred
 * points; the ends (0, 0) and (1, 1) are always kept. `order` is the `sortOrder` of p; no points
 * (an empty list) when only one outcome occurs.
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
    const far =
      Math.hypot(point.false_positive_rate - last.false_positive_rate, point.true_positive_rate - last.true_positive_rate) >= resolution;
    if (far || k < 0) {
      points.push(point);
      last = point;
    }
  }
  return points;
}
