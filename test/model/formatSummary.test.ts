import { describe, expect, it } from 'vitest';
import { formatP, stars } from '../../src/model/formatSummary.js';

describe('R-style summary formatting', () => {
  it("prints p-values as R's summary.glm does", () => {
    expect(formatP(1e-20)).toBe('<2e-16');
    expect(formatP(1.7312e-8)).toBe('1.73e-08');
    expect(formatP(0.0258015965896865)).toBe('0.0258');
    expect(formatP(0.688007239426342)).toBe('0.688');
    expect(formatP(NaN)).toBe('NA');
  });

  it("uses R's significance codes", () => {
    expect([0.0009, 0.009, 0.049, 0.09, 0.2].map(stars)).toEqual(['***', '**', '*', '.', '']);
  });
});
