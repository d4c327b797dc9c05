/**
 * The logit log(p/(1 − p)), the log-odds of a probability, computed as R's `qlogis(p)` does for p in
 * (0, 1) so that logits, and the figures fitted on them, match R's to the last digit. ±Infinity at 1 and 0.
 */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
