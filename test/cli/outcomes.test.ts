/**
 * `ledighedsprofil outcomes` and `export-screenings` on a real SQLite file the service wrote: simulated
 * spells are screened through the API, their weekly hours go in as a register extract, every period gets
 * exactly the label and censoring `ledighedsprofil label` gives the same spell, and the export is a file
 * `train` reads as it is, with citizen keys and no CPR number. Bad rows are named by file, line and
 * column, and nothing of the file is stored.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exitCodes.js';
import { openRepository } from '../../src/storage/openRepository.js';
import { createCitizenKeysOf } from '../../src/privacy/citizenKeyRing.js';
import { auth, KEYS, lowRiskMember, sampleMember, startApp, testConfig } from '../service/helpers.js';
import { runCli } from './runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'outcomes-cli-'));
const f = (name: string) => join(dir, name);
const db = f('service.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of a small CSV without quoting, as objects. */
function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

/** A distinct valid CPR number per spell (a real 1970 birth date; modulus 11 is not required). */
const cprOf = (i: number) =>
  `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}70${1000 + i}`;

/** The citizen key the service (and the command) derive from spell i's CPR number, with the development secret. */
const keyOf = (i: number) => createCitizenKeysOf(testConfig().cprSecrets)(cprOf(i)).current;

const N = 160;
let spells: Record<string, string>[];
let hoursBySpell: Map<string, string[]>;

beforeAll(async () => {
  expect((await runCli(['simulate', '--n', String(N), '--seed', '11', '--out', f('spells.csv'), '--hours-out', f('hours.csv')])).code).toBe(
    0,
  );
  const label = await runCli([
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
  expect(label.code).toBe(0);
  spells = csv(f('spells.csv'));
  hoursBySpell = new Map();
  for (const h of csv(f('hours.csv'))) hoursBySpell.set(h.spell_id, [...(hoursBySpell.get(h.spell_id) ?? []), `${h.year_week}:${h.hours}`]);
  // The service screens each spell's member at its first interview, two days into the period.
  const t = await startApp('sqlite', { DATABASE_URL: `sqlite:${db}` });
  try {
    for (const [i, s] of spells.entries()) {
      const base = i % 2 === 0 ? sampleMember() : lowRiskMember();
      const day = new Date(`${s.spell_start}T12:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 2);
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: auth(KEYS.create),
        payload: {
          cpr: cprOf(i),
          ...base,
          member: { ...base.member, age: 40 + (i % 25) },
          occasion: 'first_interview',
          benefitPeriodStart: s.spell_start,
          screeningDate: day.toISOString().slice(0, 10),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  } finally {
    await t.close();
  }
}, 120_000);

const header = 'cpr,benefit_period_start,status_week_13,weekly_hours';

describe('ledighedsprofil outcomes', () => {
  it('names bad rows by file, line and column and stores nothing; an unknown period is named by its line', async () => {
    const lines = [
      header,
      `${cprOf(0)},${spells[0].spell_start},in_work,201601:37`,
      `${cprOf(1)},${spells[1].spell_start},sick,`,
      `${cprOf(2)},${spells[2].spell_start},in_work,201601:12;201602:40`,
    ];
    writeFileSync(f('bad.csv'), `${lines.join('\n')}\n`);
    const bad = await runCli(['outcomes', '--database', db, '--fund', '15', '--file', f('bad.csv')]);
    expect(bad.code).toBe(ExitCode.invalidInput);
    expect(bad.stderr).toContain(`${f('bad.csv')}:3:3: status_week_13: `);
    expect(bad.stderr).toMatch(new RegExp(`${f('bad.csv')}:4:4: weekly_hours: entry 2: hours: 40 is more than 37 hours`));
    writeFileSync(
      f('unknown.csv'),
      `${[header, `${cprOf(0)},${spells[0].spell_start},,`, `${cprOf(N + 5)},${spells[0].spell_start},in_work,`].join('\n')}\n`,
    );
    const unknown = await runCli(['outcomes', '--database', db, '--fund', '15', '--file', f('unknown.csv')]);
    expect(unknown.code).toBe(ExitCode.invalidInput);
    expect(unknown.stderr).toContain(`${f('unknown.csv')}:3:2: benefit_period_start: fund 15 has no screening`);
    for (const out of [bad, unknown]) for (let i = 0; i <= N + 5; i++) expect(out.stderr + out.stdout).not.toContain(cprOf(i));
    const repo = await openRepository({ kind: 'sqlite', path: db });
    try {
      expect((await repo.listAudit({ fundId: '15', action: 'outcome.batch' })).entries.map((e) => e.outcome)).toEqual(['not_found']);
      // Nothing of either file was stored: the valid first row of each neither.
      expect(await repo.outcomeHistory(keyOf(0), null, { fundId: '15', clientId: 'test' })).toEqual([]);
    } finally {
      await repo.close();
    }
    expect((await runCli(['outcomes', '--file', f('bad.csv')])).code).toBe(ExitCode.usage);
  });

  it('stores every spell with the label and censoring `label` gives it; a second run is unchanged; the export trains', async () => {
    const rows = spells.map((s, i) => `${cprOf(i)},${s.spell_start},on_dagpenge,${(hoursBySpell.get(s.spell_id) ?? []).join(';')}`);
    writeFileSync(f('extract.csv'), `${[header, ...rows].join('\n')}\n`);
    const run = await runCli(['outcomes', '--database', db, '--fund', '15', '--file', f('extract.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${N} records .* ${N} new periods, 0 updated, 0 corrected, 0 unchanged`));
    const again = await runCli(['outcomes', '--database', db, '--fund', '15', '--file', f('extract.csv')]);
    expect(again.stdout).toContain(`0 new periods, 0 updated, 0 corrected, ${N} unchanged`);

    const labelled = new Map(csv(f('labelled.csv')).map((r) => [r.spell_id, r.long_term]));
    const censored = new Set(csv(f('censored.csv')).map((r) => r.spell_id));
    expect(censored.size).toBeGreaterThan(0);

    expect((await runCli(['export-screenings', '--database', db, '--out', f('all.csv'), '--all'])).code).toBe(0);
    const all = csv(f('all.csv'));
    expect(all).toHaveLength(N);
    const byKey = new Map(all.map((r) => [r.citizen_key, r]));
    for (const [i, s] of spells.entries()) {
      const r = byKey.get(keyOf(i))!;
      expect(r.spell_start).toBe(s.spell_start);
      if (censored.has(s.spell_id)) expect([r.outcome_state, r.long_term], s.spell_id).toEqual(['pending', '']);
      else expect([r.outcome_state, r.long_term], s.spell_id).toEqual(['known', labelled.get(s.spell_id)]);
      expect(r.citizen_key).toMatch(/^[0-9a-f]{64}$/);
      expect(r.label_code).toBe('dur-52w-80pct-1539.2h-v1');
    }

    const live = await runCli(['export-screenings', '--database', db, '--out', f('live.csv'), '--fund', '15']);
    expect(live.code).toBe(0);
    expect(live.stdout).toContain(`left out: ${censored.size} without a known 52-week outcome`);
    const text = readFileSync(f('live.csv'), 'utf8');
    for (let i = 0; i < N; i++) expect(text).not.toContain(cprOf(i));
    expect(csv(f('live.csv'))).toHaveLength(N - censored.size);
    const train = await runCli([
      'train',
      '--data',
      f('live.csv'),
      '--outcome',
      'long_term',
      '--numeric',
      'age',
      '--categorical',
      'education',
      '--out',
      f('live-model.json'),
    ]);
    expect(train.code, train.stderr).toBe(0);
    expect(JSON.parse(readFileSync(f('live-model.json'), 'utf8')).training.rows).toBe(N - censored.size);

    const repo = await openRepository({ kind: 'sqlite', path: db });
    try {
      const exports = (await repo.listAudit({ fundId: '15', action: 'screening.export' })).entries.map((e) => e.detail);
      expect(exports).toEqual([`periods=${N} known_outcomes=${N - censored.size}`, `periods=${N} known_outcomes=${N - censored.size}`]);
    } finally {
      await repo.close();
    }
  });
});
