import { wilcoxonRankSum } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { cStatistic } from '../../src/stats/cStatistic.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('cStatistic', () => {
  it('counts tied pairs as one half (a worked example)', () => {
    // Events 0.8, 0.6, 0.6; non-events 0.6, 0.4, 0.2, 0.8. Of the 12 pairs the events win
    // 3.5 + 2.5 + 2.5 = 8.5, so C = 8.5/12 (R: Hmisc::somers2 gives 0.7083333).
    expect(cStatistic([0.8, 0.6, 0.6, 0.6, 0.4, 0.2, 0.8], [1, 1, 1, 0, 0, 0, 0])).toBeCloseTo(8.5 / 12, 15);
  });

  it('is 1 for perfect separation, 0 when reversed, ½ when all predictions tie', () => {
    expect(cStatistic([0.1, 0.2, 0.9], [0, 0, 1])).toBe(1);
    expect(cStatistic([0.1, 0.2, 0.9], [1, 1, 0])).toBe(0);
    expect(cStatistic([0.3, 0.3, 0.3], [1, 0, 1])).toBe(0.5);
  });

  it("equals the Mann–Whitney U of simple-statistics' mid-rank Wilcoxon rank sum, over n₁n₀", () => {
    const p = [0.31, 0.12, 0.5, 0.5, 0.77, 0.12, 0.9, 0.5, 0.05, 0.64, 0.31, 0.88];
    const y = [1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1];
    const events = p.filter((_, i) => y[i] === 1);
    const nonEvents = p.filter((_, i) => y[i] === 0);
    const w = wilcoxonRankSum(events, nonEvents);
    const u = w - (events.length * (events.length + 1)) / 2;
    expect(cStatistic(p, y)).toBeCloseTo(u / (events.length * nonEvents.length), 15);
  });

  it('needs both outcomes', () => {
    expect(() => cStatistic([0.1, 0.2], [0, 0])).toThrow(RangeError);
  });

  it('equals Hmisc::somers2 on 5,000 tied predictions', () => {
    const d = readNumericCsv('metrics/simulated_ties.csv');
    const ref = readJson('metrics/simulated_ties.json');
    expect(Math.abs(cStatistic(d.p, d.y) / ref.exact.c_statistic - 1)).toBeLessThan(1e-13);
  });

  it("explains rms::val.prob's C on continuous predictions: the same statistic on cells of width 1/5000", () => {
    const d = readNumericCsv('metrics/simulated_continuous.csv');
    const ref = readJson('metrics/simulated_continuous.json');
    const exact = cStatistic(d.p, d.y);
    expect(Math.abs(exact / ref.exact.c_statistic - 1)).toBeLessThan(1e-13);
    // lrm.fit's cell of p is floor(5000 p) + 1; the exact and binned values differ in the 6th decimal.
    const cells = d.p.map((v) => Math.floor(5000 * v) + 1);
    expect(Math.abs(cStatistic(cells, d.y) / ref.val_prob['C (ROC)'] - 1)).toBeLessThan(1e-13);
    expect(Math.abs(exact - ref.val_prob['C (ROC)'])).toBeGreaterThan(1e-6);
  });
});
