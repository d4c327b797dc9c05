import { describe, expect, it } from 'vitest';
import { logLoss } from '../../src/stats/logLoss.js';
import { readJson, readNumericCsv } from './fixtures.js';

describe('logLoss', () => {
  it('averages the negative log-likelihood (a worked example)', () => {
    expect(logLoss([0.5, 0.8], [1, 0])).toBeCloseTo(-(Math.log(0.5) + Math.log(0.2)) / 2, 15);
  });

  it('charges nothing for certain predictions that come true and infinity for ones that fail', () => {
    expect(logLoss([0, 1], [0, 1])).toBe(0);
    expect(logLoss([0, 0.5], [1, 1])).toBe(Infinity);
    expect(logLoss([1, 0.5], [0, 1])).toBe(Infinity);
  });

  it('equals the R computation on 5,000 predictions', () => {
    const d = readNumericCsv('metrics/simulated_ties.csv');
    expect(Math.abs(logLoss(d.p, d.y) / readJson('metrics/simulated_ties.json').exact.log_loss - 1)).toBeLessThan(1e-12);
  });
});
