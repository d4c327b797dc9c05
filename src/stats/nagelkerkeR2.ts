/**
 * Nagelkerke's (1991) R²: the Cox–Snell R², 1 − exp(−LR/n), divided by its largest possible value,
 * 1 − exp(−D₀/n), where LR is the likelihood-ratio χ² of the predictions against the intercept-only
 * model and D₀ the null deviance. This is `lrm`'s and `val.prob`'s "R2". Negative when the
 * predictions fit worse than the overall event rate would.
 */
export function nagelkerkeR2(lr: number, nullDev: number, n: number): number {
  return (1 - Math.exp(-lr / n)) / (1 - Math.exp(-nullDev / n));
}
