import { describe, expect, it } from 'vitest';
import { calibrationSlopeIntercept } from '../../src/stats/calibrationSlopeIntercept.js';
import { readJson, readNumericCsv } from './fixtures.js';

const logit = (p: Float64Array) => p.map((v) => Math.log(v / (1 - v)));

describe('calibrationSlopeIntercept', () => {
  it('undoes a known distortion of maximum-likelihood predictions', () => {
    // shifted = plogis(0.6 lp + 0.3) for the birthwt glm's linear predictor lp. Because the glm's
    // fitted values solve its score equations, recalibrating gives a = −0.3/0.6 = −0.5, b = 1/0.6,
    // up to the glm's own convergence (R, glm with epsilon 1e-14: −0.500000000585853, 1.66666667021699).
    const d = readNumericCsv('birthwt/shifted_predictions.csv');
    const fit = calibrationSlopeIntercept(logit(d.p), d.low);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-0.5, 8);
    expect(fit.slope).toBeCloseTo(5 / 3, 8);
    const ref = readJson('birthwt/reference_shifted.json').exact;
    expect(Math.abs(fit.intercept / ref.calibration_intercept - 1)).toBeLessThan(1e-12);
    expect(Math.abs(fit.slope / ref.calibration_slope - 1)).toBeLessThan(1e-12);
    expect(Math.abs(fit.deviance / ref.recalibrated_deviance - 1)).toBeLessThan(1e-12);
  });

  it('equals R (glm and val.prob) on 5,000 tied predictions', () => {
    const d = readNumericCsv('metrics/simulated_ties.csv');
    const ref = readJson('metrics/simulated_ties.json');
    const fit = calibrationSlopeIntercept(logit(d.p), d.y);
    expect(Math.abs(fit.intercept / ref.exact.calibration_intercept - 1)).toBeLessThan(1e-12);
    expect(Math.abs(fit.slope / ref.exact.calibration_slope - 1)).toBeLessThan(1e-12);
    expect(Math.abs(fit.slope / ref.val_prob.Slope - 1)).toBeLessThan(1e-6);
  });

  it('reports non-convergence when the logits separate the outcomes', () => {
    const fit = calibrationSlopeIntercept([-2, -1, 1, 2], [0, 0, 1, 1]);
    expect(fit.converged).toBe(false);
  });
});

describe('calibrationSlopeIntercept at scale', () => {
  it('converges in a few iterations on 1,000,000 predictions, where rounding hides the last gains', () => {
    const n = 1_000_000;
    const logit = new Float64Array(n);
    const y = new Uint8Array(n);
    let s = 42;
    const u = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    for (let i = 0; i < n; i++) {
      logit[i] = -1.5 + 2 * (u() - 0.5) * 2;
      y[i] = u() < 1 / (1 + Math.exp(-(0.2 + 1.2 * logit[i]))) ? 1 : 0;
    }
    const t0 = performance.now();
    const fit = calibrationSlopeIntercept(logit, y);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(10);
    expect(fit.slope).toBeCloseTo(1.2, 1);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
