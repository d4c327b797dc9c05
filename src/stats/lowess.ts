import { sortOrder } from './sortOrder.js';

/** Options of {@link lowess}, with R's defaults. */
export interface LowessOptions {
  /** Smoother span: the share of points that influence each fitted value. R: `f = 2/3`. */
  f?: number;
  /** Number of robustifying iterations. R: `iter = 3`; `rms::val.prob` uses 0. */
  iter?: number;
  /**
   * Points closer than `delta` (in x) to the last fitted point are not fitted but linearly
   * interpolated. R: `delta = 0.01 * diff(range(x))`, which is what makes lowess on a million points
   * cost about a hundred local regressions instead of a million.
   */
  delta?: number;
}

/** A lowess fit in increasing order of x, as R returns it, with the order that sorts the input. */
export interface LowessFit {
  /** The x values sorted ascending (ties in their original order). */
  x: Float64Array;
  /** The fitted value at each sorted x. */
  y: Float64Array;
  /** `order[k]` is the input index of the k-th sorted point, so fitted(input i) = y[k] where order[k] = i. */
  order: Uint32Array;
}

/**
 * Cleveland's (1979) locally weighted regression smoother exactly as R's `stats::lowess` computes it
 * (W. S. Cleveland, "Robust locally weighted regression and smoothing scatterplots", JASA 74, 829–836).
 *
 * At each fitted point x₀ a straight line is fitted by weighted least squares to the
 * ns = max(2, min(n, ⌊f·n + 10⁻⁷⌋)) nearest points (extended to the right to all points tied with the
 * farthest), with tricube weights w = (1 − (|x − x₀|/h)³)³, h the distance to the farthest of them;
 * points within 0.001·h get weight 1, beyond 0.999·h weight 0. When the weighted spread of x in the
 * window is at most 0.001·range(x) the local fit is a weighted mean instead of a line. If all weights
 * are zero the fitted value is the observation itself. Robustness iterations multiply the weights by
 * the bisquare B(rᵢ / (6·median|r|)) of the residuals of the previous pass, and stop early when
 * 6·median|r| < 10⁻⁷·mean|r|. Points within `delta` of the last fitted point are interpolated, and
 * tied x values share the fitted value of the first of them.
 *
 * `order` may pass a precomputed {@link sortOrder} of x to avoid sorting twice.
 */
export function lowess(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: LowessOptions = {},
  order: Uint32Array = sortOrder(x),
): LowessFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`lowess: x has ${n} values but y has ${y.length}`);
  if (n === 0) throw new RangeError('lowess: no data');
  const f = options.f ?? 2 / 3;
  const iter = options.iter ?? 3;
  if (!(f > 0) || !Number.isFinite(f)) throw new RangeError(`lowess: f must be finite and > 0, got ${f}`);
  if (!Number.isInteger(iter) || iter < 0) throw new RangeError(`lowess: iter must be a whole number ≥ 0, got ${iter}`);

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    xs[k] = x[order[k]];
    ys[k] = y[order[k]];
    // NaN doubles as the "all weights zero" signal of a local fit, so it must not come from the data.
    if (!Number.isFinite(xs[k]) || !Number.isFinite(ys[k])) throw new RangeError(`lowess: non-finite value at index ${order[k]}`);
  }
  const delta = options.delta ?? 0.01 * (xs[n - 1] - xs[0]);
  if (!(delta >= 0) || !Number.isFinite(delta)) throw new RangeError(`lowess: delta must be finite and ≥ 0, got ${delta}`);

  const fit = new Float64Array(n);
  if (n === 1) {
    fit[0] = ys[0];
    return { x: xs, y: fit, order };
  }

  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const weights = new Float64Array(n);
  const residuals = new Float64Array(n);
  let robustness: Float64Array | undefined;

  for (let pass = 0; pass <= iter; pass++) {
    smoothPass(xs, ys, ns, delta, weights, robustness, fit);
    let meanAbs = 0;
    for (let k = 0; k < n; k++) {
      residuals[k] = ys[k] - fit[k];
      meanAbs += Math.abs(residuals[k]);
    }
    meanAbs /= n;
    if (pass === iter) break;

    const sortedAbs = new Float64Array(n);
    for (let k = 0; k < n; k++) sortedAbs[k] = Math.abs(residuals[k]);
    sortedAbs.sort();
    const m = Math.floor(n / 2);
    const sixMad = n % 2 === 0 ? 3 * (sortedAbs[m] + sortedAbs[n - m - 1]) : 6 * sortedAbs[m];
    // Residuals already (almost) all zero: another pass would divide by zero and change nothing.
    if (sixMad < 1e-7 * meanAbs) break;
    robustness ??= new Float64Array(n);
    const near = 0.001 * sixMad;
    const far = 0.999 * sixMad;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(residuals[k]);
      if (r <= near) robustness[k] = 1;
      else if (r <= far) {
        const u = r / sixMad;
        const t = 1 - u * u;
        robustness[k] = t * t;
      } else robustness[k] = 0;
    }
  }
  return { x: xs, y: fit, order };
}

/** One pass over the sorted points: local fits at selected points, interpolation in between. */
function smoothPass(
  xs: Float64Array,
  ys: Float64Array,
  ns: number,
  delta: number,
  weights: Float64Array,
  robustness: Float64Array | undefined,
  fit: Float64Array,
): void {
  const n = xs.length;
  let left = 0;
  let right = ns - 1;
  let last = -1;
  let i = 0;
  for (;;) {
    // Slide the window of ns neighbours right while that brings its far edge closer to x[i].
    if (right < n - 1 && xs[i] - xs[left] > xs[right + 1] - xs[i]) {
      left++;
      right++;
      continue;
    }
    const local = localRegression(xs, ys, xs[i], left, right, weights, robustness);
    fit[i] = Number.isNaN(local) ? ys[i] : local;
    if (last < i - 1) {
      const span = xs[i] - xs[last];
      for (let j = last + 1; j < i; j++) {
        const alpha = (xs[j] - xs[last]) / span;
        fit[j] = alpha * fit[i] + (1 - alpha) * fit[last];
      }
    }
    last = i;
    const cut = xs[last] + delta;
    for (i = last + 1; i < n; i++) {
      if (xs[i] > cut) break;
      if (xs[i] === xs[last]) {
        fit[i] = fit[last];
        last = i;
      }
    }
    // Next fit at the farthest point still within delta (the ones before it get interpolated).
    i = Math.max(last + 1, i - 1);
    if (last >= n - 1) break;
  }
}

/**
 * The tricube-weighted straight-line fit at x0 over points left..right (and ties beyond right);
 * NaN when every weight is zero.
 */
function localRegression(
  xs: Float64Array,
  ys: Float64Array,
  x0: number,
  left: number,
  right: number,
  w: Float64Array,
  robustness: Float64Array | undefined,
): number {
  const n = xs.length;
  const range = xs[n - 1] - xs[0];
  const h = Math.max(x0 - xs[left], xs[right] - x0);
  const hNear = 0.001 * h;
  const hFar = 0.999 * h;
  let total = 0;
  let end = left;
  for (; end < n; end++) {
    const r = Math.abs(xs[end] - x0);
    if (r <= hFar) {
      let wj: number;
      if (r <= hNear) wj = 1;
      else {
        const u = r / h;
        const t = 1 - u * u * u;
        wj = t * t * t;
      }
      if (robustness) wj *= robustness[end];
      w[end] = wj;
      total += wj;
    } else {
      w[end] = 0;
      if (xs[end] > x0) break;
    }
  }
  if (total <= 0) return NaN;
  // The passes below do R's arithmetic in R's order (normalise, weighted mean, spread, slope-adjusted
  // weights, fitted value) with the passes that follow one another fused: two fewer sweeps over a
  // window of two thirds of the points, the same doubles. Monitoring runs lowess once per group.
  let value = 0;
  if (!(h > 0)) {
    for (let j = left; j < end; j++) {
      w[j] /= total;
      value += w[j] * ys[j];
    }
    return value;
  }
  let mean = 0;
  for (let j = left; j < end; j++) {
    w[j] /= total;
    mean += w[j] * xs[j];
  }
  let spread = 0;
  for (let j = left; j < end; j++) {
    const d = xs[j] - mean;
    spread += w[j] * (d * d);
  }
  // A slope only where the window's x values are spread enough to estimate one stably.
  if (Math.sqrt(spread) > 0.001 * range) {
    const b = (x0 - mean) / spread;
    for (let j = left; j < end; j++) value += w[j] * (b * (xs[j] - mean) + 1) * ys[j];
  } else for (let j = left; j < end; j++) value += w[j] * ys[j];
  return value;
}
