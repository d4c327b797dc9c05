import { logit } from './logit.js';

/**
 * The Wald standard error of calibration-in-the-large (see calibrationInTheLarge): for the offset model
 * logit P(y = 1) = a + logit(pᵢ), the observed information at the estimate â is Σ πᵢ(1 − πᵢ) with
 * πᵢ = 1/(1 + exp(−(â + logit pᵢ))), and SE(â) = 1/√(Σ πᵢ(1 − πᵢ)) — what R's
 * `summary(glm(y ~ 1, offset = qlogis(p), family = binomial))` prints as the intercept's Std. Error
 * (McCullagh & Nelder, Generalized Linear Models, §4.4). Predictions of exactly 0 or 1 are left out, as
 * from the estimate; null when no information remains.
 */
export function calibrationInTheLargeSe(p: ArrayLike<number>, a: number): number | null {
  let information = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] > 0 && p[i] < 1)) continue;
    const pi = 1 / (1 + Math.exp(-(a + logit(p[i]))));
    information += pi * (1 - pi);
  }
  return information > 0 ? 1 / Math.sqrt(information) : null;
}
