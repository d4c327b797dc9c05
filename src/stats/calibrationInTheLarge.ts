import { logisticDeviance } from './logisticDeviance.js';

/** The fit of logit P(y = 1) = a + logit(p), the slope held at 1. */
export interface CalibrationInTheLarge {
  /** a: positive when outcomes are more frequent than predicted on average. */
  intercept: number;
  iterations: number;
  converged: boolean;
}

/**
 * Calibration-in-the-large: the maximum-likelihood intercept a of logit P(y = 1) = a + logit(p) with
 * logit(p) as an offset, i.e. R's `glm(y ~ 1, offset = qlogis(p), family = binomial)` (Steyerberg,
 * Clinical Prediction Models, 2nd ed., §15.3). Not `val.prob`'s "Intercept", which is estimated
 * together with the slope. Newton's method on the score Σ(yᵢ − πᵢ) with information Σπᵢ(1 − πᵢ),
 * from a = 0, halving any step that increases the deviance by more than 10⁻⁹ relative.
 *
 * `logit` must be finite; the estimate is finite only when both outcomes occur.
 */
export function calibrationInTheLarge(logit: ArrayLike<number>, y: ArrayLike<number>, maxIterations = 50): CalibrationInTheLarge {
  const n = y.length;
  let a = 0;
  let deviance = logisticDeviance(logit, y, a, 1);
  let iteration = 0;
  while (++iteration <= maxIterations) {
    let score = 0;
    let information = 0;
    for (let i = 0; i < n; i++) {
      const pi = 1 / (1 + Math.exp(-(a + logit[i])));
      score += y[i] - pi;
      information += pi * (1 - pi);
    }
    if (!(information > 0) || !Number.isFinite(information)) break;
    let step = score / information;
    const small = Math.abs(step) <= 1e-12 * Math.max(1, Math.abs(a));
    let next = logisticDeviance(logit, y, a + step, 1);
    // Only a clear increase counts as an overshoot: near the optimum the gain is below rounding.
    const slack = 1e-9 * Math.max(1, deviance);
    for (let halvings = 0; next > deviance + slack && halvings < 30; halvings++) {
      step /= 2;
      next = logisticDeviance(logit, y, a + step, 1);
    }
    if (!(next <= deviance + slack)) break;
    a += step;
    deviance = next;
    if (small) return { intercept: a, iterations: iteration, converged: true };
  }
  return { intercept: a, iterations: Math.min(iteration, maxIterations), converged: false };
}
