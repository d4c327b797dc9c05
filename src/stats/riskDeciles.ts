import { wilsonInterval } from './wilsonInterval.js';

/** One bin of the reliability diagram: mean prediction against observed rate, with a binomial interval. */
export interface DecileBin {
  decile: number;
  n: number;
  mean_predicted: number;
  observed_rate: number;
  /** Wilson score 95 % interval of the observed rate. */
  ci_low: number;
  ci_high: number;
}

/**
 * Count, sum of predictions and sum of outcomes in each decile of risk, with the binning defined for
 * {@link eceDeciles} (ties kept together); shared with {@link decileBins} so that the bins it
 * shows are the bins the ECE is computed over.
 */
export function riskDecileSums(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  order: Uint32Array,
): { count: Float64Array; sumP: Float64Array; sumY: Float64Array } {
  const n = p.length;
  const count = new Float64Array(10);
  const sumP = new Float64Array(10);
  const sumY = new Float64Array(10);
  let decile = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (k === 0 || p[i] !== p[order[k - 1]]) decile = Math.floor((10 * k) / n);
    count[decile]++;
    sumP[decile] += p[i];
    sumY[decile] += y[i];
  }
  return { count, sumP, sumY };
}

/**
 * Deciles of predicted risk with the binning of eceDeciles (sorted position k goes to decile
 * ⌊10k/n⌋, a run of tied predictions stays in the decile of its first member), so the bins drawn
 * are the bins the reported ECE is computed over. Empty deciles are left out.
 */
export function decileBins(p: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array): DecileBin[] {
  const { count, sumP, sumY } = riskDecileSums(p, y, order);
  const bins: DecileBin[] = [];
  for (let d = 0; d < 10; d++) {
    if (count[d] === 0) continue;
    const ci = wilsonInterval(sumY[d], count[d]);
    bins.push({
      decile: d + 1,
      n: count[d],
      mean_predicted: sumP[d] / count[d],
      observed_rate: sumY[d] / count[d],
      ci_low: ci.low,
      ci_high: ci.high,
    });
  }
  return bins;
}
