import { describe, expect, it } from 'vitest';
import { calibrationErrors } from '../../src/stats/calibrationErrors.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('calibrationErrors', () => {
  it.each([
    ['birthwt/apparent_predictions.csv', 'birthwt/reference_apparent.json', 'low'],
    ['birthwt/shifted_predictions.csv', 'birthwt/valprob_shifted.json', 'low'],
    ['metrics/simulated_ties.csv', 'metrics/simulated_ties.json', 'y'],
  ])("equals val.prob's Emax, E90 and Eavg on %s", (data, reference, outcome) => {
    const d = readNumericCsv(data);
    const json = readJson(reference);
    const ref = json.val_prob ?? json.metrics;
    const e = calibrationErrors(d.p, d[outcome]);
    expect(Math.abs(e.emax / ref.Emax - 1)).toBeLessThan(1e-12);
    expect(Math.abs(e.e90 / ref.E90 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(e.eavg / ref.Eavg - 1)).toBeLessThan(1e-12);
  });

  it('is the distance to the event rate when all predictions are equal', () => {
    const e = calibrationErrors([0.3, 0.3, 0.3, 0.3], [1, 0, 0, 0]);
    expect(e.emax).toBeCloseTo(0.05, 15);
    expect(e.e90).toBeCloseTo(0.05, 15);
    expect(e.eavg).toBeCloseTo(0.05, 15);
  });
});
