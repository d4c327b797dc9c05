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
 * to `upper`, which should be at least the largest prediction: the last bin is closed, so p = upper
 * falls in it, and so would any prediction above it, misrepresented as belonging to that bin.
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
      out.push({
        from: b * width,
        to: (b + 1) * width,
        outcome,
        count: counts[outcome][b],
        share: totals[outcome] > 0 ? counts[outcome][b] / totals[outcome] : 0,
      });
    }
  }
  return out;
}
