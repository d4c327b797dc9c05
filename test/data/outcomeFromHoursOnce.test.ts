/**
 * Each record's weeks parsed once (parseHours, outcomeOfParsed, toNewOutcomes) against the way they
 * were computed before, which parsed every week four times: the previous outcomeFromHours is kept here
 * as the reference, with labelSpell itself, and the batch path against toNewOutcome with
 * batchThroughWeek, on seeded random weeks near the fields' edges (bad weeks, repeats, order, hours).
 */
import { describe, expect, it } from 'vitest';
import { formatMicroHours, MICRO_PER_HOUR, parseHoursMicro } from '../../src/data/decimalHours.js';
import { yearWeekOfWeekIndex } from '../../src/data/isoWeek.js';
import { labelSpell, parseStartField, parseWeekField, WINDOW_WEEKS, windowStartWeek } from '../../src/data/labels.js';
import { outcomeFromHours, type HoursIssue, type HoursOutcome, type WeekHours } from '../../src/data/outcomeFromHours.js';
import { createRng, type Rng } from '../../src/data/simulate/rng.js';
import { batchThroughWeek, toNewOutcome, toNewOutcomes } from '../../src/service/outcomes/outcomeRecord.js';
import type { OutcomeBody } from '../../src/service/schemas/outcome.js';

const hoursText = (h: string | number) => (typeof h === 'number' ? String(h) : h);

// The previous implementation, verbatim.
function referenceOutcomeFromHours(
  benefitPeriodStart: string,
  weeks: readonly WeekHours[],
  throughWeek?: string | number | null,
): { ok: true; outcome: HoursOutcome } | { ok: false; issues: HoursIssue[] } {
  const issues: HoursIssue[] = [];
  const startDay = parseStartField(benefitPeriodStart);
  if (typeof startDay === 'string') issues.push({ index: null, field: 'benefitPeriodStart', reason: startDay });
  const seen = new Map<number, number>();
  const parsed: { index: number; code: string; hours: string }[] = [];
  weeks.forEach((w, i) => {
    const week = typeof w.week === 'number' || typeof w.week === 'string' ? parseWeekField(String(w.week)) : 'the week is missing';
    const micro =
      typeof w.hours === 'number' || typeof w.hours === 'string' ? parseHoursMicro(hoursText(w.hours)) : 'the hours are missing';
    if (typeof week === 'string') issues.push({ index: i, field: 'week', reason: week });
    else if (seen.has(week)) issues.push({ index: i, field: 'week', reason: `the week is given twice (first at index ${seen.get(week)})` });
    else seen.set(week, i);
    if (typeof micro === 'string') issues.push({ index: i, field: 'hours', reason: micro });
    // A valid week is six digits once trimmed, so the trimmed text is its canonical code.
    if (typeof week === 'number' && typeof micro === 'number')
      parsed.push({ index: week, code: String(w.week).trim(), hours: formatMicroHours(micro) });
  });
  let last: number | undefined;
  if (throughWeek !== undefined && throughWeek !== null) {
    const t = parseWeekField(String(throughWeek));
    if (typeof t === 'string') issues.push({ index: null, field: 'hoursThroughWeek', reason: t });
    else last = t;
  } else if (seen.size > 0) last = Math.max(...seen.keys());
  else if (issues.length === 0)
    issues.push({
      index: null,
      field: 'weeklyHours',
      reason: 'no week given: send the weeks, or hoursThroughWeek when every week had 0 hours',
    });
  if (last !== undefined) {
    weeks.forEach((w, i) => {
      const week = parseWeekField(String(w.week));
      if (typeof week === 'number' && week > last)
        issues.push({ index: i, field: 'week', reason: 'the week is after hoursThroughWeek, the last week the extract covers' });
    });
  }
  if (issues.length > 0 || typeof startDay === 'string' || last === undefined) return { ok: false, issues };

  const through = String(yearWeekOfWeekIndex(last));
  // The label is labelSpell's, on exactly the weeks validated above: one rule, not a copy of it.
  const label = labelSpell(
    benefitPeriodStart,
    parsed.map((p) => [p.code, p.hours] as const),
    through,
  );
  const start = windowStartWeek(startDay);
  const inWindow = parsed.filter((p) => p.index >= start && p.index < start + WINDOW_WEEKS).length;
  const sorted = [...parsed].sort((a, b) => a.index - b.index);
  return {
    ok: true,
    outcome: {
      state: label.censored ? 'pending' : 'known',
      longTerm: label.censored ? null : label.longTerm,
      windowHours: label.hoursMicro / MICRO_PER_HOUR,
      weeksReported: inWindow,
      throughWeek: through,
      weeks: sorted.map((p) => `${p.code}:${p.hours}`).join(';'),
    },
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.integer(0, list.length - 1)];
const STARTS = ['2025-01-06', '2024-12-30', '2021-01-04', '2020-12-31', '2025-02-30', '', ' 2025-01-06 ', '2025-1-6'];
const HOURS: (string | number)[] = [
  '37',
  '0',
  '18.5',
  37,
  0,
  12.25,
  '37.0000001',
  '36.9999995',
  '38',
  '-1',
  '12,5',
  '',
  ' 7 ',
  '1e1',
  1e-7,
  '.5',
  '5.',
];
const ODD_WEEKS: unknown[] = ['202553', '202653', '202000', '20250', ' 202510 ', 202510, '189912', '', null, undefined, 'x'];

function weeksOf(rng: Rng): WeekHours[] {
  const first = pick(rng, [202450, 202501, 202502, 202510, 202040]);
  const n = rng.integer(0, 60);
  const out: WeekHours[] = [];
  let y = Math.floor(first / 100);
  let w = first % 100;
  for (let i = 0; i < n; i++) {
    out.push({ week: `${y}${String(w).padStart(2, '0')}`, hours: rng.bernoulli(0.9) ? pick(rng, ['37', '0', '18.5']) : pick(rng, HOURS) });
    w++;
    if (w > 52) {
      w = 1;
      y++;
    }
  }
  const bends = rng.bernoulli(0.5) ? rng.integer(1, 4) : 0;
  for (let b = 0; b < bends && out.length > 0; b++) {
    const i = rng.integer(0, out.length - 1);
    const what = rng.integer(0, 3);
    if (what === 0) out[i] = { ...out[i], week: pick(rng, ODD_WEEKS) as string };
    else if (what === 1) out.splice(rng.integer(0, out.length), 0, { ...out[rng.integer(0, out.length - 1)] });
    else if (what === 2) out.reverse();
    else out[i] = { ...out[i], hours: pick(rng, [...HOURS, null, undefined]) as string };
  }
  return out;
}

const through = (rng: Rng) => pick(rng, [undefined, null, '202601', '202552', '202510', 202601, '202553', 'x', '']);

describe('weeks parsed once', () => {
  it('outcomeFromHours gives what the previous implementation gave', () => {
    const rng = createRng(12, 7);
    let ok = 0;
    for (let i = 0; i < 5000; i++) {
      const start = pick(rng, STARTS);
      const weeks = weeksOf(rng);
      const t = through(rng);
      const got = outcomeFromHours(start, weeks, t);
      expect(got).toStrictEqual(referenceOutcomeFromHours(start, weeks, t));
      if (got.ok) ok++;
    }
    expect(ok).toBeGreaterThan(250);
    expect(ok).toBeLessThan(4500);
  });

  it('toNewOutcomes builds what toNewOutcome with batchThroughWeek builds', () => {
    const rng = createRng(13, 7);
    for (let i = 0; i < 400; i++) {
      const bodies: OutcomeBody[] = Array.from({ length: rng.integer(1, 8) }, () => {
        const b: OutcomeBody = { benefitPeriodStart: pick(rng, STARTS), statusWeek13: 'in_work' };
        if (rng.bernoulli(0.8)) b.weeklyHours = weeksOf(rng) as OutcomeBody['weeklyHours'];
        else if (rng.bernoulli(0.5)) b.longTerm = true;
        const t = through(rng);
        if (t !== undefined && t !== null && rng.bernoulli(0.3)) b.hoursThroughWeek = t;
        return b;
      });
      const keys = bodies.map((_, k) => String(k).padStart(64, 'a'));
      const last = batchThroughWeek(bodies);
      const { results, through: got } = toNewOutcomes(keys, bodies);
      expect(got).toBe(last);
      expect(results).toStrictEqual(bodies.map((b, k) => toNewOutcome(keys[k], b, last)));
    }
  });
});
