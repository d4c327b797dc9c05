import { describe, expect, it } from 'vitest';
import { logit } from '../../src/stats/logit.js';

describe('logit', () => {
  it('gives the log-odds (closed forms)', () => {
    expect(logit(0.5)).toBe(0);
    expect(logit(0.2)).toBeCloseTo(-Math.log(4), 15);
    expect(logit(0.75)).toBeCloseTo(Math.log(3), 15);
    expect(logit(1 / (1 + Math.exp(-2.5)))).toBeCloseTo(2.5, 14);
  });

  it('is infinite at the ends', () => {
    expect(logit(0)).toBe(-Infinity);
    expect(logit(1)).toBe(Infinity);
  });
});
