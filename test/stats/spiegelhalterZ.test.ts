import { describe, expect, it } from 'vitest';
import { spiegelhalterZ } from '../../src/stats/spiegelhalterZ.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('spiegelhalterZ', () => {
  it('computes z by the formula (a worked example)', () => {
    // p = 0.2, 0.2, 0.8, 0.8 and y = 1, 0, 1, 1:
    // numerator = 0.8·0.6 − 0.2·0.6 + 0.2·(−0.6) + 0.2·(−0.6) = 0.12;
    // variance = 4 · 0.36 · 0.16 = 0.2304, so z = 0.12 / 0.48 = 0.25 and p = 2Φ(−0.25) = 0.8025873486341.
    const s = spiegelhalterZ([0.2, 0.2, 0.8, 0.8], [1, 0, 1, 1]);
    expect(s.z).toBeCloseTo(0.25, 14);
    expect(s.p).toBeCloseTo(0.8025873486341, 12);
  });

  it('is undefined when every prediction is 0, ½ or 1', () => {
    expect(() => spiegelhalterZ([0.5, 0, 1], [1, 0, 1])).toThrow(RangeError);
  });

  it("equals val.prob's S:z and S:p on birthwt", () => {
    const d = readNumericCsv('birthwt/shifted_predictions.csv');
    const ref = readJson('birthwt/valprob_shifted.json').metrics;
    const s = spiegelhalterZ(d.p, d.low);
    expect(Math.abs(s.z / ref['S:z'] - 1)).toBeLessThan(1e-12);
    expect(Math.abs(s.p / ref['S:p'] - 1)).toBeLessThan(1e-12);
  });
});
