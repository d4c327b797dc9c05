/**
 * Closing the loop (issue 9), once on SQLite and once on PostgreSQL, against real service processes on
 * 127.0.0.1: simulate a cohort with weekly hours → screen its members through the API → post their
 * hours as register extracts → `monitor` gives exactly `calibrate`'s figures on the same rows → a
 * recession cohort raises the population stability index above 0.25, in `monitor` and in the gauge →
 * `export-screenings` → `train` on the export → `compare` → publish → shadow (the new screenings get
 * shadow scores) → activate → every instance (two on one PostgreSQL schema) serves the new version
 * within 5 s. The pieces are proven in their own tests; this one proves that they fit together.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { MonitoringReport } from '../../src/monitoring/monitor.js';
import { runCli } from '../cli/runCli.js';
import { startServiceProcess, type ServiceProcess } from '../faults/serviceProcess.js';
import { databaseKinds, type DatabaseKind, KEYS } from '../service/helpers.js';
import { within } from '../service/lifecycleHelpers.js';
import { fictitiousCprNumbers, screeningRequestOf } from '../support/simulatedMembers.js';
import { dropSchema, randomSchemaName, rawClient, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';

const spec = new URL('../../training/default-spec.json', import.meta.url).pathname;
const OLD = 'loop-old-1';
const NEW = 'loop-new-1';
/** The monitoring day: every simulated period (2014–2017) has its 52 weeks over by then. */
const AS_OF = '2026-12-01';
/** The simulated hours end with this ISO week; every extract says so, as `label` reads the hours file's last week. */
const THROUGH = '201826';
const LIVE_N = 2000;
const RECESSION_N = 4000;
const SHADOW_N = 40;
const CHUNK = 500;

const dir = mkdtempSync(join(tmpdir(), 'lp-loop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, string>;
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];

/** A simulated spell as the create's request, by the loop's caseworker at the first interview. */
function requestOf(r: Row, cpr: string) {
  return { ...screeningRequestOf(r, cpr), caseworkerId: 'sb-loop', occasion: 'first_interview' };
}

/** Runs `work` over `items` with at most `width` at a time, results in the items' order. */
async function pool<T, R>(items: T[], width: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i], i);
    }),
  );
  return out;
}

/** POSTs JSON to a service; the answer's body is read as `T` (checked by the test's assertions). */
async function post<T>(base: string, key: string, path: string, body: unknown): Promise<{ status: number; json: T }> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as T };
}

/** The part of POST /v1/outcomes/batch's answer the test reads. */
interface OutcomeBatchAnswer {
  created: number;
  results: { index: number; longTermState: string; longTerm: boolean | null }[];
}

interface Created {
  id: string;
  modelVersion: string;
  probability: number;
}

/** Creates one screening per row, spread over the instances; every answer must be 201. */
async function screen(instances: ServiceProcess[], rows: Row[], cprs: string[], key: string = KEYS.create): Promise<Created[]> {
  return pool(rows, 4, async (r, i) => {
    const res = await post<Created>(instances[i % instances.length].base, key, '/v1/screenings', requestOf(r, cprs[i]));
    if (res.status !== 201) throw new Error(`screening ${i}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  });
}

/** Raw SQL on the service's database, with ? placeholders. */
type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Read access to the service's database beside the running services (SQLite in WAL mode allows it). */
async function sqlFor(kind: DatabaseKind, where: { path: string; schema: string }): Promise<{ sql: Sql; end(): Promise<void> }> {
  if (kind === 'postgres') {
    const client = await rawClient(where.schema);
    return {
      sql: async (text, params = []) => {
        let i = 0;
        return (
          await client.query(
            text.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows;
      },
      end: () => client.end(),
    };
  }
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(where.path, { readonly: true });
  return {
    sql: async (text, params = []) => db.prepare(text).all(...(params as never[])) as Record<string, unknown>[],
    end: async () => {
      db.close();
    },
  };
}

/** The model version an instance scores with now (POST /v1/score stores nothing). */
async function servedVersion(s: ServiceProcess, member: ReturnType<typeof requestOf>): Promise<string> {
  const { cpr: _cpr, caseworkerId: _c, occasion: _o, benefitPeriodStart: _b, screeningDate: _s, ...scored } = member;
  const r = await post<{ results: { modelVersion: string }[] }>(s.base, KEYS.create, '/v1/score', { members: [scored] });
  return r.json.results[0].modelVersion;
}

describe.each(databaseKinds())('closing the loop (%s)', (kind) => {
  it('simulate → screen → outcomes → monitor = calibrate → drift → export → train → compare → publish → shadow → activate', async () => {
    const d = join(dir, kind);
    mkdirSync(d);
    const f = (name: string) => join(d, name);
    const cli = async (...args: string[]) => {
      const r = await runCli(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
      return r;
    };

    // 0. The model in service: trained on a simulated baseline cohort, so its artifact records the
    //    training distribution that drift is measured against.
    const models = f('models');
    mkdirSync(models);
    await cli('simulate', '--n', '4000', '--seed', '31', '--out', f('train.csv'));
    await cli(
      'train',
      '--data',
      f('train.csv'),
      '--spec',
      spec,
      '--simulated',
      '--model-version',
      OLD,
      '--out',
      join(models, `${OLD}.json`),
      '--quiet',
    );

    // 1. The live cohort with its weekly hours, labelled by `label` as the independent reference.
    await cli('simulate', '--n', String(LIVE_N), '--seed', '32', '--out', f('live.csv'), '--hours-out', f('hours.csv'));
    await cli('label', '--spells', f('live.csv'), '--hours', f('hours.csv'), '--out', f('labelled.csv'), '--last-week', THROUGH);
    const live = csv(f('live.csv'));
    expect(live).toHaveLength(LIVE_N);
    const labelOf = new Map(csv(f('labelled.csv')).map((r) => [r.spell_id, r.long_term]));

    // The services: one on a SQLite file, or two processes on one PostgreSQL schema. Instance A also
    // refreshes the monitoring gauges every 3 s.
    const schema = randomSchemaName();
    const path = f('service.sqlite');
    const database = kind === 'postgres' ? ['--database', TEST_DATABASE_URL, '--schema', schema] : ['--database', `sqlite:${path}`];
    const env = {
      ...(kind === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } : { DATABASE_URL: `sqlite:${path}` }),
      MODEL_DIR: models,
      ACTIVE_MODEL_VERSION: OLD,
      RATE_LIMIT_MAX: '10000000',
    };
    const instances: ServiceProcess[] = [];
    let db: Awaited<ReturnType<typeof sqlFor>> | undefined;
    try {
      instances.push(await startServiceProcess({ ...env, MONITORING_REFRESH_SECONDS: '3' }));
      if (kind === 'postgres') instances.push(await startServiceProcess({ ...env, MONITORING_REFRESH_SECONDS: '0' }));
      const [a] = instances;
      db = await sqlFor(kind, { path, schema });
      const cprSource = fictitiousCprNumbers();
      const cprs = (n: number) => Array.from({ length: n }, () => cprSource.next().value as string);

      // 2. A screening for every member, through the API (on PostgreSQL alternately on each instance).
      const liveCprs = cprs(live.length);
      const screened = await screen(instances, live, liveCprs);
      expect(new Set(screened.map((s) => s.modelVersion))).toEqual(new Set([OLD]));

      // 3. Their weekly hours, as register extracts in chunks; the service labels them as `label` did.
      const hoursOf = new Map<string, { week: string; hours: number }[]>();
      for (const h of csv(f('hours.csv'))) {
        const weeks = hoursOf.get(h.spell_id) ?? [];
        hoursOf.set(h.spell_id, weeks);
        weeks.push({ week: h.year_week, hours: Number(h.hours) });
      }
      let known = 0;
      for (let start = 0; start < live.length; start += CHUNK) {
        const chunk = live.slice(start, start + CHUNK);
        const body = chunk.map((r, j) => ({
          cpr: liveCprs[start + j],
          benefitPeriodStart: r.spell_start,
          weeklyHours: hoursOf.get(r.spell_id) ?? [],
          hoursThroughWeek: THROUGH,
        }));
        const res = await post<OutcomeBatchAnswer>(a.base, KEYS.outcomes, '/v1/outcomes/batch', body);
        expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(200);
        expect(res.json.created).toBe(chunk.length);
        for (const [j, r] of chunk.entries()) {
          const result = res.json.results[j];
          const label = labelOf.get(r.spell_id);
          if (label === undefined) expect(result.longTermState, r.spell_id).toBe('pending');
          else {
            expect([result.longTermState, result.longTerm], r.spell_id).toEqual(['known', label === '1']);
            known++;
          }
        }
      }
      expect(known).toBeGreaterThan(live.length / 2);
      expect(known).toBeLessThan(live.length);

      // 4. `monitor` gives calibrate's figures on the same rows: the API's probabilities and `label`'s
      //    labels, in the order the screenings were stored.
      const monitor = async (name: string, ...extra: string[]) => {
        await cli(
          'monitor',
          ...database,
          '--models',
          models,
          '--as-of',
          AS_OF,
          '--out',
          f(`${name}.html`),
          '--json',
          f(`${name}.json`),
          ...extra,
        );
        return JSON.parse(readFileSync(f(`${name}.json`), 'utf8')) as MonitoringReport;
      };
      const first = await monitor('monitor-1');
      const v1 = first.versions.find((v) => v.model_version === OLD)!;
      expect(first.screenings).toBe(live.length);
      expect([v1.screenings, v1.outcomes_known, v1.pending]).toEqual([live.length, known, live.length - known]);
      // Monitor reads periods in period order (fund, citizen key, first day): the CSV follows it.
      const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
      const periodOf = new Map(
        (await db.sql('SELECT id, fund_id, citizen_key, benefit_period_start FROM screenings')).map((r) => [
          String(r.id),
          [String(r.fund_id), String(r.citizen_key), day(r.benefit_period_start)],
        ]),
      );
      const byPeriod = (a: string[], b: string[]) => {
        const k = a.findIndex((v, j) => v !== b[j]);
        return k < 0 ? 0 : a[k] < b[k] ? -1 : 1;
      };
      const stored = live
        .map((r, i) => ({ period: periodOf.get(screened[i].id)!, p: screened[i].probability, y: labelOf.get(r.spell_id) }))
        .filter((x) => x.y !== undefined)
        .sort((x, y) => byPeriod(x.period, y.period));
      writeFileSync(f('predictions.csv'), `probability,long_term\n${stored.map((x) => `${x.p},${x.y}`).join('\n')}\n`);
      await cli(
        'calibrate',
        '--predictions',
        f('predictions.csv'),
        '--outcome',
        'long_term',
        '--probability',
        'probability',
        '--json',
        f('calibrate.json'),
      );
      const { input: _input, ...calibrated } = JSON.parse(readFileSync(f('calibrate.json'), 'utf8'));
      expect(calibrated.n).toBe(known);
      expect(v1.calibration).toEqual(calibrated);
      // The live baseline is the training population: every input is stable.
      if (!v1.drift.available) throw new Error(v1.drift.reason);
      for (const i of v1.drift.inputs) expect(i.psi!, i.feature).toBeLessThan(0.1);

      // 5. A recession cohort (in fund 42) screened with the same model: the population stability index
      //    passes 0.25, in `monitor` for that fund, for every fund together, and in the service's gauge.
      await cli('simulate', '--n', String(RECESSION_N), '--seed', '33', '--scenario', 'recession', '--out', f('recession.csv'));
      const recession = csv(f('recession.csv'));
      await screen(instances, recession, cprs(recession.length), KEYS.otherFund);
      const psiOf = (r: MonitoringReport) => {
        const drift = r.versions.find((v) => v.model_version === OLD)!.drift;
        if (!drift.available) throw new Error(drift.reason);
        return new Map(drift.inputs.map((i) => [i.feature, i]));
      };
      const fund42 = psiOf(await monitor('monitor-42', '--fund', '42'));
      for (const input of ['age', 'from_sickness_benefit']) {
        expect(psiOf(first).get(input)!.psi!, input).toBeLessThan(0.1);
        expect(fund42.get(input)!.psi!, input).toBeGreaterThan(0.25);
        expect(fund42.get(input)!.reading, input).toBe('act');
      }
      const second = await monitor('monitor-2');
      expect(second.screenings).toBe(live.length + recession.length);
      // Every fund together (the gauges' scope): an input stable before is above 0.25 now.
      const raised = [...psiOf(second).values()].filter((i) => i.psi !== null && i.psi > 0.25 && psiOf(first).get(i.feature)!.psi! < 0.1);
      expect(raised.map((i) => i.feature)).toContain('from_sickness_benefit');
      const moved = raised.find((i) => i.feature === 'from_sickness_benefit')!;
      // The gauge shows the same figure once a refresh has seen every period (it runs every 3 s).
      const gauge = async () => {
        const m = await fetch(`${a.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.operator}` } });
        const line = (await m.text())
          .split('\n')
          .find((l) => l.startsWith(`ledighedsprofil_psi{model_version="${OLD}",input="${moved.feature}"}`));
        return line === undefined ? null : Number(line.split(' ').pop());
      };
      await within(30_000, async () => (await gauge()) === moved.psi, 'the PSI gauge shows the recession');
      expect(await gauge()).toBeGreaterThan(0.25);

      // 6. The export of the screened periods with known outcomes trains a new model; compare it with the old.
      const exported = await cli('export-screenings', ...database, '--fund', '15', '--out', f('export.csv'));
      expect(exported.stdout).toContain(`${known} benefit periods`);
      const exportRows = csv(f('export.csv'));
      expect(exportRows).toHaveLength(known);
      expect(exportRows.filter((r) => r.long_term === '1').length).toBe(stored.filter((x) => x.y === '1').length);
      const newModel = f('new.json');
      await cli('train', '--data', f('export.csv'), '--spec', spec, '--simulated', '--model-version', NEW, '--out', newModel, '--quiet');
      const artifact = JSON.parse(readFileSync(newModel, 'utf8'));
      expect([artifact.version, artifact.training.rows]).toEqual([NEW, known]);
      await cli('simulate', '--n', '1500', '--seed', '34', '--out', f('validation.csv'));
      const compared = await cli(
        'compare',
        '--model',
        join(models, `${OLD}.json`),
        '--model',
        newModel,
        '--data',
        f('validation.csv'),
        '--json',
        f('compare.json'),
      );
      const comparison = JSON.parse(readFileSync(f('compare.json'), 'utf8'));
      expect(comparison.rows + comparison.unscorable.either).toBe(csv(f('validation.csv')).length);
      expect(comparison.rows).toBeGreaterThan(1000);
      for (const m of comparison.models) expect(m.auc).toBeGreaterThan(0.6);
      expect(compared.stdout).toContain(OLD);
      expect(compared.stdout).toContain(NEW);

      // 7. Publish → shadow: new screenings get the new model's shadow scores → activate: every instance
      //    serves the new version within 5 s.
      const keyFile = f('operator.key');
      writeFileSync(keyFile, `${KEYS.operator}\n`);
      const operator = (...args: string[]) => cli(...args, '--url', a.base, '--key-file', keyFile);
      expect((await operator('publish', '--model', newModel)).stdout).toMatch(new RegExp(`^published ${NEW} \\(checksum`));
      expect((await operator('shadow', 'start', '--version', NEW, '--reason', 'beside the old model')).stdout).toContain(
        `active ${OLD}, shadow ${NEW}`,
      );
      const ready = async (s: ServiceProcess) =>
        (await (await fetch(`${s.base}/health/ready`)).json()) as { activeModel: string; shadowModel: string | null };
      await within(
        5000,
        async () => (await Promise.all(instances.map(ready))).every((r) => r.shadowModel === NEW),
        'every instance shadows',
      );
      const shadowMembers = live.slice(0, SHADOW_N);
      const shadowCprs = cprs(SHADOW_N);
      const shadowed = await screen(instances, shadowMembers, shadowCprs);
      expect(new Set(shadowed.map((s) => s.modelVersion))).toEqual(new Set([OLD]));
      const shadowRows = await db.sql('SELECT screening_id, model_version FROM shadow_scores');
      expect(shadowRows.map((r) => String(r.screening_id)).sort()).toEqual(shadowed.map((s) => s.id).sort());
      expect(new Set(shadowRows.map((r) => r.model_version))).toEqual(new Set([NEW]));
      // Their outcomes too: monitoring then compares the shadow and the active model on the same periods.
      const shadowOutcomes = await post<OutcomeBatchAnswer>(
        a.base,
        KEYS.outcomes,
        '/v1/outcomes/batch',
        shadowMembers.map((r, j) => ({
          cpr: shadowCprs[j],
          benefitPeriodStart: r.spell_start,
          weeklyHours: hoursOf.get(r.spell_id) ?? [],
          hoursThroughWeek: THROUGH,
        })),
      );
      expect(shadowOutcomes.status).toBe(200);
      const shadowKnown = shadowMembers.filter((r) => labelOf.has(r.spell_id)).length;
      expect(shadowKnown).toBeGreaterThan(SHADOW_N / 2);
      const third = await monitor('monitor-3');
      const shadowReport = third.versions.find((v) => v.model_version === OLD)!.shadows;
      expect(shadowReport.map((s) => [s.model_version, s.screenings, s.outcomes_known])).toEqual([[NEW, SHADOW_N, shadowKnown]]);
      expect([shadowReport[0].calibration?.n, shadowReport[0].active_calibration?.n]).toEqual([shadowKnown, shadowKnown]);

      const member = requestOf(live[0], liveCprs[0]);
      expect((await operator('activate', '--version', NEW, '--reason', 'validated on the live export')).stdout).toContain(`active ${NEW}`);
      // Within 5 s of the activation for every instance together, not one after the other.
      await within(
        5000,
        async () => (await Promise.all(instances.map((s) => servedVersion(s, member)))).every((v) => v === NEW),
        `every instance serves ${NEW}`,
      );
      for (const s of instances) expect((await ready(s)).activeModel).toBe(NEW);
      const after = await screen(instances, recession.slice(0, instances.length), cprs(instances.length));
      expect(after.map((s) => s.modelVersion)).toEqual(instances.map(() => NEW));
    } finally {
      await db?.end();
      await Promise.all(instances.map((s) => s.kill()));
      if (kind === 'postgres') await dropSchema(schema);
    }
  }, 240_000);
});
