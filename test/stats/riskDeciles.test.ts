import { describe, expect, it } from 'vitest';
import { eceDeciles } from '../../src/stats/eceDeciles.js';
import { decileBins } from '../../src/stats/riskDeciles.js';
import { sortOrder } from '../../src/stats/sortOrder.js';

describe('decileBins', () => {
  it('uses the bins of the decile ECE, so the ECE can be recomputed from them', () => {
    const p = Float64Array.from({ length: 503 }, (_, i) => ((i * 37) % 101) / 120 + 0.01);
    const y = Float64Array.from(p, (v, i) => (((i * 7919) % 1000) / 1000 < v ? 1 : 0));
    const order = sortOrder(p);
    const bins = decileBins(p, y, order);
    const ece = bins.reduce((s, b) => s + (b.n / p.length) * Math.abs(b.observed_rate - b.mean_predicted), 0);
    expect(ece).toBeCloseTo(eceDeciles(p, y, order), 14);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(503);
    for (const b of bins) expect(b.ci_low <= b.observed_rate && b.observed_rate <= b.ci_high).toBe(true);
  });

  it('keeps a run of ties in the decile of its first member (counted by hand)', () => {
    // n = 10: sorted positions 0–2 hold the tie 0.1 and all go to decile ⌊10·0/10⌋ = 0; position k ≥ 3 goes to
    // decile k, so deciles 2 and 3 stay empty and are left out.
    const p = [0.5, 0.1, 0.8, 0.1, 0.2, 0.3, 0.1, 0.4, 0.6, 0.7];
    const y = [1, 0, 1, 1, 0, 0, 0, 1, 0, 1];
    const bins = decileBins(p, y, sortOrder(p));
    expect(bins.map((b) => b.decile)).toEqual([1, 4, 5, 6, 7, 8, 9, 10]);
    expect(bins[0].n).toBe(3);
    expect(bins[0].mean_predicted).toBeCloseTo(0.1, 15);
    expect(bins[0].observed_rate).toBe(1 / 3);
    expect(bins[1]).toMatchObject({ n: 1, mean_predicted: 0.2, observed_rate: 0 });
  });
});
