/**
 * The deviance −2 Σᵢ [yᵢ ηᵢ − log(1 + exp ηᵢ)] of binary outcomes y under a logistic model with linear
 * predictor η = a + b·x (McCullagh & Nelder, Generalized Linear Models, 2nd ed., §4.4.3: twice the
 * log-likelihood lost against the saturated model, which for 0/1 outcomes has log-likelihood 0). With
 * a = 0, b = 1 and x = logit(p) this is `val.prob`'s L01, the deviance of the predictions as they stand. log(1 + eᵗ) is evaluated as
 * max(t, 0) + log1p(e^−|t|) so that large |η| neither overflows nor loses digits.
 */
export function logisticDeviance(x: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const eta = a + b * x[i];
    sum += log1pExp(eta) - y[i] * eta;
  }
  return 2 * sum;
}

/** log(1 + eᵗ) without overflow for large t or cancellation for very negative t. */
export function log1pExp(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}
