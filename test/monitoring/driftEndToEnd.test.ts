/**
 * Drift end to end: a model trained on the simulator's baseline cohort (its artifact records the
 * training distribution) serves screenings of a recession cohort in fund 15 and of a fresh baseline
 * cohort in fund 42, through the API; outcomes go into the outcomes table by plain SQL. GET
 * /v1/monitoring shows the recession's drift (PSI above 0.25 for age and from_sickness_benefit) to fund
 * 15 and a stable baseline to the operator asking for fund 42; the gauges carry the same figures, and
 * the crossing is logged as a warning once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCohort } from '../../src/data/simulate/cohort.js';
import { writeArtifact } from '../../src/model/artifact/artifactFile.js';
import { readFeatureSpec } from '../../src/model/spec/readSpec.js';
import { readTrainingTable } from '../../src/model/training/trainingTable.js';
import { trainModel } from '../../src/model/training/trainModel.js';
import type { MonitoringReport } from '../../src/monitoring/monitor.js';
import { readRows } from '../data/simulate/helpers.js';
import { trainOptions } from '../model/helpers.js';
import { auth, logCapture, startApp, type TestApp } from './../service/helpers.js';
import { fictitiousCprNumbers, screeningRequestOf } from '../support/simulatedMembers.js';

const root = new URL('../../', import.meta.url).pathname;
const VERSION = 'sim-drift-1';
const KEYS = {
  create15: 'drift-create-15-000000000000000000000000',
  create42: 'drift-create-42-000000000000000000000000',
  monitor15: 'drift-monitor-15-00000000000000000000000',
  operator: 'drift-monitor-all-0000000000000000000000',
  admin: 'drift-admin-0000000000000000000000000000',
};
const API_KEYS = JSON.stringify([
  { id: 'create-15', key: KEYS.create15, roles: ['screening:create'], fund: '15' },
  { id: 'create-42', key: KEYS.create42, roles: ['screening:create'], fund: '42' },
  { id: 'monitor-15', key: KEYS.monitor15, roles: ['monitor:read'], fund: '15' },
  { id: 'monitor-all', key: KEYS.operator, roles: ['monitor:read'] },
  { id: 'admin', key: KEYS.admin, roles: ['admin'] },
]);

const dir = mkdtempSync(join(tmpdir(), 'lp-drift-'));
let t: TestApp;
const log = logCapture();

const cprSource = fictitiousCprNumbers();

async function screenCohort(rows: Record<string, string>[], key: string, fund: string): Promise<void> {
  for (const r of rows) {
    const cpr = cprSource.next().value as string;
    const res = await t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(key), payload: screeningRequestOf(r, cpr) });
    expect(res.statusCode, res.body).toBe(201);
    const citizenKey = t.app.citizenKeyOf(cpr);
    await sql(
      `INSERT INTO outcomes (id, fund_id, citizen_key, benefit_period_start, revision, created_at, long_term_state, long_term, client_id)
       VALUES (?, ?, ?, ?, 1, ?, 'known', ?, 'test')`,
      [crypto.randomUUID(), fund, citizenKey, r.spell_start, '2020-01-01T00:00:00.000Z', Number(r.long_term)],
    );
  }
}

let sql: (text: string, params: unknown[]) => Promise<void>;

beforeAll(async () => {
  const baseline = join(dir, 'baseline.csv');
  await simulateCohort({ n: 4000, seed: 11, spellsPath: baseline });
  const spec = await readFeatureSpec(join(root, 'training/default-spec.json'));
  const table = await readTrainingTable(baseline, spec);
  const artifact = trainModel(table, spec, trainOptions({ version: VERSION, cutoff: { flagShare: 0.2 } })).artifact;
  const models = join(dir, 'models');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(models);
  await writeArtifact(join(models, `${VERSION}.json`), artifact);

  const recession = join(dir, 'recession.csv');
  await simulateCohort({ n: 300, seed: 12, spellsPath: recession, scenario: 'recession' });
  const fresh = join(dir, 'fresh.csv');
  await simulateCohort({ n: 300, seed: 13, spellsPath: fresh });

  t = await startApp(
    'sqlite',
    {
      API_KEYS,
      MODEL_DIR: models,
      ACTIVE_MODEL_VERSION: VERSION,
      MONITORING_REFRESH_SECONDS: '3600',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000000',
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
    },
    { logDestination: log.stream },
  );
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dir, 'db.sqlite'));
  sql = async (text, params) => {
    db.prepare(text).run(...(params as never[]));
  };
  // Spells with a label and every answer the API requires (the simulator leaves some values missing).
  const labelled = (path: string) =>
    readRows(path).filter(
      (r) => (r.long_term === '0' || r.long_term === '1') && Object.entries(r).every(([k, v]) => v !== '' || k === 'q10_barriers'),
    );
  await screenCohort(labelled(recession), KEYS.create15, '15');
  await screenCohort(labelled(fresh), KEYS.create42, '42');
  db.close();
}, 180_000);

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const psi = (r: MonitoringReport, feature: string) => {
  const d = r.versions[0].drift;
  if (!d.available) throw new Error(d.reason);
  return d.inputs.find((i) => i.feature === feature)!;
};

describe('drift of a recession cohort, end to end', () => {
  it("shows fund 15 its recession cohort's drift, and the operator a stable baseline in fund 42", async () => {
    const own = await t.app.inject({ method: 'GET', url: '/v1/monitoring', headers: auth(KEYS.monitor15) });
    expect(own.statusCode, own.body).toBe(200);
    const r15 = own.json() as MonitoringReport;
    expect(r15.selection.fund).toBe('15');
    expect(r15.versions.map((v) => v.model_version)).toEqual([VERSION]);
    expect(psi(r15, 'age').psi).toBeGreaterThan(0.25);
    expect(psi(r15, 'age').reading).toBe('act');
    expect(psi(r15, 'from_sickness_benefit').psi).toBeGreaterThan(0.25);
    // The recession's higher base rate shows as risk underestimated: calibration-in-the-large above 0.
    expect(r15.versions[0].calibration!.calibration_in_the_large!).toBeGreaterThan(0);

    const other = await t.app.inject({ method: 'GET', url: '/v1/monitoring?fund=42', headers: auth(KEYS.operator) });
    expect(other.statusCode, other.body).toBe(200);
    const r42 = other.json() as MonitoringReport;
    expect(r42.selection.fund).toBe('42');
    expect(psi(r42, 'age').psi).toBeLessThan(0.1);
    expect(r42.versions[0].screenings + r15.versions[0].screenings).toBe(
      ((await t.app.inject({ method: 'GET', url: '/v1/monitoring', headers: auth(KEYS.operator) })).json() as MonitoringReport).screenings,
    );
    // A fund's client cannot ask for another fund.
    const refused = await t.app.inject({ method: 'GET', url: '/v1/monitoring?fund=42', headers: auth(KEYS.monitor15) });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    // No citizen key in the answer.
    expect(own.body).not.toMatch(/[0-9a-f]{64}/);
    // Audited.
    const audit = await t.repository.listAudit({ fundId: '15', action: 'monitoring.read', limit: 10 });
    expect(audit.entries.length).toBeGreaterThanOrEqual(1);
    expect(audit.entries[0].clientId).toBe('monitor-15');
  });

  it('refuses bad query parameters with problem+json naming the field', async () => {
    for (const [query, field] of [
      ['from=2025-02-30', 'from'],
      ['asOf=2999-01-01', 'asOf'],
      ['from=2025-05-01&to=2025-01-01', 'to'],
      ['fund=015', 'fund'],
      ['colour=red', ''],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/monitoring?${query}`, headers: auth(KEYS.operator) });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('sets the Prometheus gauges and warns once per crossing', async () => {
    const report = await t.app.monitoring!.runOnce();
    expect(report).not.toBeNull();
    await t.app.monitoring!.runOnce();
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: auth(KEYS.admin) });
    const line = metrics.body.split('\n').find((l) => l.startsWith(`ledighedsprofil_psi{model_version="${VERSION}",input="age"}`));
    expect(line).toBeDefined();
    expect(Number(line!.split(' ').pop())).toBeGreaterThan(0.1);
    expect(metrics.body).toMatch(new RegExp(`ledighedsprofil_live_calibration_slope\\{model_version="${VERSION}"\\} [0-9.]+`));
    expect(metrics.body).toContain('ledighedsprofil_target_group_2_share');
    // Every fund together: each input above 0.25 is warned about once, though two refreshes saw it.
    const drift = report!.versions[0].drift;
    if (!drift.available) throw new Error(drift.reason);
    const acting = drift.inputs.filter((i) => i.psi !== null && i.psi > 0.25).map((i) => i.feature);
    expect(acting.length).toBeGreaterThan(0);
    for (const input of acting) {
      const warnings = log.lines.filter((l) => l.includes('population stability index above 0.25') && l.includes(`"input":"${input}"`));
      expect(warnings, input).toHaveLength(1);
    }
  });
});
