import { describe, expect, it } from 'vitest';
import { valProb, type ValProbMetrics } from '../../src/stats/valProb.js';
import { readJson, readNumericCsv } from './fixtures.js';

/** val.prob's names for our keys. */
const R_NAMES: Record<string, keyof ValProbMetrics> = {
  Dxy: 'dxy',
  'C (ROC)': 'c_statistic',
  R2: 'r2_nagelkerke',
  D: 'discrimination_d',
  'D:Chi-sq': 'discrimination_chisq',
  U: 'unreliability_u',
  'U:Chi-sq': 'unreliability_chisq',
  'U:p': 'unreliability_p',
  Q: 'quality_q',
  Brier: 'brier',
  Intercept: 'calibration_intercept',
  Slope: 'calibration_slope',
  Emax: 'emax',
  E90: 'e90',
  Eavg: 'eavg',
  'S:z': 'spiegelhalter_z',
  'S:p': 'spiegelhalter_p',
};

/**
 * Agreement with R to 1e-6 relative. Figures that R reports within 1e-6 of zero are zero in theory,
 * and only R's convergence tolerance sets their size (an intercept of −4.6e-9 where the glm's own
 * fitted values must give 0): those must agree to 1e-8 absolutely.
 */
function expectAgreement(ours: number | null, r: number, name: string): void {
  expect(ours, name).not.toBeNull();
  const diff = Math.abs((ours as number) - r);
  if (Math.abs(r) < 1e-6) expect(diff, name).toBeLessThan(1e-8);
  else expect(diff / Math.abs(r), name).toBeLessThan(1e-6);
}

function run(data: string, outcome: string) {
  const d = readNumericCsv(data);
  return valProb(d.p, d[outcome]).metrics;
}

describe('valProb against rms::val.prob', () => {
  it.each([
    ['birthwt/apparent_predictions.csv', 'birthwt/valprob_apparent.json', 'low'],
    ['birthwt/shifted_predictions.csv', 'birthwt/valprob_shifted.json', 'low'],
  ])('equals the shared reference %s', (data, reference, outcome) => {
    const ours = run(data, outcome);
    const ref = readJson(reference).metrics;
    for (const [rName, key] of Object.entries(R_NAMES)) expectAgreement(ours[key] as number | null, ref[rName], rName);
    expect(ours.n).toBe(189);
    expect(ours.events).toBe(59);
    expect(ours.warnings).toEqual([]);
  });

  it.each([
    ['birthwt/apparent_predictions.csv', 'birthwt/reference_apparent.json', 'low'],
    ['birthwt/shifted_predictions.csv', 'birthwt/reference_shifted.json', 'low'],
    ['metrics/simulated_ties.csv', 'metrics/simulated_ties.json', 'y'],
    ['metrics/simulated_continuous.csv', 'metrics/simulated_continuous.json', 'y'],
  ])('equals every figure R computes for %s', (data, reference, outcome) => {
    const ours = run(data, outcome);
    const ref = readJson(reference);
    for (const [rName, key] of Object.entries(R_NAMES)) {
      // val.prob's C is computed on probabilities binned to 1/5000: compared exactly below instead.
      if (key === 'c_statistic' || key === 'dxy') continue;
      expectAgreement(ours[key] as number | null, ref.val_prob[rName], rName);
    }
    for (const key of [
      'c_statistic',
      'auc',
      'auc_se',
      'auc_ci_low',
      'auc_ci_high',
      'log_loss',
      'ece_deciles',
      'calibration_in_the_large',
    ] as const) {
      expectAgreement(ours[key], ref.exact[key], key);
    }
    expect(ours.n).toBe(ref.exact.n);
    expect(ours.events).toBe(ref.exact.events);
    expect(ours.dxy).toBeCloseTo(2 * (ref.exact.c_statistic - 0.5), 12);
  });
});

describe('valProb on degenerate inputs', () => {
  const cases = readJson('metrics/degenerate.json').cases;
  const input = (c: { p: string[]; y: number[] }) => ({ p: c.p.map(Number), y: c.y });

  it('all outcomes 0 (R stops with an error): defined figures given, the rest null with a reason', () => {
    const c = cases.all_outcomes_zero;
    expect(c.error).toMatch(/names/);
    const { p, y } = input(c);
    const m = valProb(p, y).metrics;
    expect(m.events).toBe(0);
    for (const key of [
      'c_statistic',
      'dxy',
      'auc',
      'auc_se',
      'r2_nagelkerke',
      'discrimination_d',
      'unreliability_u',
      'quality_q',
      'calibration_intercept',
      'calibration_slope',
      'calibration_in_the_large',
    ] as const) {
      expect(m[key], key).toBeNull();
    }
    expect(m.brier).toBeCloseTo(p.reduce((s, v) => s + v * v, 0) / p.length, 14);
    expect(m.log_loss).toBeCloseTo(-p.reduce((s, v) => s + Math.log1p(-v), 0) / p.length, 14);
    expect(m.spiegelhalter_z).not.toBeNull();
    expect(m.warnings.join(' ')).toMatch(/All 200 outcomes are 0/);
  });

  it('predictions of exactly 0 or 1 that came true: left out of the logistic figures, as R does', () => {
    const c = cases.certain_and_right;
    const { p, y } = input(c);
    const m = valProb(p, y).metrics;
    expect(m.excluded_from_logistic).toBe(3);
    // Same as R where R uses the same observations.
    for (const name of ['R2', 'D', 'D:Chi-sq', 'U', 'U:Chi-sq', 'U:p', 'Q', 'Brier', 'Emax', 'E90', 'Eavg', 'S:z', 'S:p']) {
      expectAgreement(m[R_NAMES[name]] as number, c.val_prob[name], name);
    }
    // R's lrm.fit stops at a looser tolerance than glm; ours agrees with glm.
    expectAgreement(m.calibration_intercept, c.subset.calibration_intercept, 'intercept');
    expectAgreement(m.calibration_slope, c.subset.calibration_slope, 'slope');
    expect(Math.abs((m.calibration_slope as number) - c.val_prob.Slope)).toBeLessThan(1e-6);
    // C keeps the certain predictions (R's drops them): exact C over all 200.
    expectAgreement(m.c_statistic, c.all.c_statistic, 'C');
    expect(m.log_loss).not.toBeNull();
    expect(m.warnings.join(' ')).toMatch(/3 predictions are exactly 0 or 1/);
  });

  it('a prediction of 0 for an event: log loss null with a warning, never Infinity or NaN', () => {
    const c = cases.certain_and_wrong;
    expect(c.val_prob.U).toBeNull(); // R: U = Inf, Q = -Inf
    const { p, y } = input(c);
    const m = valProb(p, y).metrics;
    expect(m.log_loss).toBeNull();
    expect(m.warnings.join(' ')).toMatch(/1 certain prediction \(0 or 1\) proved wrong/);
    for (const name of ['R2', 'D', 'Brier', 'Emax', 'E90', 'Eavg', 'S:z', 'S:p']) {
      expectAgreement(m[R_NAMES[name]] as number, c.val_prob[name], name);
    }
    expect(m.unreliability_u).not.toBeNull();
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it("all predictions equal: R's special case, with its shifted names put right", () => {
    const c = cases.constant_prediction;
    const { p, y } = input(c);
    const m = valProb(p, y).metrics;
    // R returns 19 values under 18 names: Dxy, C, R2, D, D:Chi-sq, D:p, U, U:Chi-sq, U:p, Q, Brier,
    // Intercept, Slope, then 0, 0, |p − ȳ|, |p − ȳ|, S:z, S:p.
    const v: number[] = c.val_prob_values;
    expect(m.dxy).toBe(v[0]);
    expect(m.c_statistic).toBe(v[1]);
    expect(m.r2_nagelkerke).toBe(v[2]);
    expectAgreement(m.discrimination_d, v[3], 'D');
    expect(m.discrimination_chisq).toBe(v[4]);
    expectAgreement(m.unreliability_u, v[6], 'U');
    expectAgreement(m.unreliability_chisq, v[7], 'U:Chi-sq');
    expectAgreement(m.unreliability_p, v[8], 'U:p');
    expectAgreement(m.quality_q, v[9], 'Q');
    expectAgreement(m.brier, v[10], 'Brier');
    expectAgreement(m.calibration_intercept, v[11], 'Intercept');
    expect(m.calibration_slope).toBe(0);
    for (const key of ['emax', 'e90', 'eavg'] as const) expectAgreement(m[key], v[15], key);
    expectAgreement(m.spiegelhalter_z, v[17], 'S:z');
    expectAgreement(m.spiegelhalter_p, v[18], 'S:p');
  });

  it('outcomes separated by the predictions: no recalibration, said so', () => {
    const m = valProb([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1]).metrics;
    expect(m.c_statistic).toBe(1);
    expect(m.calibration_slope).toBeNull();
    expect(m.unreliability_u).toBeNull();
    expect(m.r2_nagelkerke).not.toBeNull();
    expect(m.warnings.join(' ')).toMatch(/did not converge/);
  });

  it('one event: AUC without a DeLong interval; every prediction ½: no Spiegelhalter test', () => {
    const one = valProb([0.1, 0.2, 0.3, 0.7], [0, 0, 0, 1]).metrics;
    expect(one.auc).toBe(1);
    expect(one.auc_se).toBeNull();
    const half = valProb([0.5, 0.5, 0.5], [0, 1, 1]).metrics;
    expect(half.spiegelhalter_z).toBeNull();
    expect(half.warnings.join(' ')).toMatch(/Spiegelhalter/);
  });

  it('every prediction 0 or 1: only the figures that need no logit', () => {
    const m = valProb([0, 1, 0, 1], [0, 1, 0, 1]).metrics;
    expect(m.excluded_from_logistic).toBe(4);
    expect(m.c_statistic).toBe(1);
    expect(m.brier).toBe(0);
    expect(m.log_loss).toBe(0);
    expect(m.calibration_slope).toBeNull();
    expect(m.r2_nagelkerke).toBeNull();
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it('rejects what is not a probability or not a 0/1 outcome', () => {
    expect(() => valProb([0.2, 1.2], [0, 1])).toThrow(RangeError);
    expect(() => valProb([0.2, 0.3], [0, 2])).toThrow(RangeError);
    expect(() => valProb([], [])).toThrow(RangeError);
  });
});
