import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilsonInterval.js';

describe('wilsonInterval', () => {
  it("Wilson's interval equals R's prop.test(3, 10, correct = FALSE)$conf.int", () => {
    const { low, high } = wilsonInterval(3, 10);
    expect(low).toBeCloseTo(0.1077913, 6);
    expect(high).toBeCloseTo(0.6032219, 6);
    expect(wilsonInterval(0, 20).low).toBe(0);
  });
});
