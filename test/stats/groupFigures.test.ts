import { describe, expect, it } from 'vitest';
import { groupFigures, MIN_GROUP_EVENTS, MIN_GROUP_ROWS } from '../../src/stats/groupFigures.js';
import { valProb } from '../../src/stats/valProb.js';

describe('groupFigures', () => {
  it('gives each group the figures of its own rows, found through the row map (counted by hand)', () => {
    // Predictions 0..5 belong to table rows 5..0; rows 0–2 are group "x", rows 3–5 group "y".
    const p = Float64Array.from([0.1, 0.2, 0.3, 0.6, 0.7, 0.8]);
    const y = [0, 0, 1, 1, 1, 0];
    const rows = Int32Array.from([5, 4, 3, 2, 1, 0]);
    const groups = groupFigures(p, y, rows, { levels: ['x', 'y', 'nobody'], codes: Int32Array.from([0, 0, 0, 1, 1, 1]) }, 0.5);
    expect(groups.map((g) => g.group)).toEqual(['x', 'y']);
    const [x, yGroup] = groups;
    // Group "x" holds predictions 3, 4, 5: p = 0.6, 0.7, 0.8 with y = 1, 1, 0.
    expect(x.n).toBe(3);
    expect(x.events).toBe(2);
    expect(x.observed_rate).toBeCloseTo(2 / 3, 15);
    expect(x.mean_predicted).toBeCloseTo(0.7, 15);
    expect(x.brier).toBeCloseTo((0.16 + 0.09 + 0.64) / 3, 15);
    expect(x.false_negative_rate).toBe(0);
    expect(x.false_positive_rate).toBe(1);
    expect(x.small).toBe(true);
    expect(yGroup.mean_predicted).toBeCloseTo(0.2, 15);
    expect(yGroup.c_statistic).toBe(valProb([0.1, 0.2, 0.3], [0, 0, 1]).metrics.c_statistic);
  });

  it('calls a group small below the thresholds of rows, events and non-events', () => {
    const n = MIN_GROUP_ROWS;
    const p = Float64Array.from({ length: n }, (_, i) => 0.05 + (0.9 * i) / n);
    const y = Float64Array.from({ length: n }, (_, i) => (i < MIN_GROUP_EVENTS ? 1 : 0));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const big = groupFigures(p, y, rows, { levels: ['all'], codes: new Int32Array(n) }, 0.5)[0];
    expect(big.small).toBe(false);
    y[0] = 0;
    expect(groupFigures(p, y, rows, { levels: ['all'], codes: new Int32Array(n) }, 0.5)[0].small).toBe(true);
  });
});
