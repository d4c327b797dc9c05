import { riskDecileSums } from './riskDeciles.js';
import { sortOrder } from './sortOrder.js';

/**
 * Expected calibration error over deciles of risk (equal-mass binning; Naeini, Cooper & Hauskrecht
 * 2015), defined here precisely as follows. Sort the n predictions ascending (stably). The prediction
 * at 0-based sorted position i belongs to decile ⌊10·i/n⌋ (0…9; deciles differ in size by at most
 * one), except that all predictions equal to one another go to the decile of the first of them, so a
 * tie is never split (deciles can then be larger, smaller or empty). With n_k predictions in decile k,
 * mean prediction p̄_k and observed event rate ȳ_k,
 *
 *   ECE = Σ_k (n_k / n) · |ȳ_k − p̄_k|,   summed over non-empty deciles.
 *
 * It is 0 for perfectly calibrated deciles and at most 1. The R one-liner in
 * test/fixtures/metrics/reference-helpers.R computes the same quantity for the tests.
 *
 * `order` may pass a precomputed {@link sortOrder} of p.
 */
export function eceDeciles(p: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array = sortOrder(p)): number {
  const n = p.length;
  if (n === 0) throw new RangeError('eceDeciles: no data');
  const { count, sumP, sumY } = riskDecileSums(p, y, order);
  let ece = 0;
  for (let d = 0; d < 10; d++) {
    if (count[d] > 0) ece += (count[d] / n) * Math.abs(sumY[d] / count[d] - sumP[d] / count[d]);
  }
  return ece;
}
