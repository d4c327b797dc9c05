import pnormImpl from '@stdlib/stats-base-dists-normal-cdf';
import qnormImpl from '@stdlib/stats-base-dists-normal-quantile';

// The one door to the normal distribution: every statistic that needs Φ or Φ⁻¹ imports it from here.

/** The standard normal distribution function Φ(x), accurate in the tails (stdlib's erfc-based implementation). */
export function pnorm(x: number): number {
  return pnormImpl(x, 0, 1);
}

/**
 * The standard normal quantile Φ⁻¹(p) (stdlib's, from rational approximations of the inverse error function).
 * Accurate down to p ≈ 10⁻¹⁶; below that it returns −Infinity where R's qnorm stays finite, which the
 * conventional levels (0.975 and the like) asked for here never reach.
 */
export function qnorm(p: number): number {
  return qnormImpl(p, 0, 1);
}

/** Two-sided p-value of a z statistic, 2 Φ(−|z|), computed in the lower tail so tiny values keep their precision. */
export function twoSidedP(z: number): number {
  return 2 * pnorm(-Math.abs(z));
}
