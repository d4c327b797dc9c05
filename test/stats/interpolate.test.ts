import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/stats/interpolate.js';

describe('interpolate', () => {
  it('interpolates like approx(rule = 2)', () => {
    expect(interpolate([0, 1, 2], [0, 10, 30], 1.5)).toBe(20);
    expect(interpolate([0, 1, 2], [0, 10, 30], -1)).toBe(0);
    expect(interpolate([0, 1, 2], [0, 10, 30], 5)).toBe(30);
  });
});
