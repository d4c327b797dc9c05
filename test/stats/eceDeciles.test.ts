import { describe, expect, it } from 'vitest';
import { eceDeciles } from '../../src/stats/eceDeciles.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('eceDeciles', () => {
  it('weights each decile by its size (a worked example)', () => {
    // 20 distinct predictions k/20 (k = 1..20), two per decile; the outcome is 1 for the larger of
    // each pair. Decile d holds (2d+1)/20 and (2d+2)/20: mean p = (4d+3)/40, event rate ½, so
    // ECE = (1/10) Σ_d |½ − (4d+3)/40| = (1/400) Σ_d |17 − 4d| = (17+13+9+5+1+3+7+11+15+19)/400 = 0.25.
    const p = Array.from({ length: 20 }, (_, k) => (k + 1) / 20);
    const y = p.map((_, k) => k % 2);
    expect(eceDeciles(p, y)).toBeCloseTo(0.25, 14);
  });

  it('never splits tied predictions between deciles', () => {
    // Positions 0..9 of 10 predictions are deciles 0..9, but the three ties of 0.5 (positions 3–5)
    // all go to decile 3: |1/3 − 0.5| · 3/10 plus |y − p| · 1/10 for the seven others.
    const p = [0.05, 0.15, 0.25, 0.5, 0.5, 0.5, 0.65, 0.75, 0.85, 0.95];
    const y = [0, 0, 0, 1, 0, 0, 1, 1, 1, 1];
    const others = 0.05 + 0.15 + 0.25 + 0.35 + 0.25 + 0.15 + 0.05;
    expect(eceDeciles(p, y)).toBeCloseTo((3 / 10) * Math.abs(1 / 3 - 0.5) + others / 10, 14);
  });

  it.each([
    ['birthwt/apparent_predictions.csv', 'birthwt/reference_apparent.json', 'low'],
    ['metrics/simulated_ties.csv', 'metrics/simulated_ties.json', 'y'],
    ['metrics/simulated_continuous.csv', 'metrics/simulated_continuous.json', 'y'],
  ])('equals the R computation on %s', (data, reference, outcome) => {
    const d = readNumericCsv(data);
    expect(Math.abs(eceDeciles(d.p, d[outcome]) / readJson(reference).exact.ece_deciles - 1)).toBeLessThan(1e-12);
  });
});
