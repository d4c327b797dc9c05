import { sortOrder } from './sortOrder.js';

/**
 * The concordance index C: the probability that a random event has a higher predicted probability
 * than a random non-event, ties counting one half; the area under the ROC curve. Computed from the
 * Mann–Whitney statistic with mid-ranks:
 *
 *   C = (Σ_{i: yᵢ=1} Rᵢ − n₁(n₁+1)/2) / (n₁ n₀),
 *
 * where Rᵢ is the average rank of pᵢ among all n predictions, n₁ the number of events and n₀ of
 * non-events. Equals `Hmisc::somers2(p, y)["C"]` and `pROC::auc(y, p, direction = "<")` exactly.
 *
 * Note: `rms::val.prob` reports the C of `lrm.fit`, which first puts the probabilities into cells of
 * width 1/5000 (`floor(5000 p) + 1`) and so treats predictions closer than that as tied; on continuous
 * predictions it differs from this exact value in the sixth decimal (see test/stats).
 *
 * `order` may pass a precomputed {@link sortOrder} of p.
 * @throws RangeError unless both outcomes occur.
 */
export function cStatistic(p: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array = sortOrder(p)): number {
  const n = p.length;
  let rankSumEvents = 0;
  let events = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) j++;
    // Positions i..j (0-based) share the mid-rank (i + j)/2 + 1.
    const midRank = (i + j) / 2 + 1;
    let blockEvents = 0;
    for (let k = i; k <= j; k++) blockEvents += y[order[k]];
    rankSumEvents += blockEvents * midRank;
    events += blockEvents;
    i = j + 1;
  }
  const nonEvents = n - events;
  if (events === 0 || nonEvents === 0) throw new RangeError('cStatistic: needs both events and non-events');
  return (rankSumEvents - (events * (events + 1)) / 2) / (events * nonEvents);
}
