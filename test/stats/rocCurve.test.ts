import { describe, expect, it } from 'vitest';
import { cStatistic } from '../../src/stats/cStatistic.js';
import { rocCurve } from '../../src/stats/rocCurve.js';
import { sortOrder } from '../../src/stats/sortOrder.js';

describe('rocCurve', () => {
  it("gives the points of scikit-learn's roc_curve documentation example", () => {
    // sklearn.metrics.roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], pos_label=2):
    // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1].
    const p = [0.1, 0.4, 0.35, 0.8];
    const y = [0, 0, 1, 1];
    const roc = rocCurve(p, y, sortOrder(p), 0);
    expect(roc.map((r) => r.false_positive_rate)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(roc.map((r) => r.true_positive_rate)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(roc.map((r) => r.threshold)).toEqual([null, 0.8, 0.4, 0.35, 0.1]);
  });

  it('encloses the C statistic, ties entering together as one diagonal step', () => {
    const p = [0.8, 0.6, 0.6, 0.6, 0.4, 0.2, 0.8];
    const y = [1, 1, 1, 0, 0, 0, 0];
    const roc = rocCurve(p, y, sortOrder(p), 0);
    let area = 0;
    for (let k = 1; k < roc.length; k++) {
      const a = roc[k - 1];
      const b = roc[k];
      area += ((b.false_positive_rate - a.false_positive_rate) * (a.true_positive_rate + b.true_positive_rate)) / 2;
    }
    expect(roc).toHaveLength(5);
    expect(area).toBeCloseTo(cStatistic(p, y), 15);
  });

  it('thins close points but keeps both ends, and is empty with one outcome', () => {
    const n = 10_000;
    const p = Float64Array.from({ length: n }, (_, i) => i / n);
    const y = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 100 < 50 ? 1 : 0));
    const roc = rocCurve(p, y, sortOrder(p));
    expect(roc.length).toBeLessThan(600);
    expect(roc[0]).toEqual({ threshold: null, false_positive_rate: 0, true_positive_rate: 0 });
    expect(roc[roc.length - 1]).toMatchObject({ false_positive_rate: 1, true_positive_rate: 1 });
    expect(rocCurve([0.1, 0.2], [0, 0], sortOrder([0.1, 0.2]))).toEqual([]);
  });
});
