import { describe, expect, it } from 'vitest';
import { sortOrder } from '../../src/stats/sortOrder.js';

describe('sortOrder', () => {
  it("matches R's order(): ascending, ties in their original order", () => {
    // R: order(c(0.3, -1, 0.3, 2, -0, 0, -1e300, 1e-300, 0.3)) = 7 2 5 6 8 1 3 9 4 (1-based).
    const x = [0.3, -1, 0.3, 2, -0, 0, -1e300, 1e-300, 0.3];
    expect(Array.from(sortOrder(x)).map((i) => i + 1)).toEqual([7, 2, 5, 6, 8, 1, 3, 9, 4]);
  });

  it('handles infinities, a single value and no values', () => {
    expect(Array.from(sortOrder([Infinity, 1, -Infinity]))).toEqual([2, 1, 0]);
    expect(Array.from(sortOrder([5]))).toEqual([0]);
    expect(sortOrder([]).length).toBe(0);
  });

  it('rejects NaN', () => {
    expect(() => sortOrder([1, NaN])).toThrow(RangeError);
  });

  it('sorts 1,000,000 probabilities with many ties stably and fast', () => {
    const n = 1_000_000;
    const p = new Float64Array(n);
    let s = 7;
    for (let i = 0; i < n; i++) {
      s = (s * 16807) % 2147483647;
      p[i] = Math.round((s / 2147483647) * 1000) / 1000;
    }
    const t0 = performance.now();
    const order = sortOrder(p);
    const elapsed = performance.now() - t0;
    for (let k = 1; k < n; k++) {
      const a = order[k - 1];
      const b = order[k];
      if (p[a] > p[b] || (p[a] === p[b] && a > b)) throw new Error(`not a stable ascending order at ${k}`);
    }
    expect(elapsed).toBeLessThan(2000);
  });
});
