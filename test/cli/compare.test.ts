import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from './runCli.js';
import { tempDir } from '../model/helpers.js';
import { simulateCohort } from '../../src/data/simulate/cohort.js';
import { delongPairedTest } from '../../src/stats/delongPairedTest.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = tempDir();
const f = (name: string) => join(dir, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, string>;
const readCsvRows = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];

beforeAll(async () => {
  await simulateCohort({ n: 4000, seed: 21, spellsPath: f('train.csv') });
  await simulateCohort({ n: 3000, seed: 22, spellsPath: f('valid.csv') });
  const full = await runCli([
    'train',
    '--data',
    f('train.csv'),
    '--spec',
    join(root, 'training/default-spec.json'),
    '--out',
    f('full-1.json'),
    '--model-version',
    'full-1',
    '--simulated',
    '--quiet',
    '--flag-share',
    '0.25',
  ]);
  expect(full.code, full.stderr).toBe(0);
  // A deliberately weaker model: three inputs only.
  const small = await runCli([
    'train',
    '--data',
    f('train.csv'),
    '--outcome',
    'long_term',
    '--numeric',
    'age,earlier_spells',
    '--boolean',
    'from_sickness_benefit',
    '--out',
    f('small-1.json'),
    '--model-version',
    'small-1',
    '--simulated',
    '--quiet',
    '--flag-share',
    '0.25',
  ]);
  expect(small.code, small.stderr).toBe(0);
  for (const m of ['full-1', 'small-1'])
    expect((await runCli(['score', '--model', f(`${m}.json`), '--data', f('valid.csv'), '--out', f(`${m}-scored.csv`)])).code).toBe(0);
  for (const m of ['full-1', 'small-1']) {
    const c = await runCli([
      'calibrate',
      '--predictions',
      f(`${m}-scored.csv`),
      '--outcome',
      'long_term',
      '--probability',
      'probability',
      '--json',
      f(`${m}-cal.json`),
    ]);
    expect(c.code, c.stderr).toBe(0);
  }
}, 60_000);

describe('ledighedsprofil compare', () => {
  it('prints the table and writes figures that agree with score and calibrate on the same rows', async () => {
    const r = await runCli([
      'compare',
      '--model',
      f('full-1.json'),
      '--model',
      f('small-1.json'),
      '--data',
      f('valid.csv'),
      '--json',
      f('cmp.json'),
      '--out',
      f('cmp.html'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Two models on the same 3000 rows of .*valid\.csv \(outcome long_term: \d+ events/);
    expect(r.stdout).toMatch(/^model version\s+full-1\s+small-1$/m);
    expect(r.stdout).toMatch(/DeLong's test for two correlated ROC curves: AUC A − B = 0\.\d{4} \(95 % CI/);
    expect(r.stdout).toMatch(/, z = \d+\.\d{3}, p < 0\.0001\n/);
    expect(r.stdout).toMatch(/Members who change målgruppe: \d+/);
    expect(r.stdout).toMatch(/SIMULATED data/);

    const j = JSON.parse(readFileSync(f('cmp.json'), 'utf8'));
    const scored = { A: readCsvRows(f('full-1-scored.csv')), B: readCsvRows(f('small-1-scored.csv')) };
    const cal = { A: JSON.parse(readFileSync(f('full-1-cal.json'), 'utf8')), B: JSON.parse(readFileSync(f('small-1-cal.json'), 'utf8')) };
    expect(j.rows).toBe(3000);
    expect(j.unscorable).toEqual({ A: 0, B: 0, either: 0 });
    expect(j.events).toBe(scored.A.filter((x) => x.long_term === '1').length);
    for (const [k, label] of [
      [0, 'A'],
      [1, 'B'],
    ] as const) {
      const m = j.models[k];
      expect(m.label).toBe(label);
      for (const key of ['auc', 'auc_ci_low', 'auc_ci_high', 'brier', 'calibration_intercept', 'calibration_slope'] as const) {
        expect(m[key], `${label} ${key}`).toBeCloseTo(cal[label][key], 10);
      }
      const flagged = scored[label].filter((x) => x.target_group === '2').length;
      expect(m.share_target_group_2).toBeCloseTo(flagged / 3000, 12);
    }
    // The full model discriminates better than three inputs, and the paired test says so.
    const y = scored.A.map((x) => Number(x.long_term));
    const t = delongPairedTest(
      scored.A.map((x) => Number(x.probability)),
      scored.B.map((x) => Number(x.probability)),
      y,
    );
    expect(j.delong.difference).toBeGreaterThan(0.03);
    expect(j.delong.difference).toBeCloseTo(cal.A.auc - cal.B.auc, 10);
    expect(j.delong.z).toBeCloseTo(t.z, 8);
    expect(j.delong.p).toBeLessThan(0.001);
    const up = scored.A.filter((x, i) => x.target_group === '1' && scored.B[i].target_group === '2').length;
    const down = scored.A.filter((x, i) => x.target_group === '2' && scored.B[i].target_group === '1').length;
    expect(j.group_change).toEqual({ from_1_to_2: up, from_2_to_1: down, changed: up + down, share_changed: (up + down) / 3000 });
    expect(up + down).toBeGreaterThan(0);

    const html = readFileSync(f('cmp.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<b>full-1</b>');
    expect(html).toContain(j.models[0].auc.toFixed(4));
    expect(html).toContain(`Members who change målgruppe from A to B: <b>${up + down}</b>`);
    // Self-contained: no scripts, nothing fetched.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
  });

  it('finds no difference between a model and itself', async () => {
    const r = await runCli([
      'compare',
      '--model',
      f('small-1.json'),
      '--model',
      f('small-1.json'),
      '--data',
      f('valid.csv'),
      '--json',
      f('same.json'),
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(f('same.json'), 'utf8'));
    expect(j.delong.difference).toBe(0);
    expect(j.delong.p).toBe(1);
    expect(j.group_change.changed).toBe(0);
  });

  it('leaves out and counts rows one model cannot score', async () => {
    const lines = readFileSync(f('valid.csv'), 'utf8').trimEnd().split('\n');
    const header = lines[0].split(',');
    const edu = header.indexOf('education');
    // An education level the full model's specification does not allow; the small model ignores education.
    lines[1] = lines[1]
      .split(',')
      .map((v, i) => (i === edu ? 'phd' : v))
      .join(',');
    writeFileSync(f('one-bad.csv'), lines.join('\n') + '\n');
    const r = await runCli([
      'compare',
      '--model',
      f('full-1.json'),
      '--model',
      f('small-1.json'),
      '--data',
      f('one-bad.csv'),
      '--json',
      f('bad.json'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 rows left out, not scorable by both \(A: 1, B: 0\)/);
    expect(JSON.parse(readFileSync(f('bad.json'), 'utf8'))).toMatchObject({ rows: 2999, unscorable: { A: 1, B: 0, either: 1 } });
  });

  it('refuses wrong usage and invalid outcomes', async () => {
    const one = await runCli(['compare', '--model', f('full-1.json'), '--data', f('valid.csv')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/give --model exactly twice/);
    const lines = readFileSync(f('valid.csv'), 'utf8').trimEnd().split('\n');
    lines[3] = lines[3].replace(/,[01]$/, ',2');
    writeFileSync(f('bad-outcome.csv'), lines.join('\n') + '\n');
    const bad = await runCli(['compare', '--model', f('full-1.json'), '--model', f('small-1.json'), '--data', f('bad-outcome.csv')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/bad-outcome\.csv:4:\d+: long_term: outcome must be 0 or 1, got "2"/);
    const missing = await runCli(['compare', '--model', f('full-1.json'), '--model', f('small-1.json'), '--data', f('nope.csv')]);
    expect(missing.code).toBe(3);
  });
});
