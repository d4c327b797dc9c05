/**
 * Linear interpolation of a curve given at ascending x, constant beyond its ends, as R's
 * `approx(x, y, xout = at, rule = 2)`: with x[lo] ≤ at ≤ x[lo + 1] (found by bisection), the value
 * y[lo] + (at − x[lo])/(x[lo + 1] − x[lo])·(y[lo + 1] − y[lo]).
 */
export function interpolate(x: ArrayLike<number>, y: ArrayLike<number>, at: number): number {
  const n = x.length;
  if (at <= x[0]) return y[0];
  if (at >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  // Among tied x the curve value is shared (lowess gives ties one fitted value), so either side will do.
  if (x[hi] === x[lo]) return y[lo];
  const t = (at - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}
