/**
 * The logarithmic score of Good (1952, "Rational decisions", JRSS B 14, 107–114), here as the mean
 * negative log-likelihood (cross-entropy, natural logarithm)
 * −(1/n) Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)], with 0·log 0 = 0: a prediction of exactly 0 or 1 that
 * comes true costs nothing, one that fails makes the loss +Infinity.
 */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum -= y[i] === 1 ? Math.log(p[i]) : Math.log1p(-p[i]);
  return sum / p.length;
}
