import { describe, expect, it } from 'vitest';
import { pnorm, qnorm, twoSidedP } from '../../src/stats/normal.js';

describe('normal', () => {
  it("gives R's pnorm and qnorm", () => {
    // R: pnorm(1.96) = 0.9750021048517795, pnorm(-1) = 0.1586552539314570, qnorm(0.975) = 1.959963984540054.
    expect(pnorm(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(pnorm(-1)).toBeCloseTo(0.158655253931457, 15);
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(0.5)).toBe(0);
  });

  it('keeps its relative precision far in the lower tail', () => {
    // R: pnorm(-10) = 7.619853024160527e-24; 1 − pnorm(10) would be 0.
    expect(Math.abs(pnorm(-10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-12);
    // R: qnorm(1e-10) = -6.361340889697422. (Below p ≈ 1e-16 stdlib's quantile returns −Infinity where R
    // stays finite; the project only asks for conventional levels such as 0.975.)
    expect(qnorm(1e-10)).toBeCloseTo(-6.361340889697422, 12);
  });

  it('gives the two-sided p-value of a z statistic whatever its sign', () => {
    // 2 Φ(−1.959963984540054) = 0.05.
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-1.959963984540054)).toBe(twoSidedP(1.959963984540054));
    expect(twoSidedP(0)).toBe(1);
  });
});
