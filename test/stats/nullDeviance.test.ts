import { describe, expect, it } from 'vitest';
import { nullDeviance } from '../../src/stats/nullDeviance.js';
import { readJson } from './fixtures.js';

describe('nullDeviance', () => {
  it("equals −2 × the birthwt glm's null log-likelihood (59 events of 189)", () => {
    const ref = readJson('birthwt/glm.json');
    expect(Math.abs(nullDeviance(59, 189) / (-2 * ref.null_log_likelihood) - 1)).toBeLessThan(1e-13);
  });

  it('is 2 n log 2 for half events and 0 when all outcomes are equal', () => {
    expect(nullDeviance(5, 10)).toBeCloseTo(20 * Math.LN2, 14);
    expect(nullDeviance(0, 10)).toBe(0);
    expect(nullDeviance(10, 10)).toBe(0);
  });
});
