/** The Brier (1950) score, the mean squared difference (1/n) Σ (pᵢ − yᵢ)² between prediction and outcome. */
export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const d = p[i] - y[i];
    sum += d * d;
  }
  return sum / p.length;
}
