import { describe, expect, it, vi } from 'vitest';
import { SpiegelhalterUndefinedError, spiegelhalterZ } from '../../src/stats/spiegelhalterZ.js';
import { valProb } from '../../src/stats/valProb.js';

// Spiegelhalter's test is replaced so that it can fail in ways the data alone cannot make it fail.
vi.mock('../../src/stats/spiegelhalterZ.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/stats/spiegelhalterZ.js')>();
  return { ...original, spiegelhalterZ: vi.fn(original.spiegelhalterZ) };
});

const p = [0.1, 0.3, 0.6, 0.8, 0.2, 0.7];
const y = [0, 1, 1, 1, 0, 0];

describe('valProb when a statistic fails', () => {
  it('lets an unexpected failure through with its own message instead of blaming predictions of 0, ½ or 1', () => {
    vi.mocked(spiegelhalterZ).mockImplementationOnce(() => {
      throw new TypeError('something else broke');
    });
    expect(() => valProb(p, y)).toThrow('something else broke');
  });

  it('reports the undefined test as a warning only when the test itself says it is undefined', () => {
    vi.mocked(spiegelhalterZ).mockImplementationOnce(() => {
      throw new SpiegelhalterUndefinedError();
    });
    const m = valProb(p, y).metrics;
    expect(m.spiegelhalter_z).toBeNull();
    expect(m.warnings).toContain("Spiegelhalter's z is undefined: every prediction is 0, 0.5 or 1.");
  });

  it('computes the test normally otherwise', () => {
    const m = valProb(p, y).metrics;
    expect(m.spiegelhalter_z).not.toBeNull();
    expect(m.warnings.join(' ')).not.toMatch(/Spiegelhalter/);
  });
});
