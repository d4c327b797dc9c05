import { describe, expect, it } from 'vitest';
import { cutoffFigures, cutoffTable } from '../../src/stats/cutoffFigures.js';

// Ten members, hand-counted: at cut-off 0.3 the flagged are p ≥ 0.3 → 0.3, 0.45, 0.6, 0.8, 0.9.
const p = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.45, 0.6, 0.8, 0.9];
const y = [0, 0, 1, 0, 0, 1, 0, 1, 1, 0];

describe('cut-off table', () => {
  it('counts the 2×2 table at a cut-off as by hand, the cut-off itself in målgruppe 2', () => {
    const f = cutoffFigures(p, y, 0.3);
    // Flagged: 0.3(1) 0.45(0) 0.6(1) 0.8(1) 0.9(0) → 5 flagged, 3 events among them; 4 events in all.
    expect(f).toEqual({
      cutoff: 0.3,
      n: 10,
      events: 4,
      flagged: 5,
      share_flagged: 0.5,
      true_positives: 3,
      false_positives: 2,
      false_negatives: 1,
      true_negatives: 4,
      precision: 3 / 5,
      recall: 3 / 4,
      false_positive_rate: 2 / 6,
      false_negative_rate: 1 / 4,
    });
  });

  it('gives null rates where the denominator is empty and tabulates cut-offs in order', () => {
    const rows = cutoffTable(p, y, [0.95, 0.01]);
    expect(rows[0].flagged).toBe(0);
    expect(rows[0].precision).toBeNull();
    expect(rows[0].recall).toBe(0);
    expect(rows[1].flagged).toBe(10);
    expect(rows[1].false_positive_rate).toBe(1);
    expect(cutoffFigures([0.2, 0.4], [0, 0], 0.3).recall).toBeNull();
  });
});
