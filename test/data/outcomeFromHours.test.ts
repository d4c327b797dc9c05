/**
 * The outcome computed from one period's weekly hours is the label `ledighedsprofil label` gives the
 * same spell: simulated spells through the real CLI, then every spell's hours through outcomeFromHours
 * with the hours file's last week, compared spell by spell (label, censoring and window hours).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOURS_LABEL_CODE, lastWeekSent, outcomeFromHours } from '../../src/data/outcomeFromHours.js';
import { runCli } from '../cli/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'outcome-hours-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of a small CSV (no quoting in these files) as objects. */
function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('outcomeFromHours against ledighedsprofil label', () => {
  it('gives every simulated spell the label and censoring label gives it', async () => {
    const f = (n: string) => join(dir, n);
    expect((await runCli(['simulate', '--n', '1500', '--seed', '7', '--out', f('spells.csv'), '--hours-out', f('hours.csv')])).code).toBe(
      0,
    );
    const labelled = await runCli([
      'label',
      '--spells',
      f('spells.csv'),
      '--hours',
      f('hours.csv'),
      '--out',
      f('labelled.csv'),
      '--censored-out',
      f('censored.csv'),
    ]);
    expect(labelled.code).toBe(0);
    const hours = csv(f('hours.csv'));
    const bySpell = new Map<string, { week: string; hours: string }[]>();
    for (const h of hours) {
      const list = bySpell.get(h.spell_id) ?? [];
      list.push({ week: h.year_week, hours: h.hours });
      bySpell.set(h.spell_id, list);
    }
    // `label` takes the hours file's last week; an extract's records all share it.
    const last = lastWeekSent(hours.map((h) => ({ week: h.year_week, hours: h.hours })))!;
    const spells = csv(f('spells.csv'));
    const expected = new Map<string, string>();
    for (const r of csv(f('labelled.csv'))) expected.set(r.spell_id, r.long_term);
    const censored = new Set(csv(f('censored.csv')).map((r) => r.spell_id));
    expect(censored.size).toBeGreaterThan(20);
    expect([...expected.values()].filter((v) => v === '1').length).toBeGreaterThan(50);
    let compared = 0;
    for (const s of spells) {
      const r = outcomeFromHours(s.spell_start, bySpell.get(s.spell_id) ?? [], last);
      if (!r.ok) throw new Error(`${s.spell_id}: ${JSON.stringify(r.issues)}`);
      if (censored.has(s.spell_id)) expect(r.outcome.state, s.spell_id).toBe('pending');
      else {
        expect(r.outcome.state, s.spell_id).toBe('known');
        expect(r.outcome.longTerm ? '1' : '0', s.spell_id).toBe(expected.get(s.spell_id));
      }
      compared++;
    }
    expect(compared).toBe(1500);
    expect(expected.size + censored.size).toBe(1500);
  });

  it('applies the 1,539.2-hour bar exactly and counts only the 52 weeks from the first day’s week', () => {
    // 2021-01-04 is a Monday in week 202101; 41 full weeks and 22.2 hours make 1,539.2.
    const weeks = Array.from({ length: 41 }, (_, i) => ({ week: String(202101 + i), hours: 37 }));
    const at = (extra: string) =>
      outcomeFromHours('2021-01-04', [...weeks, { week: '202142', hours: extra }, { week: '202053', hours: '37' }], '202152');
    const yes = at('22.2');
    const no = at('22.1');
    expect(yes).toMatchObject({ ok: true, outcome: { state: 'known', longTerm: true, windowHours: 1539.2, weeksReported: 42 } });
    expect(no).toMatchObject({ ok: true, outcome: { state: 'known', longTerm: false, windowHours: 1539.1 } });
    // One week short of the window's end: pending, not "no".
    expect(outcomeFromHours('2021-01-04', weeks, '202151')).toMatchObject({ ok: true, outcome: { state: 'pending', longTerm: null } });
    // The default last week is the last week sent.
    expect(outcomeFromHours('2021-01-04', weeks)).toMatchObject({ ok: true, outcome: { state: 'pending', throughWeek: '202141' } });
    expect(HOURS_LABEL_CODE).toMatch(/1539\.2h/);
  });

  it('names each bad week by its index and field, without storing half of it', () => {
    const r = outcomeFromHours(
      '2021-01-04',
      [
        { week: '202101', hours: '37' },
        { week: '202154', hours: '10' },
        { week: '202102', hours: '12,5' },
        { week: '202101', hours: '38' },
        { week: '202103', hours: -1 },
      ],
      '202150',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.index, i.field])).toEqual([
      [1, 'week'],
      [2, 'hours'],
      [3, 'week'],
      [3, 'hours'],
      [4, 'hours'],
    ]);
    expect(r.issues[1].reason).toMatch(/decimal comma/);
    expect(outcomeFromHours('2021-01-04', [{ week: '202160', hours: '1' }], '202101')).toMatchObject({ ok: false });
    expect(outcomeFromHours('2021-01-04', [{ week: '202110', hours: '1' }], '202105')).toMatchObject({
      ok: false,
      issues: [{ index: 0, field: 'week', reason: expect.stringMatching(/after hoursThroughWeek/) }],
    });
    expect(outcomeFromHours('2021-01-04', [])).toMatchObject({ ok: false, issues: [{ field: 'weeklyHours' }] });
    expect(outcomeFromHours('2021-02-30', [], '202101')).toMatchObject({ ok: false, issues: [{ field: 'benefitPeriodStart' }] });
  });
});
