import { describe, expect, it } from 'vitest';
import { brierScore } from '../../src/stats/brierScore.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('brierScore', () => {
  it('averages squared errors (a worked example)', () => {
    // (0.1² + 0.2² + 0.3² + 0.6²)/4 = (0.01 + 0.04 + 0.09 + 0.36)/4 = 0.125
    expect(brierScore([0.9, 0.2, 0.7, 0.6], [1, 0, 1, 0])).toBeCloseTo(0.125, 15);
  });

  it("equals val.prob's Brier on birthwt", () => {
    const d = readNumericCsv('birthwt/shifted_predictions.csv');
    expect(Math.abs(brierScore(d.p, d.low) / readJson('birthwt/valprob_shifted.json').metrics.Brier - 1)).toBeLessThan(1e-12);
  });
});
