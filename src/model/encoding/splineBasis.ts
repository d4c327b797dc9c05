/**
 * The non-linear terms of a restricted cubic spline (Stone & Koo 1985; Harrell, Regression Modeling
 * Strategies §2.4.5) with knots t₁ < … < t_k, in rms::rcs's normalisation (norm = 2): for j = 1 … k−2
 *   x_j = [(x−t_j)₊³ − (x−t_{k−1})₊³ (t_k−t_j)/(t_k−t_{k−1}) + (x−t_k)₊³ (t_{k−1}−t_j)/(t_k−t_{k−1})] / (t_k−t₁)²
 * The function is linear beyond the outer knots. The linear term x itself is not included here.
 */
export function restrictedCubicSplineTerms(x: number, knots: readonly number[], out: Float64Array | number[]): void {
  const k = knots.length;
  const tk = knots[k - 1];
  const tk1 = knots[k - 2];
  const norm = (tk - knots[0]) ** 2;
  const cube = (v: number) => (v > 0 ? v * v * v : 0);
  for (let j = 0; j < k - 2; j++) {
    const tj = knots[j];
    out[j] = (cube(x - tj) - (cube(x - tk1) * (tk - tj)) / (tk - tk1) + (cube(x - tk) * (tk1 - tj)) / (tk - tk1)) / norm;
  }
}
