import type { ValidationMetrics } from '../artifact/artifactSchema.js';

/**
 * The held-out figures stored in a model artifact: AUC (the Mann–Whitney probability that a random
 * event scores above a random non-event, ties counting ½), Brier score and log loss, all weighted by
 * case weights when given.
 */
export function heldOutMetrics(
  kind: ValidationMetrics['kind'],
  description: string,
  y: Float64Array,
  p: Float64Array,
  unscorable: number,
  weights?: Float64Array,
): ValidationMetrics {
  const n = y.length;
  let events = 0;
  let total = 0;
  let brier = 0;
  let logLoss = 0;
  let meanP = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    events += w * y[i];
    brier += w * (p[i] - y[i]) ** 2;
    const q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
    logLoss -= w * (y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
    meanP += w * p[i];
  }
  const ok = total > 0;
  return {
    kind,
    description,
    rows: n,
    events,
    unscorable,
    auc: events > 0 && events < total ? weightedAuc(y, p, weights) : null,
    brier: ok ? brier / total : null,
    logLoss: ok ? logLoss / total : null,
    meanPredicted: ok ? meanP / total : null,
    observedRate: ok ? events / total : null,
  };
}

/** AUC by sorting once: each event counts the non-event weight below it, plus half of the tied weight. */
function weightedAuc(y: Float64Array, p: Float64Array, weights?: Float64Array): number {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let negBelow = 0;
  let pos = 0;
  let neg = 0;
  let sum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let tiePos = 0;
    let tieNeg = 0;
    while (end < order.length && p[order[end]] === p[order[start]]) {
      const i = order[end++];
      const w = weights ? weights[i] : 1;
      if (y[i] === 1) tiePos += w;
      else tieNeg += w;
    }
    sum += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    pos += tiePos;
    neg += tieNeg;
    start = end;
  }
  return sum / (pos * neg);
}
