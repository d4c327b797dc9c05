import { describe, expect, it } from 'vitest';
import { defaultCutoffs } from '../../../src/report/calibrationReport/cutoffTable.js';

describe('cut-off table', () => {
  it('default cut-offs are round steps over the predictions plus the chosen one', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => (0.4 * i) / 999);
    const c = defaultCutoffs(sorted, 0.2345);
    expect(c[0]).toBe(0.025);
    expect(c).toContain(0.1);
    expect(c).toContain(0.2345);
    expect(c[c.length - 1]).toBe(0.4);
    expect([...c].sort((a, b) => a - b)).toEqual(c);
  });
});
