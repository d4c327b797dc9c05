import { qnorm, twoSidedP } from './normal.js';

/** DeLong's test that two correlated ROC curves (two predictions of the same members) have the same AUC. */
export interface DelongPairedTest {
  auc1: number;
  auc2: number;
  /** auc1 − auc2. */
  difference: number;
  /** Var(AUC₁), Var(AUC₂) and Cov(AUC₁, AUC₂) of DeLong's estimator. */
  variance1: number;
  variance2: number;
  covariance: number;
  /** Standard error of the difference, √(Var₁ + Var₂ − 2 Cov). */
  se: number;
  z: number;
  /** Two-sided p-value, 2 Φ(−|z|). */
  p: number;
  /** Wald interval of the difference at `level`. */
  ciLow: number;
  ciHigh: number;
  level: number;
  events: number;
  nonEvents: number;
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988, Biometrics 44, 837–845), §3: for each prediction r the
 * placement values V₁₀ʳ(i) of the events (share of non-events ranked below, ties ½) and V₀₁ʳ(j) of the
 * non-events (share of events ranked above) give AUCʳ = mean V₁₀ʳ and the covariance matrix
 * S = S₁₀/n₁ + S₀₁/n₀, S₁₀ and S₀₁ the 2 × 2 sample covariances (divisor n − 1) of the placement
 * values. z = (AUC¹ − AUC²)/√(S₁₁ + S₂₂ − 2 S₁₂), as `pROC::roc.test(method = "delong")` with both
 * curves in the direction "controls < cases". Two identical predictions have z = 0 and p = 1.
 * @throws RangeError on arrays of different length, or fewer than two events or two non-events.
 */
export function delongPairedTest(p1: ArrayLike<number>, p2: ArrayLike<number>, y: ArrayLike<number>, level = 0.95): DelongPairedTest {
  const n = y.length;
  if (p1.length !== n || p2.length !== n) throw new RangeError('delongPairedTest: the predictions and outcomes must have the same length');
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`delongPairedTest: outcome ${i} is ${y[i]}, not 0 or 1`);
    events += y[i];
  }
  const nonEvents = n - events;
  if (events < 2 || nonEvents < 2) throw new RangeError('delongPairedTest: needs at least two events and two non-events');
  const a = placementValues(p1, y, events, nonEvents);
  const b = placementValues(p2, y, events, nonEvents);
  const auc1 = mean(a.v10);
  const auc2 = mean(b.v10);
  const s10 = covariance2(a.v10, b.v10, auc1, auc2);
  const s01 = covariance2(a.v01, b.v01, auc1, auc2);
  const variance1 = s10.xx / events + s01.xx / nonEvents;
  const variance2 = s10.yy / events + s01.yy / nonEvents;
  const covariance = s10.xy / events + s01.xy / nonEvents;
  const difference = auc1 - auc2;
  const se = Math.sqrt(Math.max(0, variance1 + variance2 - 2 * covariance));
  const z = difference === 0 ? 0 : difference / se;
  const half = qnorm(1 - (1 - level) / 2) * se;
  return {
    auc1,
    auc2,
    difference,
    variance1,
    variance2,
    covariance,
    se,
    z,
    p: difference === 0 ? 1 : twoSidedP(z),
    ciLow: difference - half,
    ciHigh: difference + half,
    level,
    events,
    nonEvents,
  };
}

/** Placement values of one prediction: V₁₀ for the events and V₀₁ for the non-events, each in row order. */
function placementValues(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  events: number,
  nonEvents: number,
): { v10: Float64Array; v01: Float64Array } {
  const n = y.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((i, j) => p[i] - p[j]);
  // Rank of each row among the events and the non-events below it, computed per block of ties.
  const v10Row = new Float64Array(n);
  const v01Row = new Float64Array(n);
  let eventsBelow = 0;
  let nonEventsBelow = 0;
  for (let s = 0; s < n; ) {
    let t = s;
    let e = 0;
    while (t < n && p[order[t]] === p[order[s]]) e += y[order[t++]];
    const c = t - s - e;
    const v10 = (nonEventsBelow + c / 2) / nonEvents;
    const v01 = (events - eventsBelow - e + e / 2) / events;
    for (let k = s; k < t; k++) {
      v10Row[order[k]] = v10;
      v01Row[order[k]] = v01;
    }
    eventsBelow += e;
    nonEventsBelow += c;
    s = t;
  }
  const v10 = new Float64Array(events);
  const v01 = new Float64Array(nonEvents);
  let ie = 0;
  let ic = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) v10[ie++] = v10Row[i];
    else v01[ic++] = v01Row[i];
  }
  return { v10, v01 };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variances and covariance (divisor m − 1) of paired values around the given means. */
function covariance2(x: Float64Array, y: Float64Array, mx: number, my: number): { xx: number; yy: number; xy: number } {
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  const m = x.length - 1;
  return { xx: xx / m, yy: yy / m, xy: xy / m };
}
