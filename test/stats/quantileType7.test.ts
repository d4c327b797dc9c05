import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { quantileType7 } from '../../src/stats/quantileType7.js';

describe('quantileType7', () => {
  it("matches R's quantile()", () => {
    // R: quantile(c(1, 2, 3, 4, 10), 0.9) = 7.6; quantile(1:10, 0.9) = 9.1; quantile(5, 0.9) = 5.
    expect(quantileType7([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 14);
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 14);
    expect(quantileType7([5], 0.9)).toBe(5);
    expect(quantileType7([1, 2, 3], 0)).toBe(1);
    expect(quantileType7([1, 2, 3], 1)).toBe(3);
  });

  it("agrees with simple-statistics' quantileSorted (type 7 too) up to the last bits", () => {
    // simple-statistics computes x[lo] + h·(x[lo+1] − x[lo]), R (and this module) (1 − h)·x[lo] + h·x[lo+1]:
    // equal in exact arithmetic, so only rounding may separate them.
    let s = 7;
    const u = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    for (let t = 0; t < 200; t++) {
      const x = Array.from({ length: 1 + (t % 53) }, u).sort((a, b) => a - b);
      for (const prob of [0, 0.1, 0.5, 0.9, 0.99, 1]) {
        const expected = quantileSorted(x, prob);
        expect(Math.abs(quantileType7(x, prob) - expected)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(expected));
      }
    }
  });
});
