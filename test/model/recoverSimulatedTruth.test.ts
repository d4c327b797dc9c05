import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateCohort } from '../../src/data/simulate/cohort.js';
import { readFeatureSpec } from '../../src/model/spec/readSpec.js';
import { readTrainingTable } from '../../src/model/training/trainingTable.js';
import { trainModel } from '../../src/model/training/trainModel.js';
import { tempDir, trainOptions } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const truth = JSON.parse(readFileSync(join(root, 'training/simulation-truth.json'), 'utf8')) as { coefficients: Record<string, number> };

/**
 * The simulator computes its outcome with its own code from training/simulation-truth.json; the encoder
 * and fitter must find those coefficients back. Over several independent cohorts, 95 % Wald intervals
 * should cover the true values about 95 % of the time, and the standardised errors (β̂ − β)/se should
 * look standard normal. Seeds were fixed before the first run.
 */
describe("recovering the simulator's true coefficients", () => {
  it('covers the true values at about the nominal rate, with standard-normal errors', async () => {
    const spec = await readFeatureSpec(join(root, 'training/default-spec.json'));
    const z: number[] = [];
    let covered = 0;
    let intervals = 0;
    for (const seed of [101, 202, 303, 404]) {
      const file = join(tempDir(), 'spells.csv');
      await simulateCohort({ n: 30_000, seed, spellsPath: file });
      const table = await readTrainingTable(file, spec);
      const { artifact } = trainModel(table, spec, trainOptions({ includeSensitive: true }));
      const terms = artifact.coefficients.map((c) => c.term);
      expect(new Set(terms)).toEqual(new Set(Object.keys(truth.coefficients)));
      for (const c of artifact.coefficients) {
        const b = truth.coefficients[c.term];
        const lo = c.estimate! - 1.959963984540054 * c.stdError!;
        const hi = c.estimate! + 1.959963984540054 * c.stdError!;
        intervals++;
        if (lo <= b && b <= hi) covered++;
        z.push((c.estimate! - b) / c.stdError!);
      }
    }
    const coverage = covered / intervals;
    // 252 intervals: the nominal 95 % gives 239 ± 3.5; the bounds are about ±3.5 standard deviations.
    expect(coverage).toBeGreaterThan(0.9);
    expect(coverage).toBeLessThan(0.995);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.25);
    expect(sd).toBeGreaterThan(0.85);
    expect(sd).toBeLessThan(1.15);
  });
});
