import { describe, expect, it } from 'vitest';
import { decileBins, interpolate, lowessBand, wilsonInterval } from '../../../src/report/calibrationReport/reliability.js';
import { eceDeciles } from '../../../src/stats/eceDeciles.js';
import { sortOrder } from '../../../src/stats/sortOrder.js';
import { valProb } from '../../../src/stats/valProb.js';

describe('reliability diagram pieces', () => {
  it("Wilson's interval equals R's prop.test(3, 10, correct = FALSE)$conf.int", () => {
    const { low, high } = wilsonInterval(3, 10);
    expect(low).toBeCloseTo(0.1077913, 6);
    expect(high).toBeCloseTo(0.6032219, 6);
    expect(wilsonInterval(0, 20).low).toBe(0);
  });

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

  it('interpolates like approx(rule = 2)', () => {
    expect(interpolate([0, 1, 2], [0, 10, 30], 1.5)).toBe(20);
    expect(interpolate([0, 1, 2], [0, 10, 30], -1)).toBe(0);
    expect(interpolate([0, 1, 2], [0, 10, 30], 5)).toBe(30);
  });

  it('gives a bootstrap band around the lowess curve that is reproducible with its seed', () => {
    const n = 2000;
    const p = Float64Array.from({ length: n }, (_, i) => 0.02 + (0.6 * ((i * 7) % n)) / n);
    const y = Float64Array.from(p, (v, i) => (((i * 2654435761) >>> 0) / 4294967296 < v ? 1 : 0));
    const { curve } = valProb(p, y);
    const sortedY = Float64Array.from(curve.order, (i) => y[i]);
    const a = lowessBand(curve.x, sortedY, curve, { resamples: 10, seed: 4, gridPoints: 20 });
    const b = lowessBand(curve.x, sortedY, curve, { resamples: 10, seed: 4, gridPoints: 20 });
    expect(b).toEqual(a);
    expect(a.points).toHaveLength(20);
    for (const pt of a.points) {
      expect(pt.low).toBeLessThan(pt.observed);
      expect(pt.high).toBeGreaterThan(pt.observed);
      expect(pt.high - pt.low).toBeLessThan(0.2);
    }
    expect(a.method).toMatch(/10 bootstrap resamples/);
  });
});
