import { describe, expect, it } from 'vitest';
import { delongAuc } from '../../src/stats/delongAuc.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('delongAuc', () => {
  it('computes the placement-value variance of a worked example exactly', () => {
    // Events 0.8, 0.6, 0.6 have V10 = 7/8, 5/8, 5/8; non-events 0.6, 0.4, 0.2, 0.8 have
    // V01 = 2/3, 1, 1, 1/6. AUC = 17/24, S10 = (1/24)/2, S01 = (268/576)/3, and
    // Var = S10/3 + S01/4 = 316/6912 (R: pROC::var(roc(...), method = "delong") = 0.0457175925925926).
    const d = delongAuc([0.8, 0.6, 0.6, 0.6, 0.4, 0.2, 0.8], [1, 1, 1, 0, 0, 0, 0]);
    expect(d.auc).toBeCloseTo(17 / 24, 15);
    expect(d.variance).toBeCloseTo(316 / 6912, 15);
    expect(d.se).toBeCloseTo(Math.sqrt(316 / 6912), 15);
    expect(d.ciLow).toBeCloseTo(17 / 24 - 1.959963984540054 * Math.sqrt(316 / 6912), 12);
    expect(d.ciHigh).toBe(1); // clipped at 1, as pROC does
  });

  it('needs two events and two non-events', () => {
    expect(() => delongAuc([0.1, 0.2, 0.9], [0, 0, 1])).toThrow(RangeError);
  });

  it.each([
    ['birthwt/apparent_predictions.csv', 'birthwt/reference_apparent.json', 'low'],
    ['birthwt/shifted_predictions.csv', 'birthwt/reference_shifted.json', 'low'],
    ['metrics/simulated_ties.csv', 'metrics/simulated_ties.json', 'y'],
    ['metrics/simulated_continuous.csv', 'metrics/simulated_continuous.json', 'y'],
  ])('equals pROC::ci.auc(method = "delong") on %s', (data, reference, outcome) => {
    const d = readNumericCsv(data);
    const ref = readJson(reference).exact;
    const ours = delongAuc(d.p, d[outcome]);
    expect(Math.abs(ours.auc / ref.auc - 1)).toBeLessThan(1e-13);
    expect(Math.abs(ours.se / ref.auc_se - 1)).toBeLessThan(1e-12);
    expect(Math.abs(ours.ciLow / ref.auc_ci_low - 1)).toBeLessThan(1e-12);
    expect(Math.abs(ours.ciHigh / ref.auc_ci_high - 1)).toBeLessThan(1e-12);
  });
});
