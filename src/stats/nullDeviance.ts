/**
 * The deviance of the intercept-only logistic model, −2 [n₁ log(n₁/n) + n₀ log(n₀/n)], the reference
 * against which a model's likelihood-ratio χ² is measured (lrm.fit's first `deviance`). Zero when all
 * outcomes are equal.
 */
export function nullDeviance(events: number, n: number): number {
  const nonEvents = n - events;
  let d = 0;
  if (events > 0) d -= 2 * events * Math.log(events / n);
  if (nonEvents > 0) d -= 2 * nonEvents * Math.log(nonEvents / n);
  return d;
}
