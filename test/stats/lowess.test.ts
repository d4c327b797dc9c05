import { describe, expect, it } from 'vitest';
import { lowess } from '../../src/stats/lowess.js';
import { maxRelativeDifference, readNumericCsv } from './fixtures.js';

/** Fitted values back in input order, as R's fixtures store them. */
function fittedByInput(x: Float64Array, y: Float64Array, options: Parameters<typeof lowess>[2]): Float64Array {
  const fit = lowess(x, y, options);
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) out[fit.order[k]] = fit.y[k];
  return out;
}

describe('lowess', () => {
  it('reproduces a straight line without robustness iterations (a local linear fit)', () => {
    const x = [5, 1, 3, 2, 4, 6, 7, 8];
    const y = x.map((v) => 2 * v - 1);
    const fit = lowess(x, y, { iter: 0 });
    expect(Array.from(fit.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    fit.y.forEach((v, k) => expect(v).toBeCloseTo(2 * fit.x[k] - 1, 12));
  });

  it('matches R on the same line with iter = 3, where rounding-level residuals zero some weights', () => {
    // R 4.2.2: x <- c(5,1,3,2,4,6,7,8); lowess(x, 2*x-1)$y gives 1 3 5 7 9 9 9 9.
    const x = [5, 1, 3, 2, 4, 6, 7, 8];
    const fit = lowess(
      x,
      x.map((v) => 2 * v - 1),
    );
    [1, 3, 5, 7, 9, 9, 9, 9].forEach((v, k) => expect(fit.y[k]).toBeCloseTo(v, 12));
  });

  it('returns the single observation for n = 1, as R does', () => {
    expect(Array.from(lowess([0.3], [1]).y)).toEqual([1]);
  });

  // R: x <- sample(1:15, 60, TRUE) — 60 points on 15 distinct values (see test/fixtures/metrics/make-fixtures.R).
  const ties = readNumericCsv('metrics/lowess_ties.csv');
  it.each([
    ['fit_iter3', {}],
    ['fit_iter0', { iter: 0 }],
    ['fit_f02_iter3', { f: 0.2 }],
  ] as const)('matches R on heavily tied x (%s)', (column, options) => {
    const ours = fittedByInput(ties.x, ties.y, options);
    expect(maxRelativeDifference(ours, ties[column])).toBeLessThan(1e-12);
  });

  // R: 2,500 points, x rounded to 3 decimals, binary y; default delta = 0.01 * range interpolates.
  const large = readNumericCsv('metrics/lowess_large.csv');
  it.each([
    ['fit_iter0', { iter: 0 }],
    ['fit_iter3', {}],
    ['fit_iter0_delta0', { iter: 0, delta: 0 }],
  ] as const)('matches R for n > 1000 with delta interpolation (%s)', (column, options) => {
    const ours = fittedByInput(large.x, large.y, options);
    expect(maxRelativeDifference(ours, large[column])).toBeLessThan(1e-12);
  });

  it('smooths 1,000,000 points in well under a few seconds (delta interpolation)', () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      x[i] = s / 2147483648;
      y[i] = x[i] > 0.5 ? 1 : 0;
    }
    const t0 = performance.now();
    const fit = lowess(x, y, { iter: 0 });
    // About half a second alone; the bound leaves room for a loaded machine.
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(fit.y[0]).toBeGreaterThanOrEqual(-0.2);
  });
});
