import { describe, expect, it } from 'vitest';
import { PSI_EMPTY_BIN_SHARE, populationStabilityIndex, psiReading } from '../../src/stats/populationStabilityIndex.js';

describe('populationStabilityIndex', () => {
  it('matches a hand computation', () => {
    // e = (.1, .2, .3, .4), a = (.15, .25, .3, .3):
    //   .05·ln 1.5 + .05·ln 1.25 + 0 + (−.1)·ln .75 = .0202733 + .0111572 + 0 + .0287682 = .0601986
    expect(populationStabilityIndex([0.1, 0.2, 0.3, 0.4], [0.15, 0.25, 0.3, 0.3])).toBeCloseTo(0.0601986, 7);
  });

  it('matches an independent reference with counts and an empty bin', () => {
    // python3 / numpy: e = [120, 300, 0, 580], a = [80, 270, 50, 600], each divided by its sum,
    // np.maximum(·, 1e-4), then ((a − e) * np.log(a / e)).sum() = 0.33016639493884226
    expect(populationStabilityIndex([120, 300, 0, 580], [80, 270, 50, 600])).toBeCloseTo(0.33016639493884226, 12);
  });

  it('is 0 for the same distribution, symmetric, and scale-free in counts', () => {
    expect(populationStabilityIndex([1, 2, 3], [10, 20, 30])).toBeCloseTo(0, 15);
    const a = [5, 9, 1, 0];
    const b = [3, 3, 3, 3];
    expect(populationStabilityIndex(a, b)).toBeCloseTo(populationStabilityIndex(b, a), 14);
    // A bin empty on both sides adds nothing.
    expect(populationStabilityIndex([1, 1, 0], [1, 3, 0])).toBeCloseTo(populationStabilityIndex([1, 1], [1, 3]), 14);
  });

  it('gives an empty bin the documented share, not an infinite index', () => {
    const psi = populationStabilityIndex([0.5, 0.5, 0], [0.4, 0.4, 0.2]);
    const e = PSI_EMPTY_BIN_SHARE;
    const expected = 2 * (-0.1 * Math.log(0.4 / 0.5)) + (0.2 - e) * Math.log(0.2 / e);
    expect(psi).toBeCloseTo(expected, 12);
    expect(Number.isFinite(psi)).toBe(true);
  });

  it('refuses mismatched or empty bins', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => populationStabilityIndex([0, 0], [1, 2])).toThrow(/all empty/);
    expect(() => populationStabilityIndex([1, -1], [1, 2])).toThrow(RangeError);
  });
});

describe('psiReading', () => {
  it('reads the customary thresholds', () => {
    expect(psiReading(0)).toBe('stable');
    expect(psiReading(0.0999)).toBe('stable');
    expect(psiReading(0.1)).toBe('watch');
    expect(psiReading(0.25)).toBe('watch');
    expect(psiReading(0.2501)).toBe('act');
    expect(() => psiReading(Number.NaN)).toThrow(RangeError);
  });
});
