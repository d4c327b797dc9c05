import { qnorm } from './normal.js';
import { sortOrder } from './sortOrder.js';

/** The AUC with its DeLong standard error and Wald confidence interval. */
export interface DelongAuc {
  auc: number;
  variance: number;
  se: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * The area under the ROC curve with the variance of DeLong, DeLong & Clarke-Pearson (1988,
 * Biometrics 44, 837–845), from placement values: for each event i, V₁₀(i) is the share of non-events
 * with a lower prediction (ties count ½); for each non-event j, V₀₁(j) is the share of events with a
 * higher prediction. AUC = mean V₁₀ = mean V₀₁, and
 *
 *   Var(AUC) = S₁₀/n₁ + S₀₁/n₀,  S₁₀ = Σ(V₁₀ − AUC)²/(n₁ − 1),  S₀₁ = Σ(V₀₁ − AUC)²/(n₀ − 1).
 *
 * The interval is AUC ± z_{(1+level)/2}·SE, clipped to [0, 1], as `pROC::ci.auc(method = "delong")`
 * does. Placements are counted per block of tied predictions in one pass over the sorted data, so the
 * cost is that of the sort.
 *
 * `order` may pass a precomputed {@link sortOrder} of p.
 * @throws RangeError unless there are at least two events and two non-events.
 */
export function delongAuc(p: ArrayLike<number>, y: ArrayLike<number>, level = 0.95, order: Uint32Array = sortOrder(p)): DelongAuc {
  const n = p.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const nonEvents = n - events;
  if (events < 2 || nonEvents < 2) throw new RangeError('delongAuc: needs at least two events and two non-events');

  // Runs of tied predictions: their events and non-events share one pair of placement values.
  const blockEvents = new Uint32Array(n);
  const blockSize = new Uint32Array(n);
  let blocks = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    let e = y[order[i]];
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) {
      j++;
      e += y[order[j]];
    }
    blockEvents[blocks] = e;
    blockSize[blocks] = j - i + 1;
    blocks++;
    i = j + 1;
  }

  const v10 = new Float64Array(blocks);
  const v01 = new Float64Array(blocks);
  let eventsBelow = 0;
  let nonEventsBelow = 0;
  let sumV10 = 0;
  for (let b = 0; b < blocks; b++) {
    const e = blockEvents[b];
    const c = blockSize[b] - e;
    v10[b] = (nonEventsBelow + c / 2) / nonEvents;
    v01[b] = (events - eventsBelow - e + e / 2) / events;
    sumV10 += e * v10[b];
    eventsBelow += e;
    nonEventsBelow += c;
  }
  const auc = sumV10 / events;
  let ss10 = 0;
  let ss01 = 0;
  for (let b = 0; b < blocks; b++) {
    const d10 = v10[b] - auc;
    const d01 = v01[b] - auc;
    ss10 += blockEvents[b] * d10 * d10;
    ss01 += (blockSize[b] - blockEvents[b]) * d01 * d01;
  }
  const variance = ss10 / (events - 1) / events + ss01 / (nonEvents - 1) / nonEvents;
  const se = Math.sqrt(variance);
  const z = qnorm(1 - (1 - level) / 2);
  return {
    auc,
    variance,
    se,
    ciLow: Math.min(1, Math.max(0, auc - z * se)),
    ciHigh: Math.min(1, Math.max(0, auc + z * se)),
  };
}
