import { describe, expect, it } from 'vitest';
import { calibrationInTheLarge } from '../../src/stats/calibrationInTheLarge.js';
import { calibrationInTheLargeSe } from '../../src/stats/calibrationInTheLargeSe.js';

describe('calibrationInTheLargeSe', () => {
  it('has the closed form 1/√(n ȳ(1 − ȳ)) when every prediction is the same', () => {
    // p = 0.2 for all 10 rows, 4 events: â = logit(0.4) − logit(0.2) = log(8/3), every πᵢ = 0.4, so the
    // information is 10 · 0.4 · 0.6 = 2.4 and SE = 1/√2.4 = 0.6454972243679028.
    const p = new Float64Array(10).fill(0.2);
    const y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const a = calibrationInTheLarge(
      Float64Array.from(p, (v) => Math.log(v / (1 - v))),
      y,
    ).intercept;
    expect(a).toBeCloseTo(Math.log(8 / 3), 12);
    expect(calibrationInTheLargeSe(p, a)).toBeCloseTo(1 / Math.sqrt(2.4), 12);
  });

  it('leaves out predictions of exactly 0 or 1 and is null when nothing is left', () => {
    const p = Float64Array.from([0.5, 0.5, 0, 1]);
    // Two rows of p = ½ at a = 0: information 2 · ¼ = ½, SE = √2.
    expect(calibrationInTheLargeSe(p, 0)).toBeCloseTo(Math.SQRT2, 14);
    expect(calibrationInTheLargeSe(Float64Array.from([0, 1]), 0)).toBeNull();
  });
});
