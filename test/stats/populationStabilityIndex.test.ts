import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/data/simulate/rng.js';
import { PSI_EMPTY_BIN_SHARE, PSI_MIN_ROWS, populationStabilityIndex, psiReading } from '../../src/stats/populationStabilityIndex.js';

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

describe('PSI_MIN_ROWS', () => {
  /** Shares of rows drawn from the training shares themselves (no drift): how often each reading is crossed. */
  function nullRates(shares: readonly number[], n: number, samples: number, seed: number) {
    const rng = createRng(seed, 3);
    let watch = 0;
    let act = 0;
    for (let s = 0; s < samples; s++) {
      const counts = new Array<number>(shares.length).fill(0);
      for (let k = 0; k < n; k++) {
        let u = rng.uniform();
        let i = 0;
        while (i < shares.length - 1 && u > shares[i]) u -= shares[i++];
        counts[i]++;
      }
      const psi = populationStabilityIndex(shares, counts);
      if (psi > 0.1) watch++;
      if (psi > 0.25) act++;
    }
    return { watch: watch / samples, act: act / samples };
  }
  // Ten decile bins and a small bin for missing values: the largest a numeric input has.
  const deciles = [...Array.from({ length: 10 }, () => 0.097), 0.03];

  it('is where an input that has not drifted stops reading watch or act by chance', () => {
    const at = nullRates(deciles, PSI_MIN_ROWS, 4000, 1);
    expect(at.watch).toBeLessThan(0.06);
    expect(at.act).toBeLessThan(0.001);
  });

  it('is needed: well below it an input that has not drifted mostly reads act', () => {
    expect(nullRates(deciles, 20, 2000, 2).act).toBeGreaterThan(0.8);
    expect(nullRates(deciles, 100, 2000, 3).watch).toBeGreaterThan(0.3);
  });
});
