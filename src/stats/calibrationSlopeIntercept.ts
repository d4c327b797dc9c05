import { logisticDeviance } from './logisticDeviance.js';

/** The fit of logit P(y = 1) = a + b·logit(p). */
export interface LogisticRecalibration {
  /** a: `val.prob`'s "Intercept" (estimated jointly with the slope, not with the slope fixed at 1). */
  intercept: number;
  /** b: `val.prob`'s "Slope"; below 1 means predictions too extreme (overfitting), above 1 too timid. */
  slope: number;
  /** The deviance at (a, b): `f.recal$deviance[2]` in `val.prob`. */
  deviance: number;
  /** Wald standard error of a: R's Std. Error of the intercept in `summary(glm(y ~ lp, binomial))`. */
  interceptSe: number;
  /** Wald standard error of b, likewise. */
  slopeSe: number;
  iterations: number;
  /** False when Newton's method did not settle: the outcomes are (quasi-)separated by the logits. */
  converged: boolean;
}

/**
 * Logistic recalibration (Cox 1958): maximum-likelihood estimates of a and b in
 * logit P(y = 1) = a + b·logit(p), by Newton's method from (0, 1) — the values of perfectly calibrated
 * predictions — halving a step whenever it increases the deviance by more than 10⁻⁹ relative. The
 * 2×2 Newton system is solved directly. Converged when the full Newton step changes neither
 * coefficient by more than 10⁻¹⁰ (relative to its size, at least 1), which is tighter than
 * `rms::lrm.fit`'s default (a deviance change below 0.025, then one more step), so R's values agree
 * to about 10⁻⁸ relative.
 *
 * The standard errors are the square roots of the diagonal of the inverse Fisher information
 * [[Σw, Σwx], [Σwx, Σwx²]] with w = π(1 − π) at the estimate, as `summary.glm` gives them (its weights
 * are those of the last iteration, which at convergence differ from these by rounding).
 *
 * `logit` must be finite (predictions strictly inside (0, 1)).
 */
export function calibrationSlopeIntercept(logit: ArrayLike<number>, y: ArrayLike<number>, maxIterations = 50): LogisticRecalibration {
  const n = y.length;
  let a = 0;
  let b = 1;
  let deviance = logisticDeviance(logit, y, a, b);
  let iteration = 0;
  while (++iteration <= maxIterations) {
    let u0 = 0;
    let u1 = 0;
    let i00 = 0;
    let i01 = 0;
    let i11 = 0;
    for (let i = 0; i < n; i++) {
      const x = logit[i];
      const pi = 1 / (1 + Math.exp(-(a + b * x)));
      const r = y[i] - pi;
      const w = pi * (1 - pi);
      u0 += r;
      u1 += r * x;
      i00 += w;
      i01 += w * x;
      i11 += w * x * x;
    }
    const det = i00 * i11 - i01 * i01;
    if (!(det > 0) || !Number.isFinite(det)) break;
    let da = (i11 * u0 - i01 * u1) / det;
    let db = (i00 * u1 - i01 * u0) / det;
    const small = Math.abs(da) <= 1e-10 * Math.max(1, Math.abs(a)) && Math.abs(db) <= 1e-10 * Math.max(1, Math.abs(b));
    let next = logisticDeviance(logit, y, a + da, b + db);
    // The log-likelihood is concave, so a step that makes the deviance clearly worse overshot: halve
    // it. "Clearly": near the optimum a step gains less than the rounding error of a sum over a
    // million terms, and comparing at that level would reject every good step.
    const slack = 1e-9 * Math.max(1, deviance);
    for (let halvings = 0; next > deviance + slack && halvings < 30; halvings++) {
      da /= 2;
      db /= 2;
      next = logisticDeviance(logit, y, a + da, b + db);
    }
    if (!(next <= deviance + slack)) break;
    a += da;
    b += db;
    deviance = next;
    if (small) return { intercept: a, slope: b, deviance, ...standardErrors(logit, a, b), iterations: iteration, converged: true };
  }
  return {
    intercept: a,
    slope: b,
    deviance,
    interceptSe: NaN,
    slopeSe: NaN,
    iterations: Math.min(iteration, maxIterations),
    converged: false,
  };
}

/** √ of the diagonal of the inverse 2×2 information at (a, b); NaN when it is singular. */
function standardErrors(logit: ArrayLike<number>, a: number, b: number): { interceptSe: number; slopeSe: number } {
  let i00 = 0;
  let i01 = 0;
  let i11 = 0;
  for (let i = 0; i < logit.length; i++) {
    const x = logit[i];
    const pi = 1 / (1 + Math.exp(-(a + b * x)));
    const w = pi * (1 - pi);
    i00 += w;
    i01 += w * x;
    i11 += w * x * x;
  }
  const det = i00 * i11 - i01 * i01;
  if (!(det > 0)) return { interceptSe: NaN, slopeSe: NaN };
  return { interceptSe: Math.sqrt(i11 / det), slopeSe: Math.sqrt(i00 / det) };
}
