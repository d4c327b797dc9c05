/**
 * `monitor` on live data gives exactly the figures `calibrate` gives on the same predictions and
 * outcomes exported to CSV, on SQLite and PostgreSQL: the database is filled through the repository
 * (sealed inputs, corrections) and outcomes and shadow scores by plain SQL into the real tables; the
 * export picks each period's first screening and current outcome independently, in JavaScript.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_MEMBER_INPUT } from '../../src/screening/member/memberSchema.js';
import { openRepository, type StorageConfig } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { runCli } from '../cli/runCli.js';
import { databaseKinds } from '../service/helpers.js';
import { dropSchema, randomSchemaName, rawClient, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import type { MonitoringReport } from '../../src/monitoring/monitor.js';

const root = new URL('../../', import.meta.url).pathname;
const AS_OF = '2025-12-01';
const ACTIVE = 'sim-2026.12-1';
const OTHER = 'model-b';
const SHADOW = 'candidate-c';
const dir = mkdtempSync(join(tmpdir(), 'lp-monitor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic generator of its own (not the project's), so the data do not depend on src/. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Period {
  fund: string;
  citizenKey: string;
  start: string;
  age: number;
}

/** Raw SQL on either database, with ? placeholders. */
type Sql = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

async function fill(repo: Repository, sql: Sql): Promise<Period[]> {
  const rnd = lcg(7);
  const periods: Period[] = [];
  const regions = ['hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland', 'nordjylland'];
  for (let i = 0; i < 260; i++) {
    const fund = i % 5 === 4 ? '42' : '15';
    const citizenKey = createHash('sha256').update(`citizen ${i}`).digest('hex');
    const start = addDays('2023-10-02', Math.floor(rnd() * 600));
    const age = 18 + Math.floor(rnd() * 47);
    const { municipality: _m, ...member } = EXAMPLE_MEMBER_INPUT.member;
    const input = {
      ...EXAMPLE_MEMBER_INPUT,
      member: { ...member, age, gender: rnd() < 0.5 ? 'kvinde' : 'mand', region: regions[Math.floor(rnd() * regions.length)] },
    };
    const version = rnd() < 0.75 ? ACTIVE : OTHER;
    const p = rnd() < 0.02 ? 0 : 0.02 + 0.9 * rnd() ** 2;
    const group = p >= 0.25 ? 2 : 1;
    const screening = async (date: string, prob: number) =>
      repo.createScreening(
        {
          citizenKey,
          modelVersion: version,
          input,
          probability: prob,
          linearPredictor: prob === 0 ? -40 : Math.log(prob / (1 - prob)),
          targetGroup: prob >= 0.25 ? 2 : 1,
          subgroup: prob >= 0.25 ? '2a' : null,
          jobCentreReferral: false,
          factors: [],
          activities: [],
          caseworkerId: 'cw-1',
          benefitPeriodStart: start,
          screeningDate: date,
          occasion: 'first_interview',
        },
        { clientId: 'test', fundId: fund },
      );
    // A later screening of the same period is stored first: the first by date still wins.
    if (i % 7 === 0) await screening(addDays(start, 60), 0.5);
    const { screening: first } = await screening(addDays(start, 10), p);
    if (i % 4 === 0) {
      await repo.addAssessment(
        { screeningId: first.id, correctedTargetGroup: i % 8 === 0 ? (group === 2 ? 1 : 2) : group, reason: null, caseworkerId: 'cw-1' },
        { clientId: 'test', fundId: fund },
      );
    }
    if (i % 3 === 0) {
      await sql(
        `INSERT INTO shadow_scores (screening_id, model_version, fund_id, created_at, probability, linear_predictor, target_group)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [first.id, SHADOW, fund, '2025-01-01T00:00:00.000Z', Math.min(0.99, p * 1.1 + 0.01), 0, p >= 0.2 ? 2 : 1],
      );
    }
    const u = rnd();
    const outcome = async (revision: number, state: string, longTerm: number | null) =>
      sql(
        `INSERT INTO outcomes (id, fund_id, citizen_key, benefit_period_start, revision, created_at, long_term_state, long_term, client_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [crypto.randomUUID(), fund, citizenKey, start, revision, `2025-0${revision}-01T00:00:00.000Z`, state, longTerm, 'test'],
      );
    const y = rnd() < p ? 1 : 0;
    if (u < 0.7) await outcome(1, 'known', y);
    else if (u < 0.78) {
      // Corrected: the highest revision counts.
      await outcome(1, 'known', 1 - y);
      await outcome(2, 'known', y);
    } else if (u < 0.86) await outcome(1, 'pending', null);
    else if (u < 0.9) await outcome(1, 'not_given', null);
    periods.push({ fund, citizenKey, start, age });
  }
  return periods;
}

/** The export a fund would make: first screening and current outcome per period, chosen in JavaScript. */
async function exportCsv(sql: Sql, version: string, fund: string | null, file: string, keep: (age: number) => boolean = () => true) {
  const screenings = await sql(
    'SELECT seq, fund_id, citizen_key, benefit_period_start, screening_date, created_at, probability, model_version FROM screenings',
    [],
  );
  const outcomes = await sql('SELECT fund_id, citizen_key, benefit_period_start, revision, long_term_state, long_term FROM outcomes', []);
  const date = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const time = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
  const first = new Map<string, Record<string, unknown>>();
  for (const s of screenings) {
    const k = `${s.fund_id}|${s.citizen_key}|${date(s.benefit_period_start)}`;
    const f = first.get(k);
    const key = (r: Record<string, unknown>) => [date(r.screening_date), time(r.created_at), Number(r.seq)] as const;
    if (f === undefined) first.set(k, s);
    else {
      const [a, b] = [key(s), key(f)];
      if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) first.set(k, s);
    }
  }
  const current = new Map<string, Record<string, unknown>>();
  for (const o of outcomes) {
    const k = `${o.fund_id}|${o.citizen_key}|${date(o.benefit_period_start)}`;
    if (!current.has(k) || Number(current.get(k)!.revision) < Number(o.revision)) current.set(k, o);
  }
  const ageOf = new Map(periodsByKey.entries());
  const lines = ['probability,long_term'];
  const rows = [...first.entries()]
    .filter(([, s]) => s.model_version === version && (fund === null || s.fund_id === fund))
    // Period order (fund, citizen key, first day), the order monitor and export-screenings read periods in.
    .sort(([, a], [, b]) => {
      const [x, y] = [a, b].map((r) => [String(r.fund_id), String(r.citizen_key), date(r.benefit_period_start)]);
      const k = x.findIndex((v, i) => v !== y[i]);
      return k < 0 ? 0 : x[k] < y[k] ? -1 : 1;
    });
  for (const [k, s] of rows) {
    const o = current.get(k);
    if (o === undefined || o.long_term_state !== 'known') continue;
    if (addDays(date(s.benefit_period_start), 364) > AS_OF) continue;
    if (!keep(ageOf.get(k)!)) continue;
    lines.push(`${String(Number(s.probability))},${Number(o.long_term)}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return lines.length - 1;
}

const periodsByKey = new Map<string, number>();

async function calibrate(file: string) {
  const out = `${file}.json`;
  const r = await runCli(['calibrate', '--predictions', file, '--outcome', 'long_term', '--probability', 'probability', '--json', out]);
  expect(r.code, r.stderr).toBe(0);
  const { input: _input, ...metrics } = JSON.parse(readFileSync(out, 'utf8'));
  return metrics;
}

describe.each(databaseKinds())('monitor equals calibrate on the same rows (%s)', (kind) => {
  it('overall, per group and per fund, to the bit', async () => {
    let storage: StorageConfig;
    let sql: Sql;
    let cleanup: () => Promise<void>;
    let cliDatabase: string[];
    if (kind === 'postgres') {
      const schema = randomSchemaName();
      storage = { kind: 'postgres', url: TEST_DATABASE_URL, schema };
      const client = await rawClient(schema);
      sql = async (text, params) => {
        let i = 0;
        return (
          await client.query(
            text.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows;
      };
      cleanup = async () => {
        await client.end();
        await dropSchema(schema);
      };
      cliDatabase = ['--database', TEST_DATABASE_URL, '--schema', schema];
    } else {
      const path = join(dir, `m-${kind}.sqlite`);
      storage = { kind: 'sqlite', path };
      const Database = (await import('better-sqlite3')).default;
      let db: InstanceType<typeof Database> | undefined;
      sql = async (text, params) => {
        db ??= new Database(path);
        const st = db.prepare(text);
        if (st.reader) return st.all(...(params as never[])) as Record<string, unknown>[];
        st.run(...(params as never[]));
        return [];
      };
      cleanup = async () => {
        db?.close();
      };
      cliDatabase = ['--database', `sqlite:${path}`];
    }
    const repo = await openRepository(storage);
    try {
      const periods = await fill(repo, sql);
      for (const p of periods) periodsByKey.set(`${p.fund}|${p.citizenKey}|${p.start}`, p.age);

      const json = join(dir, `monitor-${kind}.json`);
      const html = join(dir, `monitor-${kind}.html`);
      const r = await runCli([
        'monitor',
        ...cliDatabase,
        '--models',
        join(root, 'models'),
        '--as-of',
        AS_OF,
        '--out',
        html,
        '--json',
        json,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(readFileSync(json, 'utf8')) as MonitoringReport;
      expect(report.screenings).toBe(periods.length);
      const active = report.versions.find((v) => v.model_version === ACTIVE)!;
      expect(active.screenings + report.versions.find((v) => v.model_version === OTHER)!.screenings).toBe(periods.length);

      for (const version of [ACTIVE, OTHER]) {
        const v = report.versions.find((x) => x.model_version === version)!;
        const csv = join(dir, `${kind}-${version}.csv`);
        const n = await exportCsv(sql, version, null, csv);
        expect(n).toBeGreaterThan(20);
        expect(v.outcomes_known).toBe(n);
        expect(v.pending).toBe(v.screenings - n);
        expect(v.calibration).toEqual(await calibrate(csv));
      }

      // The report's age bands: each group's figures are calibrate's on that group's rows.
      const bands: [string, (age: number) => boolean][] = [
        ['30-39', (a) => a >= 30 && a < 40],
        ['50-54', (a) => a >= 50 && a < 55],
      ];
      const ageAudit = active.groups!.attributes.find((a) => a.attribute === 'age')!;
      for (const [band, keep] of bands) {
        const csv = join(dir, `${kind}-band-${band}.csv`);
        await exportCsv(sql, ACTIVE, null, csv, keep);
        const g = ageAudit.groups.find((x) => x.group === band)!;
        expect(g.suppressed).toBe(false);
        const expected = await calibrate(csv);
        for (const [key, value] of Object.entries(expected)) expect((g as unknown as Record<string, unknown>)[key], key).toEqual(value);
      }
      // Drift against the bundled model's training distribution, over every period it screened; unavailable
      // for a model whose artifact is not there.
      expect(active.drift).toMatchObject({ available: true, rows: active.screenings - active.input_unreadable });
      expect(report.versions.find((v) => v.model_version === OTHER)!.drift.available).toBe(false);
      // The shadow model is reported on the same members as the active one.
      const shadow = active.shadows.find((s) => s.model_version === SHADOW)!;
      expect(shadow.outcomes_known).toBe(shadow.calibration!.n);
      expect(shadow.active_calibration!.n).toBe(shadow.calibration!.n);
      // Overrides: every eighth period was set to the other group.
      expect(active.overrides.overall.overridden).toBeGreaterThan(0);
      expect(active.overrides.overall.assessed).toBeGreaterThanOrEqual(active.overrides.overall.overridden!);

      // One fund only.
      const fundJson = join(dir, `monitor-${kind}-42.json`);
      const f = await runCli([
        'monitor',
        ...cliDatabase,
        '--models',
        join(root, 'models'),
        '--as-of',
        AS_OF,
        '--fund',
        '42',
        '--out',
        html,
        '--json',
        fundJson,
      ]);
      expect(f.code, f.stderr).toBe(0);
      const fundReport = JSON.parse(readFileSync(fundJson, 'utf8')) as MonitoringReport;
      const csv42 = join(dir, `${kind}-42.csv`);
      await exportCsv(sql, ACTIVE, '42', csv42);
      expect(fundReport.versions.find((v) => v.model_version === ACTIVE)!.calibration).toEqual(await calibrate(csv42));

      // No citizen key or per-person value in either output.
      const text = readFileSync(json, 'utf8') + readFileSync(html, 'utf8');
      for (const p of periods.slice(0, 20)) expect(text).not.toContain(p.citizenKey);
      expect(text).not.toMatch(/[0-9a-f]{64}/);
    } finally {
      await repo.close();
      await cleanup();
    }
  }, 120_000);
});
