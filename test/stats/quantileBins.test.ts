import { describe, expect, it } from 'vitest';
import { binOf, quantileEdges } from '../../src/stats/quantileBins.js';

describe('quantileEdges and binOf', () => {
  it('puts the edges at type-7 deciles', () => {
    // 1 … 11: h = 10·k/10 = k, so the k-th decile is exactly k + 1.
    const xs = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(quantileEdges(xs)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 0 … 3 with quartiles: h = 0.75, 1.5, 2.25 → 0.75, 1.5, 2.25.
    expect(quantileEdges([0, 1, 2, 3], 4)).toEqual([0.75, 1.5, 2.25]);
  });

  it('merges repeated edges and drops an edge at the minimum', () => {
    const xs = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    // Deciles h = 0.9k: 0 for k ≤ 5, then 0.4 (h = 5.4, between the last 0 and the first 1), then 1.
    const edges = quantileEdges(xs);
    expect(edges).toHaveLength(2);
    expect(edges[0]).toBeCloseTo(0.4, 12);
    expect(edges[1]).toBe(1);
    expect(quantileEdges([5, 5, 5])).toEqual([]);
    expect(quantileEdges([])).toEqual([]);
  });

  it('bins lower-inclusively', () => {
    const edges = [1, 2, 3];
    expect([0.5, 1, 1.5, 2, 3, 9].map((x) => binOf(edges, x))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(binOf([], 4)).toBe(0);
  });
});
