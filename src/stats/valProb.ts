import { brierScore } from './brierScore.js';
import { calibrationErrors } from './calibrationErrors.js';
import { calibrationInTheLarge } from './calibrationInTheLarge.js';
import { calibrationInTheLargeSe } from './calibrationInTheLargeSe.js';
import { type InTheLargeReading, readInTheLarge, readSlope, type SlopeReading } from './calibrationReading.js';
import { calibrationSlopeIntercept } from './calibrationSlopeIntercept.js';
import { cStatistic } from './cStatistic.js';
import { delongAuc } from './delongAuc.js';
import { eceDeciles } from './eceDeciles.js';
import { logisticDeviance } from './logisticDeviance.js';
import { logLoss } from './logLoss.js';
import { logit as logOdds } from './logit.js';
import type { LowessFit } from './lowess.js';
import { nagelkerkeR2 } from './nagelkerkeR2.js';
import { qnorm, twoSidedP } from './normal.js';
import { nullDeviance } from './nullDeviance.js';
import { sortOrder } from './sortOrder.js';
import { SpiegelhalterUndefinedError, spiegelhalterZ } from './spiegelhalterZ.js';

/**
 * Validation metrics of predicted probabilities against binary outcomes, keyed as the `calibrate`
 * command writes them to JSON. The comment on each names the `rms::val.prob` statistic it equals.
 * A figure that is undefined for the data is null, and `warnings` says why.
 */
export interface ValProbMetrics {
  /** Number of predictions. */
  n: number;
  /** Number of outcomes equal to 1. */
  events: number;
  /** "C (ROC)", computed exactly (see {@link cStatistic} for how val.prob's binned value differs). */
  c_statistic: number | null;
  /** "Dxy": Somers' rank correlation, 2(C − ½). */
  dxy: number | null;
  /** "R2": Nagelkerke's R² of the predictions as they stand. */
  r2_nagelkerke: number | null;
  /** "D": discrimination index (LR − 1)/n. */
  discrimination_d: number | null;
  /** "D:Chi-sq": LR = null deviance − deviance of the predictions. */
  discrimination_chisq: number | null;
  /** "U": unreliability index (χ²_U − 2)/n. */
  unreliability_u: number | null;
  /** "U:Chi-sq": deviance of the predictions − deviance after logistic recalibration. */
  unreliability_chisq: number | null;
  /** "U:p": P(χ²₂ > χ²_U), the test that intercept = 0 and slope = 1. */
  unreliability_p: number | null;
  /** "Q": quality index D − U. */
  quality_q: number | null;
  /** "Brier". */
  brier: number;
  /** "Intercept": a in logit P(y=1) = a + b·logit(p), estimated jointly with b. */
  calibration_intercept: number | null;
  /** "Slope": b in the same model. */
  calibration_slope: number | null;
  /** Not in val.prob: the intercept with the slope fixed at 1 (logit(p) as offset). */
  calibration_in_the_large: number | null;
  /** "Emax". */
  emax: number;
  /** "E90". */
  e90: number;
  /** "Eavg". */
  eavg: number;
  /** "S:z". */
  spiegelhalter_z: number | null;
  /** "S:p". */
  spiegelhalter_p: number | null;
  /** AUC (equal to c_statistic) with DeLong's standard error and 95 % interval. */
  auc: number | null;
  auc_se: number | null;
  auc_ci_low: number | null;
  auc_ci_high: number | null;
  /** Mean negative log-likelihood (natural log). */
  log_loss: number | null;
  /** Expected calibration error over deciles of risk ({@link eceDeciles}). */
  ece_deciles: number;
  /** Predictions of exactly 0 or 1, left out of the figures based on the logistic likelihood, as in val.prob. */
  excluded_from_logistic: number;
  /** Wald standard error of calibration_intercept: its Std. Error in `summary(glm(y ~ qlogis(p), binomial))`. */
  calibration_intercept_se: number | null;
  /** Wald 95 % interval of calibration_intercept (R's `confint.default`). */
  calibration_intercept_ci_low: number | null;
  calibration_intercept_ci_high: number | null;
  /** Wald standard error of calibration_slope, from the same fit. */
  calibration_slope_se: number | null;
  /** Wald 95 % interval of calibration_slope. */
  calibration_slope_ci_low: number | null;
  calibration_slope_ci_high: number | null;
  /** Wald standard error of calibration_in_the_large: `glm(y ~ offset(qlogis(p)), binomial)`'s intercept. */
  calibration_in_the_large_se: number | null;
  /** Wald 95 % interval of calibration_in_the_large. */
  calibration_in_the_large_ci_low: number | null;
  calibration_in_the_large_ci_high: number | null;
  /** The slope's interval read against 1 ({@link readSlope}): `fits`, `somewhat_too_spread`, …; null when undefined. */
  calibration_slope_reading: SlopeReading | null;
  /** Calibration-in-the-large's interval read against 0 ({@link readInTheLarge}): `fits`, `somewhat_too_low`, …. */
  calibration_in_the_large_reading: InTheLargeReading | null;
  /** Why figures are null or computed on a subset; empty when everything was computed normally. */
  warnings: string[];
}

/** {@link valProb}'s metrics and the smoothed calibration curve they were read from. */
export interface ValProbResult {
  metrics: ValProbMetrics;
  /** lowess(p, y, iter = 0): predictions sorted ascending and the smoothed event rate at each. */
  curve: LowessFit;
}

type Figures = Omit<
  ValProbMetrics,
  | 'n'
  | 'events'
  | 'brier'
  | 'emax'
  | 'e90'
  | 'eavg'
  | 'ece_deciles'
  | 'excluded_from_logistic'
  | 'warnings'
  | 'calibration_slope_reading'
  | 'calibration_in_the_large_reading'
>;

/** z of a two-sided 95 % Wald interval. */
const Z95 = qnorm(0.975);

/**
 * The statistics of `rms::val.prob(p, y)` (Harrell, Regression Modeling Strategies, §10.9–10.11) with
 * R's definitions, plus the DeLong interval for the AUC, the log loss, calibration-in-the-large and
 * the decile ECE. With L₀₁ the deviance of the predictions, D₀ the null deviance, LR = D₀ − L₀₁ and
 * (a, b) the logistic recalibration of y on logit(p) with deviance L_ab:
 * D = (LR − 1)/n, U = (L₀₁ − L_ab − 2)/n, Q = D − U, R² = Nagelkerke's from LR.
 *
 * Where R's behaviour is a crash or an accident, this does something documented instead:
 * - All outcomes equal: R stops with an error. Here C, Dxy, the AUC and every logistic figure are null
 *   (with a warning); Brier, log loss, Emax/E90/Eavg, ECE and Spiegelhalter's test are still given.
 * - Predictions of exactly 0 or 1 have infinite logits. As in R they are left out of the logistic
 *   figures (R², D, U, Q, intercept, slope; n in D and U is the number kept), and counted in
 *   `excluded_from_logistic`; unlike R (whose lrm.fit drops them from C too) they stay in C and the
 *   AUC, where they rank like any other value. A certain prediction that proves wrong makes the log
 *   loss infinite: it is reported as null with a warning (R's U becomes Inf for p = 0, y = 1 but
 *   silently ignores p = 1, y = 0).
 * - All predictions equal: R's special case is followed (C = ½, Dxy = 0, R² = 0, D = −1/n,
 *   U = (L₀₁ − L_cal − 1)/n with one degree of freedom, intercept = logit(ȳ), slope = 0) but with
 *   Emax = E90 = Eavg = |p − ȳ|: rms 6.5-0 returns 19 values under 18 names there, shifting them.
 * - Outcomes separated by the predictions (no overlap): the recalibration has no finite maximum;
 *   intercept, slope, U and Q are null with a warning.
 * No figure is ever NaN or infinite: such a value becomes null with a warning.
 *
 * @throws RangeError when lengths differ, n = 0, an outcome is not 0/1 or a prediction is not in [0, 1].
 */
export function valProb(p: ArrayLike<number>, y: ArrayLike<number>): ValProbResult {
  const n = p.length;
  if (y.length !== n) throw new RangeError(`valProb: ${n} predictions but ${y.length} outcomes`);
  if (n === 0) throw new RangeError('valProb: no predictions');
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`valProb: outcome ${i} is ${y[i]}, not 0 or 1`);
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`valProb: prediction ${i} is ${p[i]}, not in [0, 1]`);
    events += y[i];
  }
  const warnings: string[] = [];
  const order = sortOrder(p);
  const errors = calibrationErrors(p, y, order);

  const figures: Figures = {
    c_statistic: null,
    dxy: null,
    r2_nagelkerke: null,
    discrimination_d: null,
    discrimination_chisq: null,
    unreliability_u: null,
    unreliability_chisq: null,
    unreliability_p: null,
    quality_q: null,
    calibration_intercept: null,
    calibration_slope: null,
    calibration_in_the_large: null,
    calibration_intercept_se: null,
    calibration_intercept_ci_low: null,
    calibration_intercept_ci_high: null,
    calibration_slope_se: null,
    calibration_slope_ci_low: null,
    calibration_slope_ci_high: null,
    calibration_in_the_large_se: null,
    calibration_in_the_large_ci_low: null,
    calibration_in_the_large_ci_high: null,
    spiegelhalter_z: null,
    spiegelhalter_p: null,
    auc: null,
    auc_se: null,
    auc_ci_low: null,
    auc_ci_high: null,
    log_loss: logLoss(p, y),
  };

  try {
    const s = spiegelhalterZ(p, y);
    figures.spiegelhalter_z = s.z;
    figures.spiegelhalter_p = s.p;
  } catch (error) {
    // Only the one undefined case becomes a warning; anything else is a fault and must say what it is.
    if (!(error instanceof SpiegelhalterUndefinedError)) throw error;
    warnings.push("Spiegelhalter's z is undefined: every prediction is 0, 0.5 or 1.");
  }

  const nonEvents = n - events;
  if (events === 0 || nonEvents === 0) {
    warnings.push(
      `All ${n} outcomes are ${events === 0 ? 0 : 1}: C, Dxy, the AUC and the logistic figures (R², D, U, Q, intercept, slope) ` +
        "are undefined (R's val.prob stops with an error).",
    );
  } else {
    figures.c_statistic = cStatistic(p, y, order);
    figures.dxy = 2 * (figures.c_statistic - 0.5);
    figures.auc = figures.c_statistic;
    if (events >= 2 && nonEvents >= 2) {
      const d = delongAuc(p, y, 0.95, order);
      figures.auc_se = d.se;
      figures.auc_ci_low = d.ciLow;
      figures.auc_ci_high = d.ciHigh;
    } else {
      warnings.push("DeLong's variance needs at least two events and two non-events: the AUC has no standard error or interval.");
    }
  }

  // Logistic figures on the predictions with finite logits, as val.prob fits them.
  let kept = 0;
  let wrongCertain = 0;
  for (let i = 0; i < n; i++) {
    if (p[i] > 0 && p[i] < 1) kept++;
    else if (p[i] !== y[i]) wrongCertain++;
  }
  const excluded = n - kept;
  if (excluded > 0) {
    warnings.push(
      `${excluded} ${excluded === 1 ? 'prediction is' : 'predictions are'} exactly 0 or 1 and left out of R², D, U, Q, ` +
        `intercept, slope and calibration-in-the-large (their logit is infinite), as val.prob does; ${wrongCertain} of them ` +
        `${wrongCertain === 1 ? 'is' : 'are'} wrong.`,
    );
  }
  if (wrongCertain > 0)
    warnings.push(
      `${wrongCertain} certain ${wrongCertain === 1 ? 'prediction (0 or 1) proved' : 'predictions (0 or 1) proved'} wrong: the log loss is infinite.`,
    );

  if (events > 0 && nonEvents > 0) logisticFigures(p, y, kept, figures, warnings);

  const metrics: ValProbMetrics = {
    n,
    events,
    c_statistic: figures.c_statistic,
    dxy: figures.dxy,
    r2_nagelkerke: figures.r2_nagelkerke,
    discrimination_d: figures.discrimination_d,
    discrimination_chisq: figures.discrimination_chisq,
    unreliability_u: figures.unreliability_u,
    unreliability_chisq: figures.unreliability_chisq,
    unreliability_p: figures.unreliability_p,
    quality_q: figures.quality_q,
    brier: brierScore(p, y),
    calibration_intercept: figures.calibration_intercept,
    calibration_slope: figures.calibration_slope,
    calibration_in_the_large: figures.calibration_in_the_large,
    emax: errors.emax,
    e90: errors.e90,
    eavg: errors.eavg,
    spiegelhalter_z: figures.spiegelhalter_z,
    spiegelhalter_p: figures.spiegelhalter_p,
    auc: figures.auc,
    auc_se: figures.auc_se,
    auc_ci_low: figures.auc_ci_low,
    auc_ci_high: figures.auc_ci_high,
    log_loss: figures.log_loss,
    ece_deciles: eceDeciles(p, y, order),
    excluded_from_logistic: excluded,
    calibration_intercept_se: figures.calibration_intercept_se,
    calibration_intercept_ci_low: figures.calibration_intercept_ci_low,
    calibration_intercept_ci_high: figures.calibration_intercept_ci_high,
    calibration_slope_se: figures.calibration_slope_se,
    calibration_slope_ci_low: figures.calibration_slope_ci_low,
    calibration_slope_ci_high: figures.calibration_slope_ci_high,
    calibration_in_the_large_se: figures.calibration_in_the_large_se,
    calibration_in_the_large_ci_low: figures.calibration_in_the_large_ci_low,
    calibration_in_the_large_ci_high: figures.calibration_in_the_large_ci_high,
    calibration_slope_reading: null,
    calibration_in_the_large_reading: null,
    warnings,
  };
  // The last guard: JSON would turn NaN and ±Infinity into null without a word.
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      (metrics as unknown as Record<string, number | null>)[key] = null;
      if (key !== 'log_loss') warnings.push(`${key} came out as ${value} and is reported as null.`);
    }
  }
  // Read after the guard, so a figure it turned into null leaves its reading undefined too.
  metrics.calibration_slope_reading = readSlope(
    metrics.calibration_slope,
    metrics.calibration_slope_ci_low,
    metrics.calibration_slope_ci_high,
  );
  metrics.calibration_in_the_large_reading = readInTheLarge(
    metrics.calibration_in_the_large,
    metrics.calibration_in_the_large_ci_low,
    metrics.calibration_in_the_large_ci_high,
  );
  return { metrics, curve: errors.curve };
}

/** The Wald interval estimate ± z·SE, or nulls when the standard error is undefined. */
function wald(estimate: number, se: number | null): { se: number | null; low: number | null; high: number | null } {
  if (se === null || !Number.isFinite(se)) return { se: null, low: null, high: null };
  return { se, low: estimate - Z95 * se, high: estimate + Z95 * se };
}

/** R², D, U, Q and the recalibration on the predictions strictly inside (0, 1). */
function logisticFigures(p: ArrayLike<number>, y: ArrayLike<number>, kept: number, figures: Figures, warnings: string[]): void {
  const logit = new Float64Array(kept);
  const outcome = new Uint8Array(kept);
  let events = 0;
  let allEqual = true;
  for (let i = 0, k = 0; i < p.length; i++) {
    if (!(p[i] > 0 && p[i] < 1)) continue;
    logit[k] = logOdds(p[i]);
    outcome[k] = y[i];
    events += y[i];
    if (logit[k] !== logit[0]) allEqual = false;
    k++;
  }
  if (events === 0 || events === kept) {
    warnings.push('Without the predictions of exactly 0 or 1 only one outcome remains: the logistic figures are undefined.');
    return;
  }
  const deviance = logisticDeviance(logit, outcome, 0, 1);
  const nullDev = nullDeviance(events, kept);
  const rate = events / kept;
  const citl = calibrationInTheLarge(logit, outcome).intercept;
  figures.calibration_in_the_large = citl;
  const citlInterval = wald(citl, calibrationInTheLargeSe(p, citl));
  figures.calibration_in_the_large_se = citlInterval.se;
  figures.calibration_in_the_large_ci_low = citlInterval.low;
  figures.calibration_in_the_large_ci_high = citlInterval.high;

  if (allEqual) {
    // val.prob's own case: the slope is not identifiable, and all the likelihood ratio goes to U.
    warnings.push('All predictions are equal: as in val.prob, R² = 0, D = −1/n, the slope is 0 and the intercept is logit(event rate).');
    figures.r2_nagelkerke = 0;
    figures.discrimination_chisq = 0;
    figures.discrimination_d = -1 / kept;
    const uChisq = deviance - nullDev;
    figures.unreliability_chisq = uChisq;
    figures.unreliability_u = (uChisq - 1) / kept;
    // P(χ²₁ > x) = 2 Φ(−√x).
    figures.unreliability_p = uChisq > 0 ? twoSidedP(Math.sqrt(uChisq)) : 1;
    figures.quality_q = figures.discrimination_d - figures.unreliability_u;
    figures.calibration_intercept = logOdds(rate);
    figures.calibration_slope = 0;
    // As R's glm(y ~ lp) with lp constant: the slope is aliased (NA), the intercept's SE that of a proportion's logit.
    const interceptInterval = wald(figures.calibration_intercept, 1 / Math.sqrt(kept * rate * (1 - rate)));
    figures.calibration_intercept_se = interceptInterval.se;
    figures.calibration_intercept_ci_low = interceptInterval.low;
    figures.calibration_intercept_ci_high = interceptInterval.high;
    return;
  }

  const lr = nullDev - deviance;
  figures.discrimination_chisq = lr;
  figures.discrimination_d = (lr - 1) / kept;
  figures.r2_nagelkerke = nagelkerkeR2(lr, nullDev, kept);
  const recal = calibrationSlopeIntercept(logit, outcome);
  if (!recal.converged) {
    warnings.push(
      'The logistic recalibration did not converge (the outcomes are separated by the predictions): intercept, slope, U and Q are undefined.',
    );
    return;
  }
  figures.calibration_intercept = recal.intercept;
  figures.calibration_slope = recal.slope;
  const interceptInterval = wald(recal.intercept, recal.interceptSe);
  figures.calibration_intercept_se = interceptInterval.se;
  figures.calibration_intercept_ci_low = interceptInterval.low;
  figures.calibration_intercept_ci_high = interceptInterval.high;
  const slopeInterval = wald(recal.slope, recal.slopeSe);
  figures.calibration_slope_se = slopeInterval.se;
  figures.calibration_slope_ci_low = slopeInterval.low;
  figures.calibration_slope_ci_high = slopeInterval.high;
  const uChisq = deviance - recal.deviance;
  figures.unreliability_chisq = uChisq;
  figures.unreliability_u = (uChisq - 2) / kept;
  // For two degrees of freedom the χ² upper tail is exp(−x/2).
  figures.unreliability_p = uChisq > 0 ? Math.exp(-uChisq / 2) : 1;
  figures.quality_q = figures.discrimination_d - figures.unreliability_u;
}
