import { lowess, type LowessFit } from './lowess.js';
import { quantileType7 } from './quantileType7.js';
import { sortOrder } from './sortOrder.js';

/** Summaries of the distance between the predictions and a smoothed calibration curve. */
export interface CalibrationErrors {
  /** Largest |pᵢ − ŝ(pᵢ)|. */
  emax: number;
  /** 90th percentile (R's type 7) of |pᵢ − ŝ(pᵢ)|. */
  e90: number;
  /** Mean of |pᵢ − ŝ(pᵢ)| (the integrated calibration index, ICI, of Austin & Steyerberg 2019). */
  eavg: number;
  /** The smoothed curve ŝ: predictions sorted ascending and the smoothed event rate at each. */
  curve: LowessFit;
}

/**
 * `val.prob`'s Emax, E90 and Eavg (Harrell, Regression Modeling Strategies, §10.11): the smoothed
 * calibration curve ŝ is `lowess(p, y, iter = 0)` — f = 2/3, no robustness iterations, R's default
 * delta = 0.01·range(p) — read off at each prediction (`approx(..., xout = p, ties = mean)`, which at
 * the knots is the fitted value itself), and the absolute differences |pᵢ − ŝ(pᵢ)| are summarised by
 * their maximum, 90th percentile and mean.
 *
 * `order` may pass a precomputed {@link sortOrder} of p.
 */
export function calibrationErrors(p: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array = sortOrder(p)): CalibrationErrors {
  const curve = lowess(p, y, { iter: 0 }, order);
  const n = p.length;
  const errors = new Float64Array(n);
  let sum = 0;
  let max = 0;
  for (let k = 0; k < n; k++) {
    const e = Math.abs(curve.x[k] - curve.y[k]);
    errors[k] = e;
    sum += e;
    if (e > max) max = e;
  }
  errors.sort();
  return { emax: max, e90: quantileType7(errors, 0.9), eavg: sum / n, curve };
}
