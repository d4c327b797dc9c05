import { describe, expect, it } from 'vitest';
import { eceDeciles } from '../../src/stats/eceDeciles.js';
import { decileBins } from '../../src/stats/riskDeciles.js';
import { sortOrder } from '../../src/stats/sortOrder.js';

describe('decileBins', () => {
  it('uses the bins of the decile ECE, so the ECE can be recomputed from them', () => {
    const p = Float64Array.from({ length: 503 }, (_, i) => ((i * 37) % 101) / 120 + 0.01);
    const y = Float64Array.from(p, (v, i) => ((i * 7919) % 1000) / 1000 < v ? 1 : 0);
    const order = sortOrder(p);
    const bins = decileBins(p, y, order);
    const ece = bins.reduce((s, b) => s + (b.n / p.length) * Math.abs(b.observed_rate - b.mean_predicted), 0);
    expect(ece).toBeCloseTo(eceDeciles(p, y, order), 14);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(503);
    for (const b of bins) expect(b.ci_low <= b.observed_rate && b.observed_rate <= b.ci_high).toBe(true);
  });
});
