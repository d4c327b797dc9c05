import { interpolate } from './interpolate.js';
import { lowess, type LowessFit } from './lowess.js';
import { mersenneTwister } from './mersenneTwister.js';
import { qnorm } from './normal.js';

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
 * A pointwise 95 % band for the lowess calibration curve (val.prob's smoother: lowess with iter = 0)
 * by the nonparametric bootstrap (Efron & Tibshirani, An Introduction to the Bootstrap, 1993, ch. 6 for
 * the bootstrap standard error): `resamples` samples of the rows drawn with replacement (Mersenne
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
  const rng = mersenneTwister(options.seed);
  const counts = new Uint32Array(n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const identity = new Uint32Array(n);
  for (let k = 0; k < n; k++) identity[k] = k;
  let done = 0;
  for (let b = 0; b < options.resamples; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[Math.floor(rng.uniform() * n)]++;
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
    method:
      done < 2
        ? 'lowess (f = 2/3, iter = 0, as rms::val.prob) of the outcome on the prediction; no band (fewer than two bootstrap resamples were asked for)'
        : `lowess (f = 2/3, iter = 0, as rms::val.prob) of the outcome on the prediction; pointwise 95 % band = curve ± 1.96 × the standard ` +
          `deviation of the curve over ${done} bootstrap resamples of the rows (seed ${options.seed})`,
    resamples: done,
    seed: options.seed,
    points,
  };
}
