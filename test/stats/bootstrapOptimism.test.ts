import { describe, expect, it } from 'vitest';
import { denseToSparse } from '../../src/model/design/sparseDesign.js';
import { fitLogisticRegression } from '../../src/model/fit/logisticRegression.js';
import { predictProbabilities } from '../../src/model/scorer.js';
import { refitOnResample } from '../../src/model/validation/refitOnResample.js';
import { bootstrapOptimism } from '../../src/stats/bootstrapOptimism.js';
import { mersenneTwister } from '../../src/stats/mersenneTwister.js';
import { valProb } from '../../src/stats/valProb.js';

/** 80 rows, 10 pure-noise predictors and one weak real one: a model that fits its sample far better than new data. */
function overfitData() {
  let s = 12345;
  const u = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const rows: number[][] = [];
  const y = new Float64Array(80);
  for (let i = 0; i < 80; i++) {
    const x = Array.from({ length: 11 }, normal);
    rows.push([1, ...x]);
    y[i] = u() < 1 / (1 + Math.exp(-(-0.5 + 0.5 * x[0]))) ? 1 : 0;
  }
  const x = denseToSparse(rows);
  const fit = fitLogisticRegression(x, { y });
  const p = predictProbabilities(x, fit.coefficients);
  const m = valProb(p, y).metrics;
  const apparent = {
    c_statistic: m.c_statistic,
    brier: m.brier,
    calibration_slope: m.calibration_slope,
    calibration_intercept: m.calibration_intercept,
  };
  return { x, y, apparent };
}

describe("Harrell's bootstrap optimism", () => {
  const { x, y, apparent } = overfitData();

  it('finds optimism in C, a corrected slope below 1, and a Brier score that gets worse', () => {
    const r = bootstrapOptimism(y, refitOnResample({ x, y, l2: 0 }), apparent, { resamples: 30, seed: 3 });
    expect(r.successful).toBeGreaterThan(20);
    expect(r.figures.c_statistic.optimism!).toBeGreaterThan(0);
    expect(r.figures.c_statistic.corrected!).toBeLessThan(apparent.c_statistic!);
    // The apparent slope of a maximum-likelihood fit on its own rows is 1; corrected, clearly below.
    expect(apparent.calibration_slope!).toBeCloseTo(1, 6);
    expect(r.figures.calibration_slope.corrected!).toBeLessThan(0.9);
    expect(r.figures.brier.optimism!).toBeLessThan(0);
    expect(r.figures.brier.corrected!).toBeGreaterThan(apparent.brier!);
    expect(r.figures.c_statistic.corrected).toBeCloseTo(r.figures.c_statistic.apparent! - r.figures.c_statistic.optimism!, 12);
  });

  it('is reproducible with a seed and changes with another', () => {
    const a = bootstrapOptimism(y, refitOnResample({ x, y, l2: 0 }), apparent, { resamples: 8, seed: 11 });
    const b = bootstrapOptimism(y, refitOnResample({ x, y, l2: 0 }), apparent, { resamples: 8, seed: 11 });
    const c = bootstrapOptimism(y, refitOnResample({ x, y, l2: 0 }), apparent, { resamples: 8, seed: 12 });
    expect(b.figures).toEqual(a.figures);
    expect(c.figures.c_statistic.optimism).not.toBe(a.figures.c_statistic.optimism);
  });

  it('hands the refit the frequencies of rows drawn as ⌊u·n⌋ from the seeded Mersenne Twister', () => {
    const seen: number[][] = [];
    const p = Float64Array.from(y, (_, i) => 0.2 + (0.6 * i) / y.length);
    bootstrapOptimism(
      y,
      (f) => {
        seen.push(Array.from(f));
        return p;
      },
      apparent,
      { resamples: 3, seed: 9 },
    );
    const rng = mersenneTwister(9);
    for (const frequencies of seen) {
      const expected = new Array<number>(y.length).fill(0);
      for (let k = 0; k < y.length; k++) expected[Math.floor(rng.uniform() * y.length)]++;
      expect(frequencies).toEqual(expected);
    }
    expect(seen).toHaveLength(3);
  });

  it('leaves out every resample whose refit fails, and then corrects nothing', () => {
    const r = bootstrapOptimism(y, () => null, apparent, { resamples: 4, seed: 1 });
    expect(r.successful).toBe(0);
    expect(r.figures.brier).toEqual({ apparent: apparent.brier, optimism: null, corrected: null });
    expect(r.method).toMatch(/4 resamples left out/);
  });
});
