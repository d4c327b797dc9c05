import { brierScore } from './brierScore.js';
import { calibrationSlopeIntercept } from './calibrationSlopeIntercept.js';
import { cStatistic } from './cStatistic.js';
import { logit as logOdds } from './logit.js';
import { mersenneTwister } from './mersenneTwister.js';

/** The figures Harrell's validation corrects. */
export type OptimismMetric = 'c_statistic' | 'brier' | 'calibration_slope' | 'calibration_intercept';
export const OPTIMISM_METRICS: readonly OptimismMetric[] = ['c_statistic', 'brier', 'calibration_slope', 'calibration_intercept'];

/** One figure: as it looks on the fitting data, the mean optimism, and the corrected value. */
export interface OptimismFigure {
  apparent: number | null;
  optimism: number | null;
  corrected: number | null;
}

/** The result of {@link bootstrapOptimism}. */
export interface BootstrapOptimism {
  method: string;
  resamples: number;
  /** Resamples whose refit converged and whose figures are all defined; the means are over these. */
  successful: number;
  seed: number;
  figures: Record<OptimismMetric, OptimismFigure>;
}

/**
 * Refits the model to one resample, given as frequency weights (how many times each row was drawn), and
 * returns the refitted model's predictions on the original rows; null when the refit did not converge.
 */
export type Refit = (frequencies: Float64Array) => Float64Array | null;

/**
 * Harrell's bootstrap estimate of optimism (Harrell, Lee & Mark 1996; Regression Modeling Strategies
 * §5.3.5, rms::validate): for each of B samples of the rows drawn with replacement, the model is refitted
 * with the same encoding and settings (the encoding's levels, pooling and fill values are not relearned),
 * and its figure on the bootstrap sample minus its figure on the original rows is the optimism of that
 * resample. The optimism is the mean over resamples, and corrected = apparent − optimism. A resample is
 * handed to `refit` as frequency weights (the number of times each row was drawn), which gives the same
 * estimates as fitting the duplicated rows. Resamples whose fit does not converge are left out, as
 * validate() does. Row indices are drawn as ⌊u·n⌋ from a Mersenne Twister seeded with `seed`.
 *
 * `y` holds the outcomes of the fitting rows and `apparent` the figures of the model as it stands on
 * them (from valProb).
 */
export function bootstrapOptimism(
  y: Float64Array,
  refit: Refit,
  apparent: Record<OptimismMetric, number | null>,
  options: { resamples: number; seed: number; onResample?: (done: number) => void },
): BootstrapOptimism {
  const n = y.length;
  const rng = mersenneTwister(options.seed);
  const counts = new Float64Array(n);
  const sums: Record<OptimismMetric, number> = { c_statistic: 0, brier: 0, calibration_slope: 0, calibration_intercept: 0 };
  let successful = 0;
  for (let b = 0; b < options.resamples; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[Math.floor(rng.uniform() * n)]++;
    const onOriginal = refit(counts);
    options.onResample?.(b + 1);
    if (!onOriginal) continue;
    const test = figures(onOriginal, y);
    const onSample = expand(onOriginal, y, counts);
    const train = figures(onSample.p, onSample.y);
    if (OPTIMISM_METRICS.some((m) => train[m] === null || test[m] === null)) continue;
    for (const m of OPTIMISM_METRICS) sums[m] += train[m]! - test[m]!;
    successful++;
  }
  const result = {} as Record<OptimismMetric, OptimismFigure>;
  for (const m of OPTIMISM_METRICS) {
    const optimism = successful > 0 ? sums[m] / successful : null;
    const a = apparent[m];
    result[m] = { apparent: a, optimism, corrected: a !== null && optimism !== null ? a - optimism : null };
  }
  return {
    method:
      `Harrell's bootstrap: ${options.resamples} resamples of the fitting rows with replacement (Mersenne Twister, seed ${options.seed}), ` +
      `the model refitted to each with the same encoding and settings; optimism = mean(figure of the refitted model on its resample − ` +
      `figure on the original rows); corrected = apparent − optimism` +
      (successful < options.resamples
        ? `; ${options.resamples - successful} resamples left out because the refit did not converge or a figure was undefined`
        : ''),
    resamples: options.resamples,
    successful,
    seed: options.seed,
    figures: result,
  };
}

/** C, Brier, and the logistic recalibration (on the predictions strictly inside (0, 1), as val.prob). */
function figures(p: Float64Array, y: ArrayLike<number>): Record<OptimismMetric, number | null> {
  let events = 0;
  let kept = 0;
  for (let i = 0; i < p.length; i++) {
    events += y[i];
    if (p[i] > 0 && p[i] < 1) kept++;
  }
  const both = events > 0 && events < p.length;
  const logit = new Float64Array(kept);
  const outcome = new Float64Array(kept);
  for (let i = 0, k = 0; i < p.length; i++) {
    if (!(p[i] > 0 && p[i] < 1)) continue;
    logit[k] = logOdds(p[i]);
    outcome[k++] = y[i];
  }
  const recal = both ? calibrationSlopeIntercept(logit, outcome) : undefined;
  const ok = recal?.converged && Number.isFinite(recal.slope) && Number.isFinite(recal.intercept);
  return {
    c_statistic: both ? cStatistic(p, y) : null,
    brier: brierScore(p, y),
    calibration_slope: ok ? recal!.slope : null,
    calibration_intercept: ok ? recal!.intercept : null,
  };
}

/** The bootstrap sample itself: row i repeated counts[i] times. */
function expand(p: Float64Array, y: Float64Array, counts: Float64Array): { p: Float64Array; y: Float64Array } {
  let m = 0;
  for (let i = 0; i < counts.length; i++) m += counts[i];
  const ep = new Float64Array(m);
  const ey = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    for (let c = counts[i]; c > 0; c--) {
      ep[k] = p[i];
      ey[k++] = y[i];
    }
  }
  return { p: ep, y: ey };
}
