import { describe, expect, it } from 'vitest';
import { denseToSparse } from '../../../src/model/design/sparseDesign.js';
import { fitLogisticRegression } from '../../../src/model/fit/logisticRegression.js';

/** Rows of a 2 × 2 table: x ∈ {0,1}, y ∈ {0,1}, with the given counts. */
function table2x2(a: number, b: number, c: number, d: number) {
  // a: x=0,y=0  b: x=0,y=1  c: x=1,y=0  d: x=1,y=1
  const rows: number[][] = [];
  const y: number[] = [];
  const add = (x: number, yy: number, k: number) => {
    for (let i = 0; i < k; i++) {
      rows.push([1, x]);
      y.push(yy);
    }
  };
  add(0, 0, a);
  add(0, 1, b);
  add(1, 0, c);
  add(1, 1, d);
  return { x: denseToSparse(rows), y: Float64Array.from(y) };
}

describe('fitLogisticRegression', () => {
  it('reproduces the closed form of a 2 × 2 table: log odds ratio and Woolf standard error', () => {
    const [a, b, c, d] = [40, 10, 25, 25];
    const { x, y } = table2x2(a, b, c, d);
    const fit = fitLogisticRegression(x, { y, tolerance: 1e-14 });
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(b / a), 10);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log((a * d) / (b * c)), 10);
    expect(Math.sqrt(fit.covariance[3])).toBeCloseTo(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), 8);
    expect(Math.sqrt(fit.covariance[0])).toBeCloseTo(Math.sqrt(1 / a + 1 / b), 8);
    expect(fit.converged).toBe(true);
  });

  it('treats an integer case weight as that many copies of the row', () => {
    const { x, y } = table2x2(4, 1, 2, 3);
    const copies = table2x2(8, 2, 2, 6); // rows with x=0 twice, x=1,y=1 twice
    const weights = Float64Array.from(y, (_, i) => (i < 5 ? 2 : i < 7 ? 1 : 2));
    const weighted = fitLogisticRegression(x, { y, weights, tolerance: 1e-14 });
    const expanded = fitLogisticRegression(copies.x, { y: copies.y, tolerance: 1e-14 });
    expect(weighted.coefficients[1]).toBeCloseTo(expanded.coefficients[1], 10);
    // The covariance is taken at the last iteration's weights (as R does), so it matches to the step size.
    expect(weighted.covariance[3]).toBeCloseTo(expanded.covariance[3], 6);
    expect(weighted.deviance).toBeCloseTo(expanded.deviance, 9);
  });

  it('solves the L2-penalised score equations Xᵀ(y − μ) = λβ, leaving the intercept unpenalised', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x1 = Math.sin(i) * 2;
      const x2 = (i % 7) / 3;
      rows.push([1, x1, x2]);
      y.push((i * 7919) % 10 < 3 + (x1 > 0 ? 3 : 0) ? 1 : 0);
    }
    const lambda = 5;
    const x = denseToSparse(rows);
    const fit = fitLogisticRegression(x, { y: Float64Array.from(y), l2: lambda, tolerance: 1e-14 });
    const unpenalised = fitLogisticRegression(x, { y: Float64Array.from(y) });
    const score = [0, 0, 0];
    rows.forEach((r, i) => {
      const mu = 1 / (1 + Math.exp(-(r[0] * fit.coefficients[0] + r[1] * fit.coefficients[1] + r[2] * fit.coefficients[2])));
      for (let j = 0; j < 3; j++) score[j] += r[j] * (y[i] - mu);
    });
    expect(score[0]).toBeCloseTo(0, 8);
    expect(score[1]).toBeCloseTo(lambda * fit.coefficients[1], 8);
    expect(score[2]).toBeCloseTo(lambda * fit.coefficients[2], 8);
    // Shrinkage: the penalised slopes are smaller in size than the unpenalised ones.
    expect(Math.abs(fit.coefficients[1])).toBeLessThan(Math.abs(unpenalised.coefficients[1]));
  });

  it('drops an aliased column as R reports NA, and still fits the rest', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 60; i++) {
      const a = i % 3 === 0 ? 1 : 0;
      rows.push([1, a, i / 10, 2 * a]); // last column = 2 × second
      y.push(i % 4 === 0 || (a && i % 2 === 0) ? 1 : 0);
    }
    const fit = fitLogisticRegression(denseToSparse(rows), { y: Float64Array.from(y), terms: ['(Intercept)', 'a', 'b', 'a2'] });
    expect(fit.aliased).toEqual([false, false, false, true]);
    expect(Number.isNaN(fit.coefficients[3])).toBe(true);
    expect(Number.isFinite(fit.coefficients[1])).toBe(true);
    expect(fit.rank).toBe(3);
    expect(fit.warnings.join(' ')).toMatch(/a2/);
  });

  it('warns of quasi-complete separation, naming the term whose rows all have one outcome', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 100; i++) {
      const rare = i < 8 ? 1 : 0;
      rows.push([1, rare, (i % 10) / 10]);
      y.push(rare ? 0 : i % 3 === 0 ? 1 : 0);
    }
    const fit = fitLogisticRegression(denseToSparse(rows), { y: Float64Array.from(y), terms: ['(Intercept)', 'level=rare', 'x'] });
    const text = fit.warnings.join('\n');
    expect(text).toMatch(/quasi-complete separation: all 8 row\(s\) with level=rare have outcome 0/);
    expect(fit.coefficients[1]).toBeLessThan(-5); // drifting towards −∞
  });

  it('reports non-convergence under complete separation rather than a silent estimate', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      rows.push([1, i]);
      y.push(i >= 20 ? 1 : 0);
    }
    const fit = fitLogisticRegression(denseToSparse(rows), { y: Float64Array.from(y), maxIterations: 25 });
    expect(fit.warnings.join('\n')).toMatch(/fitted probabilities numerically 0 or 1/);
    expect(fit.converged === false || Math.abs(fit.coefficients[1]) > 5).toBe(true);
  });
});
