import { describe, expect, it } from 'vitest';
import { calibrationInTheLarge } from '../../src/stats/calibrationInTheLarge.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('calibrationInTheLarge', () => {
  it('is logit(event rate) − logit(p) when every prediction is p', () => {
    // All predictions 0.2, half the outcomes events: a = logit(0.5) − logit(0.2) = log 4.
    const logit = Math.log(0.2 / 0.8);
    const fit = calibrationInTheLarge([logit, logit, logit, logit], [1, 0, 1, 0]);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(4), 12);
  });

  it.each([
    ['birthwt/shifted_predictions.csv', 'birthwt/reference_shifted.json', 'low'],
    ['metrics/simulated_ties.csv', 'metrics/simulated_ties.json', 'y'],
  ])('equals glm(y ~ 1, offset = qlogis(p), binomial) on %s', (data, reference, outcome) => {
    const d = readNumericCsv(data);
    const fit = calibrationInTheLarge(
      d.p.map((v) => Math.log(v / (1 - v))),
      d[outcome],
    );
    expect(Math.abs(fit.intercept / readJson(reference).exact.calibration_in_the_large - 1)).toBeLessThan(1e-10);
  });
});
