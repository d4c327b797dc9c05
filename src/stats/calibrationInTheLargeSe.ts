/** 1/√(observed information) of the intercept a in logit P = a + logit(p), over predictions inside (0, 1). */
export function calibrationInTheLargeSe(p: Float64Array, a: number): number | null {
  let information = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] > 0 && p[i] < 1)) continue;
    const pi = 1 / (1 + Math.exp(-(a + Math.log(p[i] / (1 - p[i])))));
    information += pi * (1 - pi);
  }
  return information > 0 ? 1 / Math.sqrt(information) : null;
}
