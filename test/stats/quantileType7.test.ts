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
});
