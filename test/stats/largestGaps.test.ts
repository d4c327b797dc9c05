import { describe, expect, it } from 'vitest';
import type { GroupFigures } from '../../src/stats/groupFigures.js';
import { largestGaps } from '../../src/stats/largestGaps.js';

/** The few fields largestGaps reads, the rest left out. */
function group(name: string, f: Partial<GroupFigures>): GroupFigures {
  return {
    group: name,
    small: false,
    n: 200,
    events: 100,
    auc: null,
    auc_se: null,
    calibration_in_the_large: null,
    calibration_in_the_large_se: null,
    false_positive_rate: null,
    false_negative_rate: null,
    ...f,
  } as GroupFigures;
}

describe('largestGaps', () => {
  it('gives the unpooled two-proportion z of the extreme groups (worked example)', () => {
    // False-positive rates 0.2 and 0.3, each over 100 non-events:
    // SE = √(0.2·0.8/100 + 0.3·0.7/100) = √0.0037 = 0.0608276, z = 0.1/0.0608276 = 1.6439899.
    const gaps = largestGaps([
      group('a', { false_positive_rate: 0.2 }),
      group('b', { false_positive_rate: 0.25 }),
      group('c', { false_positive_rate: 0.3 }),
    ]);
    expect(gaps).toHaveLength(1);
    const g = gaps[0];
    expect(g.metric).toBe('false_positive_rate');
    expect(g.low).toEqual({ group: 'a', value: 0.2 });
    expect(g.high).toEqual({ group: 'c', value: 0.3 });
    expect(g.gap).toBeCloseTo(0.1, 15);
    expect(g.z!).toBeCloseTo(0.1 / Math.sqrt(0.0037), 12);
    expect(g.z!).toBeCloseTo(1.6439899, 6);
  });

  it("uses the groups' own standard errors for the AUC, leaves small groups out, and has no z without a standard error", () => {
    const gaps = largestGaps([
      group('a', { auc: 0.7, auc_se: 0.03, calibration_in_the_large: 0.1 }),
      group('b', { auc: 0.8, auc_se: 0.04, calibration_in_the_large: -0.2 }),
      group('tiny', { auc: 0.99, auc_se: 0.01, small: true }),
    ]);
    const auc = gaps.find((g) => g.metric === 'auc')!;
    expect(auc.high.group).toBe('b');
    // √(0.03² + 0.04²) = 0.05.
    expect(auc.z!).toBeCloseTo(0.1 / 0.05, 12);
    expect(gaps.find((g) => g.metric === 'calibration_in_the_large')!.z).toBeNull();
  });
});
