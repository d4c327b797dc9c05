import { describe, expect, it } from 'vitest';
import { createRng, cumulativeWeights } from '../../../src/data/simulate/rng.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};
const draw = (k: number, f: () => number) => Array.from({ length: k }, f);

describe('simulator random stream', () => {
  it('repeats for the same seed and stream, and differs across seeds and streams', () => {
    const a = draw(5, createRng(42, 1).uniform);
    expect(draw(5, createRng(42, 1).uniform)).toEqual(a);
    expect(draw(5, createRng(43, 1).uniform)).not.toEqual(a);
    expect(draw(5, createRng(42, 2).uniform)).not.toEqual(a);
    expect(draw(5, createRng(0, 1).uniform)).not.toEqual(draw(5, createRng(0, 2).uniform));
  });

  it('pins the first draws of the Mersenne Twister (a library change would show here)', () => {
    const r = createRng(1, 1);
    expect(draw(3, r.uniform).map((u) => u.toFixed(15))).toMatchInlineSnapshot(`
      [
        "0.013220248435470",
        "0.513389605918285",
        "0.322010941213962",
      ]
    `);
  });

  it('rejects seeds that are not whole numbers ≥ 0', () => {
    expect(() => createRng(-1, 1)).toThrow(RangeError);
    expect(() => createRng(1.5, 1)).toThrow(RangeError);
    expect(() => createRng(2 ** 53, 1)).toThrow(RangeError);
  });

  it('draws the distributions it promises', () => {
    const r = createRng(7, 1);
    const u = draw(100_000, r.uniform);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    const z = draw(100_000, r.normal);
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(Math.abs(variance(z) - 1)).toBeLessThan(0.02);
    const p = draw(100_000, () => r.poisson(2.5));
    expect(Math.abs(mean(p) - 2.5)).toBeLessThan(0.03);
    expect(Math.abs(variance(p) - 2.5)).toBeLessThan(0.06);
    expect(p.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
    const b = draw(100_000, () => r.bernoulli(0.3));
    expect(Math.abs(mean(b) - 0.3)).toBeLessThan(0.006);
    const ints = draw(10_000, () => r.integer(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  it('draws categories in proportion to their weights, never a zero-weight one', () => {
    const r = createRng(9, 1);
    const weights = [0.5, 0, 0.2, 0.3];
    const cum = cumulativeWeights(weights);
    for (const pick of [() => r.categorical(weights), () => r.categoricalCumulative(cum)]) {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 100_000; i++) counts[pick()]++;
      expect(counts[1]).toBe(0);
      weights.forEach((w, i) => expect(Math.abs(counts[i] / 100_000 - w)).toBeLessThan(0.007));
    }
    expect(() => cumulativeWeights([0, 0])).toThrow(RangeError);
  });
});
