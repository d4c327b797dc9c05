import { describe, expect, it } from 'vitest';
import { histogramUpper } from '../../../src/report/calibrationReport/histogramAxis.js';
import { histogramByOutcome } from '../../../src/stats/histogramByOutcome.js';

describe('the score histogram axis', () => {
  // 995 predictions spread over 0–0.73 and 5 beyond, up to 0.971: the 99.5th percentile is 0.731, the
  // case where the axis used to end at 75 % and the last bar held everything up to 0.971.
  const p = Float64Array.from({ length: 1000 }, (_, i) => (i < 995 ? (0.73 * i) / 994 : 0.8 + (0.171 * (i - 995)) / 4));
  const y = Float64Array.from(p, (_, i) => (i % 3 === 0 ? 1 : 0));

  it('reaches the largest prediction, rounded up to 5 %', () => {
    expect(p[999]).toBeCloseTo(0.971, 12);
    expect(histogramUpper(p)).toBe(1);
    expect(histogramUpper(Float64Array.from([0.01, 0.2, 0.31]))).toBe(0.35);
    expect(histogramUpper(Float64Array.from([0.01, 0.02]))).toBe(0.1);
  });

  it('puts every prediction in the bar whose range holds it: no spike of overflow at the end', () => {
    const bins = histogramByOutcome(p, y, histogramUpper(p));
    for (const b of bins) {
      const inRange = Array.from(p).filter((v, i) => y[i] === b.outcome && v >= b.from && (v < b.to || (b.to === 1 && v === 1))).length;
      expect(b.count, `${b.outcome} ${b.from}–${b.to}`).toBe(inRange);
    }
    // The five predictions from 0.8 to 0.971 lie in five different bars of width 0.025, not in one.
    const high = bins.filter((b) => b.from >= 0.75 && b.count > 0);
    expect(high.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(Math.max(...high.map((b) => b.count))).toBe(1);
  });
});
