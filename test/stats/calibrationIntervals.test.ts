import { describe, expect, it } from 'vitest';
import { readInTheLarge, readSlope } from '../../src/stats/calibrationReading.js';
import { valProb } from '../../src/stats/valProb.js';
import { readJson, readNumericCsv } from './fixtures.js';

// The Wald intervals of the logistic recalibration against R's glm and confint.default
// (test/fixtures/metrics/make-calibration-intervals.R writes calibration_intervals.json).
const reference = readJson('metrics/calibration_intervals.json').cases as Record<string, Record<string, number | string>>;
const KEYS = [
  'calibration_intercept',
  'calibration_intercept_se',
  'calibration_intercept_ci_low',
  'calibration_intercept_ci_high',
  'calibration_slope',
  'calibration_slope_se',
  'calibration_slope_ci_low',
  'calibration_slope_ci_high',
  'calibration_in_the_large',
  'calibration_in_the_large_se',
  'calibration_in_the_large_ci_low',
  'calibration_in_the_large_ci_high',
] as const;

/** The predictions of a case: the fixture's, with their log-odds multiplied by the case's factor as the R script does. */
function predictions(ref: Record<string, number | string>): { p: Float64Array; y: Float64Array } {
  const d = readNumericCsv(
    String(ref.file)
      .replace(/^\.\.\//, '')
      .replace(/^(?!birthwt)/, 'metrics/'),
  );
  const y = d.y ?? d.low;
  const factor = Number(ref.lp_factor);
  const p = factor === 1 ? d.p : d.p.map((v) => 1 / (1 + Math.exp(-factor * Math.log(v / (1 - v)))));
  return { p, y };
}

describe('calibration intercept, slope and calibration-in-the-large: Wald 95 % intervals', () => {
  for (const [name, ref] of Object.entries(reference)) {
    it(`equal R's glm and confint.default on ${name}`, () => {
      const { p, y } = predictions(ref);
      expect(p.length).toBe(ref.n);
      const m = valProb(p, y).metrics;
      for (const key of KEYS) {
        const ours = m[key];
        expect(ours, key).not.toBeNull();
        // The point estimates agree to about 1e-12; the standard errors use the information at the
        // estimate where R uses its last iteration's weights, a difference far below 1e-8.
        expect(Math.abs((ours as number) / (ref[key] as number) - 1), key).toBeLessThan(1e-8);
      }
    });
  }

  it("reads the slope below, at and above 1 as R's intervals place it", () => {
    const read = (name: string) => {
      const { p, y } = predictions(reference[name]);
      return valProb(p, y).metrics;
    };
    // R: 0.8976 (0.829–0.966): more than 0.1 below 1.
    expect(read('continuous_spread_1_3').calibration_slope_reading).toBe('much_too_spread');
    // R: 0.9724 (0.898–1.047): contains 1.
    expect(read('continuous_spread_1_2').calibration_slope_reading).toBe('fits');
    // R: 1.1669 (1.078–1.256).
    const continuous = read('simulated_continuous');
    expect(continuous.calibration_slope_reading).toBe('much_too_narrow');
    // R: calibration-in-the-large 0.0033 (−0.068–0.075): contains 0.
    expect(continuous.calibration_in_the_large_reading).toBe('fits');
    // birthwt's shifted predictions: R's calibration-in-the-large interval lies below 0, the predictions too high.
    expect(reference.birthwt_shifted.calibration_in_the_large_ci_high as number).toBeLessThan(0);
    expect(read('birthwt_shifted').calibration_in_the_large_reading).toMatch(/_too_high$/);
  });

  it("reads every case as the rule reads R's own interval", () => {
    for (const [name, ref] of Object.entries(reference)) {
      const { p, y } = predictions(ref);
      const m = valProb(p, y).metrics;
      const r = (k: string) => ref[k] as number;
      expect(m.calibration_slope_reading, name).toBe(
        readSlope(r('calibration_slope'), r('calibration_slope_ci_low'), r('calibration_slope_ci_high')),
      );
      expect(m.calibration_in_the_large_reading, name).toBe(
        readInTheLarge(r('calibration_in_the_large'), r('calibration_in_the_large_ci_low'), r('calibration_in_the_large_ci_high')),
      );
    }
  });

  it('gives no interval and no reading when the recalibration does not converge', () => {
    const m = valProb([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).metrics;
    expect(m.calibration_slope).toBeNull();
    expect(m.calibration_slope_se).toBeNull();
    expect(m.calibration_slope_ci_low).toBeNull();
    expect(m.calibration_slope_reading).toBeNull();
  });

  it("all predictions equal: the slope has no interval, the intercept's SE is that of a proportion's logit (as R's glm with lp aliased)", () => {
    const p = new Float64Array(10).fill(0.2);
    const m = valProb(p, [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]).metrics;
    expect(m.calibration_slope_se).toBeNull();
    expect(m.calibration_slope_reading).toBeNull();
    expect(m.calibration_intercept_se).toBeCloseTo(1 / Math.sqrt(10 * 0.4 * 0.6), 14);
    expect(m.calibration_in_the_large_se).toBeCloseTo(1 / Math.sqrt(2.4), 12);
  });
});

describe('readSlope and readInTheLarge: the words follow from the interval', () => {
  it("a slope of 0.944 ± 0.048 is somewhat too spread, not 'fits'", () => {
    expect(readSlope(0.944, 0.944 - 0.048, 0.944 + 0.048)).toBe('somewhat_too_spread');
  });

  it('an interval that contains 1 fits, however far the estimate', () => {
    expect(readSlope(0.85, 0.7, 1.0)).toBe('fits');
    expect(readSlope(1.2, 1.0, 1.4)).toBe('fits');
  });

  it('the band of 0.1 divides somewhat from much, on both sides', () => {
    expect(readSlope(0.9, 0.85, 0.95)).toBe('somewhat_too_spread');
    expect(readSlope(0.899, 0.85, 0.95)).toBe('much_too_spread');
    expect(readSlope(1.1, 1.05, 1.15)).toBe('somewhat_too_narrow');
    expect(readSlope(1.101, 1.05, 1.15)).toBe('much_too_narrow');
  });

  it('calibration-in-the-large: above 0 means predictions too low on average, below 0 too high', () => {
    expect(readInTheLarge(0.05, 0.01, 0.09)).toBe('somewhat_too_low');
    expect(readInTheLarge(0.3, 0.2, 0.4)).toBe('much_too_low');
    expect(readInTheLarge(-0.05, -0.09, -0.01)).toBe('somewhat_too_high');
    expect(readInTheLarge(-0.3, -0.4, -0.2)).toBe('much_too_high');
    expect(readInTheLarge(0.3, -0.01, 0.61)).toBe('fits');
  });

  it('is null when the figure or its interval is undefined', () => {
    expect(readSlope(null, null, null)).toBeNull();
    expect(readSlope(0.9, null, null)).toBeNull();
    expect(readInTheLarge(0.1, 0.05, null)).toBeNull();
  });
});
