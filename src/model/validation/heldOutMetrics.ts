import type { ValidationMetrics } from '../artifact/artifactSchema.js';
import { cStatistic } from '../../stats/cStatistic.js';
import { brierScore } from '../../stats/brierScore.js';
import { logLoss } from '../../stats/logLoss.js';

/**
 * The held-out figures stored in a model artifact: AUC (exact Mann–Whitney C), Brier score, log loss,
 * mean prediction and observed rate. Case weights are not applied here (the figures describe the rows
 * as they are); the calibration report gives the full picture.
 */
export function heldOutMetrics(
  kind: ValidationMetrics['kind'],
  description: string,
  y: Float64Array,
  p: Float64Array,
  unscorable: number,
): ValidationMetrics {
  const n = y.length;
  let events = 0;
  let meanP = 0;
  for (let i = 0; i < n; i++) {
    events += y[i];
    meanP += p[i];
  }
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    kind,
    description,
    rows: n,
    events,
    unscorable,
    auc: events > 0 && events < n ? cStatistic(p, y) : null,
    brier: n > 0 ? brierScore(p, y) : null,
    logLoss: n > 0 ? finite(logLoss(p, y)) : null,
    meanPredicted: n > 0 ? meanP / n : null,
    observedRate: n > 0 ? events / n : null,
  };
}
