import { describe, expect, it } from 'vitest';
import { histogramByOutcome } from '../../src/stats/histogramByOutcome.js';

describe('histogramByOutcome', () => {
  it('counts each outcome in equal-width bins and scales each to sum to one (counted by hand)', () => {
    // Bins of width 0.25 on [0, 1): non-events 0.1, 0.2, 0.6 → bins 0, 0, 2; events 0.3, 0.9, 1.4 → bins 1, 3, 3
    // (1.4 is above the upper end and goes into the last bin).
    const h = histogramByOutcome([0.1, 0.2, 0.6, 0.3, 0.9, 1.4], [0, 0, 0, 1, 1, 1], 1, 4);
    expect(h).toHaveLength(8);
    expect(h.filter((b) => b.outcome === 0).map((b) => b.count)).toEqual([2, 0, 1, 0]);
    expect(h.filter((b) => b.outcome === 1).map((b) => b.count)).toEqual([0, 1, 0, 2]);
    expect(h.filter((b) => b.outcome === 1).map((b) => b.share)).toEqual([0, 1 / 3, 0, 2 / 3]);
    expect(h[1]).toEqual({ from: 0.25, to: 0.5, outcome: 0, count: 0, share: 0 });
  });

  it('gives shares of 0, not NaN, for an outcome that never occurs', () => {
    const h = histogramByOutcome([0.1, 0.2], [0, 0], 1, 2);
    expect(h.filter((b) => b.outcome === 1).map((b) => b.share)).toEqual([0, 0]);
  });
});
