import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { probabilityInterval } from '../../src/model/predictionInterval.js';
import { createScorer } from '../../src/model/scorer.js';
import { birthwtSpec, fixture, trainFile } from './helpers.js';

// R's predict(glm, newdata, se.fit = TRUE) on MASS::birthwt (make-interval-fixture.R beside the CSV).
const rows: Record<string, string>[] = parse(readFileSync(fixture('birthwt', 'interval_predictions.csv'), 'utf8'), { columns: true });
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('probability interval (delta method on the linear predictor)', () => {
  it("agrees with R's predict(se.fit = TRUE) and plogis(fit ± 1.96 se) to 1e-7", async () => {
    const { artifact } = await trainFile(fixture('birthwt', 'birthwt.csv'), birthwtSpec());
    const scorer = createScorer(artifact);
    expect(rows.length).toBe(33);
    for (const row of rows) {
      const r = scorer.score(row);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(rel(r.linearPredictor, Number(row.eta))).toBeLessThan(1e-7);
      expect(rel(r.linearPredictorSe, Number(row.se))).toBeLessThan(1e-7);
      expect(rel(r.probabilityInterval.lower, Number(row.lower))).toBeLessThan(1e-7);
      expect(rel(r.probabilityInterval.upper, Number(row.upper))).toBeLessThan(1e-7);
      expect(r.probabilityInterval.level).toBe(0.95);
      expect(r.probabilityInterval.lower).toBeLessThan(r.probability);
      expect(r.probabilityInterval.upper).toBeGreaterThan(r.probability);
    }
  });

  it('is the point itself with no uncertainty, and refuses a level outside (0, 1)', () => {
    expect(probabilityInterval(0.3, 0)).toEqual({ lower: 1 / (1 + Math.exp(-0.3)), upper: 1 / (1 + Math.exp(-0.3)), level: 0.95 });
    expect(() => probabilityInterval(0, 1, 1)).toThrow(/level/);
  });
});
