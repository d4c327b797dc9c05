import { describe, expect, it } from 'vitest';
import { fairnessAudit } from '../../../src/report/calibrationReport/fairness.js';
import type { Grouping } from '../../../src/report/calibrationReport/groups.js';
import { cutoffFigures } from '../../../src/stats/cutoffFigures.js';
import { groupFigures } from '../../../src/stats/groupFigures.js';
import { valProb } from '../../../src/stats/valProb.js';

/** Seeded uniform numbers (mulberry32), so the data are the same on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three groups of 3000; group "c" gets outcomes from a shifted truth, so it is miscalibrated and missed more often. */
function data() {
  const u = rng(42);
  const n = 9000;
  const p = new Float64Array(n);
  const y = new Float64Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = i % 3;
    const lp = -1.7 + 1.1 * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    p[i] = 1 / (1 + Math.exp(-lp));
    const shift = codes[i] === 2 ? 0.9 : 0;
    y[i] = u() < 1 / (1 + Math.exp(-(lp + shift))) ? 1 : 0;
  }
  // Predictions map to table rows in reverse, to check that groups are looked up through `rows`.
  const rows = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
  const tableCodes = new Int32Array(n);
  for (let i = 0; i < n; i++) tableCodes[rows[i]] = codes[i];
  const grouping: Grouping = { attribute: 'origin', kind: 'sensitive', inModel: false, levels: ['a', 'b', 'c'], codes: tableCodes };
  return { p, y, rows, codes, grouping };
}

describe('fairness audit', () => {
  const { p, y, rows, codes, grouping } = data();

  it('gives each group exactly the figures of valProb and the cut-off table on its own rows', () => {
    const groups = groupFigures(p, y, rows, grouping, 0.25);
    expect(groups.map((g) => g.group)).toEqual(['a', 'b', 'c']);
    for (const [k, g] of groups.entries()) {
      const sp = p.filter((_, i) => codes[i] === k);
      const sy = y.filter((_, i) => codes[i] === k);
      const expected = valProb(sp, sy).metrics;
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) expect(g[key]).toEqual(expected[key]);
      const c = cutoffFigures(sp, sy, 0.25);
      expect(g.false_positive_rate).toBe(c.false_positive_rate);
      expect(g.false_negative_rate).toBe(c.false_negative_rate);
      expect(g.precision).toBe(c.precision);
      expect(g.share_flagged).toBe(c.share_flagged);
      expect(g.observed_rate).toBeCloseTo(c.events / c.n, 15);
    }
  });

  it('names the group with the largest gap, in the attribute statements and the summary', () => {
    const audit = fairnessAudit(p, y, rows, [grouping], 0.25);
    const a = audit.attributes[0];
    const citl = a.gaps.find((g) => g.metric === 'calibration_in_the_large')!;
    expect(citl.high.group).toBe('c');
    const fnr = a.gaps.find((g) => g.metric === 'false_negative_rate')!;
    // The order of the false-negative rates is read from the group figures themselves.
    const byFnr = [...a.groups].sort((g, h) => g.false_negative_rate! - h.false_negative_rate!);
    expect(fnr.high.group).toBe(byFnr[2].group);
    expect(fnr.low.group).toBe(byFnr[0].group);
    expect(audit.summary.find((s) => s.startsWith('The largest gap in calibration-in-the-large'))).toMatch(
      /by origin \(not in the model\): \+\d\.\d\d for c against/,
    );
    expect(a.statements.some((s) => /more than chance alone explains/.test(s) && s.includes(' for c '))).toBe(true);
    expect(citl.z).toBeGreaterThan(5);
  });

  it('leaves small groups out of the comparison but still reports them', () => {
    const small: Grouping = {
      ...grouping,
      levels: ['a', 'b', 'c', 'tiny'],
      codes: Int32Array.from(grouping.codes, (c, i) => (i < 30 ? 3 : c)),
    };
    const audit = fairnessAudit(p, y, rows, [small], 0.25);
    const tiny = audit.attributes[0].groups.find((g) => g.group === 'tiny')!;
    expect(tiny.small).toBe(true);
    expect(tiny.n).toBe(30);
    for (const gap of audit.attributes[0].gaps) {
      expect(gap.low.group).not.toBe('tiny');
      expect(gap.high.group).not.toBe('tiny');
    }
  });
});
