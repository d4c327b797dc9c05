import { describe, expect, it } from 'vitest';
import { lowessBand } from '../../src/stats/lowessBand.js';
import { valProb } from '../../src/stats/valProb.js';

describe('lowessBand', () => {
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
