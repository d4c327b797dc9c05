import { describe, expect, it } from 'vitest';
import { log1pExp, logisticDeviance } from '../../src/stats/logisticDeviance.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('logisticDeviance', () => {
  it('is 2 n log 2 when every predicted probability is ½', () => {
    expect(logisticDeviance([0, 0, 0, 0], [1, 0, 0, 1], 0, 1)).toBeCloseTo(8 * Math.LN2, 14);
  });

  it('stays finite and exact for very large linear predictors', () => {
    expect(log1pExp(800)).toBe(800);
    expect(log1pExp(-800)).toBe(0);
    expect(logisticDeviance([40], [0], 0, 1)).toBeCloseTo(80, 10);
  });

  it("equals −2 log L of the birthwt glm at its fitted values (R's logLik)", () => {
    const d = readNumericCsv('birthwt/apparent_predictions.csv');
    const logLik = readJson('birthwt/glm.json').log_likelihood as number;
    const dev = logisticDeviance(
      d.p.map((v) => Math.log(v / (1 - v))),
      d.low,
      0,
      1,
    );
    expect(Math.abs(dev / (-2 * logLik) - 1)).toBeLessThan(1e-12);
  });
});
