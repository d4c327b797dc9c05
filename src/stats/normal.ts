import pnormImpl from '@stdlib/stats-base-dists-normal-cdf';
import qnormImpl from '@stdlib/stats-base-dists-normal-quantile';

/** The standard normal distribution function Φ(x), accurate in the tails (stdlib's erfc-based implementation). */
export function pnorm(x: number): number {
  return pnormImpl(x, 0, 1);
}

/** The standard normal quantile Φ⁻¹(p). */
export function qnorm(p: number): number {
  return qnormImpl(p, 0, 1);
}

/** Two-sided p-value of a z statistic, 2 Φ(−|z|), computed in the lower tail so tiny values keep their precision. */
export function twoSidedP(z: number): number {
  return 2 * pnorm(-Math.abs(z));
}
