/**
 * The uncertainty of a member's predicted probability from the uncertainty of the coefficients: the
 * delta method on the linear predictor, as R's predict(glm, newdata, se.fit = TRUE) gives it. With x
 * the member's design row and Σ the coefficients' covariance, Var(η) = xᵀ Σ x; the interval is built
 * on the log-odds scale, where η is close to normal, and mapped through the logistic function, so it
 * stays inside (0, 1) and is asymmetric around the probability as it should be.
 */
import { qnorm } from '../stats/normal.js';

/** A probability's confidence interval. */
export interface ProbabilityInterval {
  lower: number;
  upper: number;
  /** The confidence level, e.g. 0.95. */
  level: number;
}

/**
 * The covariance as a dense row-major p × p array, an aliased term's entries (R's NA) as 0: such a
 * term has coefficient 0 in every prediction, so it adds no variance.
 */
export function denseCovariance(covariance: readonly (readonly (number | null)[])[]): Float64Array {
  const p = covariance.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = covariance[i][j] ?? 0;
  return out;
}

/** Var(η) = xᵀ Σ x for a sparse design row (its first `count` entries of `idx`/`val`), Σ dense p × p. */
export function linearPredictorVariance(
  sigma: Float64Array,
  p: number,
  idx: ArrayLike<number>,
  val: ArrayLike<number>,
  count: number,
): number {
  let v = 0;
  for (let a = 0; a < count; a++) {
    const row = idx[a] * p;
    let s = 0;
    for (let b = 0; b < count; b++) s += sigma[row + idx[b]] * val[b];
    v += val[a] * s;
  }
  // Rounding can leave a tiny negative value for a row the covariance barely constrains.
  return Math.max(v, 0);
}

/** logistic(η ± z·se) with z the normal quantile of the level (1.96 for 0.95). */
export function probabilityInterval(eta: number, standardError: number, level = 0.95): ProbabilityInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, not ${level}`);
  const z = qnorm(0.5 + level / 2);
  const logistic = (t: number) => 1 / (1 + Math.exp(-t));
  return { lower: logistic(eta - z * standardError), upper: logistic(eta + z * standardError), level };
}
