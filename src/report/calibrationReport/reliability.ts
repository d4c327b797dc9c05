import mt19937 from '@stdlib/random-base-mt19937';
import { lowess, type LowessFit } from '../../stats/lowess.js';
import { riskDecileSums } from '../../stats/eceDeciles.js';
import { qnorm } from '../../stats/normal.js';

/** One bin of the reliability diagram: mean prediction against observed rate, with a binomial interval. */
export interface DecileBin {
  decile: number;
  n: number;
  mean_predicted: number;
  observed_rate: number;
  /** Wilson score 95 % interval of the observed rate. */
  ci_low: number;
  ci_high: number;
}

/** A point of the smoothed calibration curve with its pointwise confidence band. */
export interface BandPoint {
  predicted: number;
  /** The lowess curve of all rows at this prediction. */
  observed: number;
  low: number;
  high: number;
}

/** The smoothed calibration curve on a grid of predictions, and how its band was obtained. */
export interface CalibrationBand {
  method: string;
  resamples: number;
  seed: number;
  points: BandPoint[];
}

/**
 * Wilson's (1927) score interval for a binomial proportion k/n:
 * (k + z²/2 ± z √(k(n−k)/n + z²/4)) / (n + z²). Unlike the Wald interval it stays inside [0, 1]
 * and is not degenerate at k = 0 or k = n, which matters for the sparse top decile of a subgroup.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = qnorm(1 - (1 - level) / 2);
  const z2 = z * z;
  const centre = k + z2 / 2;
  const half = z * Math.sqrt((k * (n - k)) / n + z2 / 4);
  return { low: Math.max(0, (centre - half) / (n + z2)), high: Math.min(1, (centre + half) / (n + z2)) };
}

/**
 * Deciles of predicted risk with the binning of eceDeciles (sorted position k goes to decile
 * ⌊10k/n⌋, a run of tied predictions stays in the decile of its first member), so the bins drawn
 * are the bins the reported ECE is computed over. Empty deciles are left out.
 */
export function decileBins(p: ArrayLike<number>, y: ArrayLike<number>, order: Uint32Array): DecileBin[] {
  const { count, sumP, sumY } = riskDecileSums(p, y, order);
  const bins: DecileBin[] = [];
  for (let d = 0; d < 10; d++) {
    if (count[d] === 0) continue;
    const ci = wilsonInterval(sumY[d], count[d]);
    bins.push({ decile: d + 1, n: count[d], mean_predicted: sumP[d] / count[d], observed_rate: sumY[d] / count[d], ci_low: ci.low, ci_high: ci.high });
  }
  return bins;
}

/** Linear interpolation of a curve given at ascending x, constant beyond its ends (R's approx(rule = 2)). */
export function interpolate(x: ArrayLike<number>, y: ArrayLike<number>, at: number): number {
  const n = x.length;
  if (at <= x[0]) return y[0];
  if (at >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  // Among tied x the curve value is shared (lowess gives ties one fitted value), so either side will do.
  if (x[hi] === x[lo]) return y[lo];
  const t = (at - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

/**
 * A pointwise 95 % band for the lowess calibration curve (val.prob's smoother: lowess with iter = 0)
 * by the nonparametric bootstrap: `resamples` samples of the rows drawn with replacement (Mersenne
 * Twister seeded with `seed`), the curve refitted to each and read off at a grid of predictions, and
 * the band taken as the curve ± 1.96 bootstrap standard deviations at each grid point (the normal
 * approximation needs far fewer resamples than percentiles for a stable band). The grid spans the
 * 1st to 99th percentile of the predictions, where the curve is supported by data.
 *
 * A resample is built without sorting: the multiplicity of every sorted position is drawn, and the
 * sorted sample is written out by repeating each position that many times.
 */
export function lowessBand(
  sortedP: Float64Array,
  sortedY: ArrayLike<number>,
  curve: LowessFit,
  options: { resamples: number; seed: number; gridPoints?: number; onResample?: (done: number) => void },
): CalibrationBand {
  const n = sortedP.length;
  const gridPoints = options.gridPoints ?? 60;
  const lo = sortedP[Math.floor(0.01 * (n - 1))];
  const hi = sortedP[Math.ceil(0.99 * (n - 1))];
  const grid = Array.from({ length: gridPoints }, (_, g) => (gridPoints === 1 ? lo : lo + ((hi - lo) * g) / (gridPoints - 1)));
  const centre = grid.map((g) => interpolate(curve.x, curve.y, g));
  const sum = new Float64Array(gridPoints);
  const sumSq = new Float64Array(gridPoints);
  const rng = mt19937.factory({ seed: options.seed }) as unknown as { normalized(): number };
  const counts = new Uint32Array(n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const identity = new Uint32Array(n);
  for (let k = 0; k < n; k++) identity[k] = k;
  let done = 0;
  for (let b = 0; b < options.resamples; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[Math.floor(rng.normalized() * n)]++;
    let m = 0;
    for (let k = 0; k < n; k++) {
      for (let c = counts[k]; c > 0; c--) {
        xs[m] = sortedP[k];
        ys[m] = sortedY[k];
        m++;
      }
    }
    const fit = lowess(xs, ys, { iter: 0 }, identity);
    for (let g = 0; g < gridPoints; g++) {
      const v = interpolate(fit.x, fit.y, grid[g]);
      sum[g] += v;
      sumSq[g] += v * v;
    }
    done++;
    options.onResample?.(done);
  }
  const z = qnorm(0.975);
  const points = grid.map((g, j) => {
    const mean = sum[j] / done;
    const sd = done > 1 ? Math.sqrt(Math.max(0, (sumSq[j] - done * mean * mean) / (done - 1))) : 0;
    return { predicted: g, observed: centre[j], low: Math.max(0, centre[j] - z * sd), high: Math.min(1, centre[j] + z * sd) };
  });
  return {
    method: done < 2
      ? 'lowess (f = 2/3, iter = 0, as rms::val.prob) of the outcome on the prediction; no band (fewer than two bootstrap resamples were asked for)'
      : `lowess (f = 2/3, iter = 0, as rms::val.prob) of the outcome on the prediction; pointwise 95 % band = curve ± 1.96 × the standard ` +
      `deviation of the curve over ${done} bootstrap resamples of the rows (seed ${options.seed})`,
    resamples: done,
    seed: options.seed,
    points,
  };
}
