import { describe, expect, it } from 'vitest';
import { delongPairedTest } from '../../src/stats/delongPairedTest.js';
import { delongAuc } from '../../src/stats/delongAuc.js';
import { pnorm } from '../../src/stats/normal.js';

/**
 * An independent reference: DeLong et al. (1988) written out literally with the kernel
 * ψ(x, y) = 1 if x > y, ½ if x = y, 0 otherwise, over all n₁ × n₀ pairs (O(n²)), no sorting and
 * no tie blocks. This is the computation pROC's `delong.paired.test` documents (Sun & Xu 2014 make it
 * fast; the figures are the same).
 */
function referencePaired(p1: number[], p2: number[], y: number[]) {
  const psi = (x: number, w: number) => (x > w ? 1 : x === w ? 0.5 : 0);
  const cases = y.flatMap((v, i) => (v === 1 ? [i] : []));
  const controls = y.flatMap((v, i) => (v === 0 ? [i] : []));
  const m = cases.length;
  const n = controls.length;
  const one = (p: number[]) => {
    const v10 = cases.map((i) => controls.reduce((s, j) => s + psi(p[i], p[j]), 0) / n);
    const v01 = controls.map((j) => cases.reduce((s, i) => s + psi(p[i], p[j]), 0) / m);
    const auc = v10.reduce((s, v) => s + v, 0) / m;
    return { v10, v01, auc };
  };
  const a = one(p1);
  const b = one(p2);
  const cov = (x: number[], w: number[], mx: number, mw: number) => x.reduce((s, xi, k) => s + (xi - mx) * (w[k] - mw), 0) / (x.length - 1);
  const var1 = cov(a.v10, a.v10, a.auc, a.auc) / m + cov(a.v01, a.v01, a.auc, a.auc) / n;
  const var2 = cov(b.v10, b.v10, b.auc, b.auc) / m + cov(b.v01, b.v01, b.auc, b.auc) / n;
  const c12 = cov(a.v10, b.v10, a.auc, b.auc) / m + cov(a.v01, b.v01, a.auc, b.auc) / n;
  const z = (a.auc - b.auc) / Math.sqrt(var1 + var2 - 2 * c12);
  return { auc1: a.auc, auc2: b.auc, var1, var2, c12, z, p: 2 * pnorm(-Math.abs(z)) };
}

/** A small deterministic generator (not the project's), so the test data do not depend on project code. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('delongPairedTest', () => {
  it('gives the exact values of a small case worked by hand', () => {
    // Events have p1 = .9, .8, .3 and p2 = .6, .4, .5; non-events p1 = .7, .2, .1 and p2 = .5, .7, .1.
    // p1: V10 = (1, 1, 2/3), V01 = (2/3, 1, 1), AUC 8/9.  p2: V10 = (2/3, 1/3, 1/2) (a tie at .5 counts ½),
    // V01 = (1/2, 0, 1), AUC 1/2.  S10 = [[1/27, 0], [0, 1/36]], S01 = [[1/27, 0], [0, 1/4]], so
    // Var1 = 2/81, Var2 = 1/108 + 1/12 = 5/54, Cov = 0, Var(diff) = 19/162, z = (7/18) / √(19/162).
    const y = [1, 1, 1, 0, 0, 0];
    const t = delongPairedTest([0.9, 0.8, 0.3, 0.7, 0.2, 0.1], [0.6, 0.4, 0.5, 0.5, 0.7, 0.1], y);
    expect(t.auc1).toBeCloseTo(8 / 9, 14);
    expect(t.auc2).toBeCloseTo(1 / 2, 14);
    expect(t.variance1).toBeCloseTo(2 / 81, 14);
    expect(t.variance2).toBeCloseTo(5 / 54, 14);
    expect(t.covariance).toBeCloseTo(0, 14);
    expect(t.se).toBeCloseTo(Math.sqrt(19 / 162), 14);
    expect(t.z).toBeCloseTo(7 / 18 / Math.sqrt(19 / 162), 12);
    expect(t.p).toBeCloseTo(2 * pnorm(-(7 / 18) / Math.sqrt(19 / 162)), 12);
    expect(t.ciLow).toBeCloseTo(7 / 18 - 1.959963984540054 * Math.sqrt(19 / 162), 10);
  });

  it('agrees with the literal O(n²) computation on correlated predictions with ties', () => {
    const rand = lcg(42);
    const n = 400;
    const y: number[] = [];
    const p1: number[] = [];
    const p2: number[] = [];
    for (let i = 0; i < n; i++) {
      const yi = rand() < 0.3 ? 1 : 0;
      const common = rand() + 0.6 * yi;
      y.push(yi);
      // Rounded so that both predictions have many ties, and correlated through `common`.
      p1.push(Math.round((common + 0.3 * rand()) * 20) / 20);
      p2.push(Math.round((common + 0.8 * rand() - 0.2 * yi) * 10) / 10);
    }
    const t = delongPairedTest(p1, p2, y);
    const r = referencePaired(p1, p2, y);
    expect(t.auc1).toBeCloseTo(r.auc1, 13);
    expect(t.auc2).toBeCloseTo(r.auc2, 13);
    expect(t.variance1).toBeCloseTo(r.var1, 14);
    expect(t.variance2).toBeCloseTo(r.var2, 14);
    expect(t.covariance).toBeCloseTo(r.c12, 14);
    expect(r.c12).toBeGreaterThan(0);
    expect(t.z).toBeCloseTo(r.z, 10);
    expect(t.p).toBeCloseTo(r.p, 12);
    // The single-curve variance is the one the calibration report already uses.
    expect(t.variance1).toBeCloseTo(delongAuc(p1, y).variance, 14);
    expect(t.difference).toBeGreaterThan(0);
    expect(t.p).toBeLessThan(0.05);
  });

  it('says nothing differs for the same prediction twice, and is antisymmetric', () => {
    const y = [1, 0, 1, 0, 1, 0, 0];
    const p = [0.8, 0.3, 0.6, 0.6, 0.2, 0.1, 0.5];
    const same = delongPairedTest(p, p, y);
    expect(same.z).toBe(0);
    expect(same.p).toBe(1);
    const q = [0.5, 0.4, 0.9, 0.2, 0.7, 0.3, 0.1];
    const ab = delongPairedTest(p, q, y);
    const ba = delongPairedTest(q, p, y);
    expect(ba.z).toBeCloseTo(-ab.z, 14);
    expect(ba.p).toBeCloseTo(ab.p, 14);
  });

  it('refuses unusable input', () => {
    expect(() => delongPairedTest([0.1, 0.2], [0.1], [0, 1])).toThrow(RangeError);
    expect(() => delongPairedTest([0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [0, 1, 1])).toThrow(/two events and two non-events/);
    expect(() => delongPairedTest([0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], [0, 1, 2, 0])).toThrow(/not 0 or 1/);
  });
});
