import { describe, expect, it } from 'vitest';
import { nagelkerkeR2 } from '../../src/stats/nagelkerkeR2.js';
import { readJson } from './fixtures.js';

describe('nagelkerkeR2', () => {
  it("gives val.prob's R2 for the birthwt glm from its log-likelihoods", () => {
    const glm = readJson('birthwt/glm.json');
    const lr = 2 * (glm.log_likelihood - glm.null_log_likelihood);
    const r2 = nagelkerkeR2(lr, -2 * glm.null_log_likelihood, glm.n);
    expect(Math.abs(r2 / readJson('birthwt/valprob_apparent.json').metrics.R2 - 1)).toBeLessThan(1e-12);
  });

  it('is 0 for no improvement and 1 for a perfect fit', () => {
    expect(nagelkerkeR2(0, 100, 80)).toBe(0);
    expect(nagelkerkeR2(100, 100, 80)).toBeCloseTo(1, 15);
  });
});
