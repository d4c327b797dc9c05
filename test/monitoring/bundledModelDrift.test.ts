/**
 * Out of the box: the service with its bundled default model and development keys, as `npm start` runs
 * it, monitors drift. Simulated members screened through the API are compared with the training
 * distribution the bundled artifact records; the simulator made both, so every input is stable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCohort } from '../../src/data/simulate/cohort.js';
import type { MonitoringReport } from '../../src/monitoring/monitor.js';
import { DEFAULT_MODEL_VERSION } from '../../src/service/config.js';
import { readRows } from '../data/simulate/helpers.js';
import { auth, KEYS, startApp, type TestApp } from '../service/helpers.js';
import { fictitiousCprNumbers, screeningRequestOf } from '../support/simulatedMembers.js';

const dir = mkdtempSync(join(tmpdir(), 'lp-bundled-drift-'));
let t: TestApp;
let screened = 0;

beforeAll(async () => {
  const spells = join(dir, 'spells.csv');
  await simulateCohort({ n: 600, seed: 41, spellsPath: spells });
  // No MODEL_DIR or ACTIVE_MODEL_VERSION: the bundled models and the default active one.
  t = await startApp('sqlite', { MONITORING_REFRESH_SECONDS: '0', RATE_LIMIT_MAX: '100000000' });
  const cprs = fictitiousCprNumbers();
  // Every spell: education, DISCO code and industry the simulator leaves missing go as null (unknown),
  // as the training rows had them; no barriers is an empty list, and the outcome is not sent.
  const nullable = new Set(['education', 'disco_code', 'industry', 'q10_barriers', 'long_term']);
  for (const r of readRows(spells)) {
    expect(Object.entries(r).filter(([k, v]) => v === '' && !nullable.has(k))).toEqual([]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: auth(KEYS.create),
      payload: screeningRequestOf(r, cprs.next().value as string),
    });
    expect(res.statusCode, res.body).toBe(201);
    screened++;
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bundled model out of the box', () => {
  it('shows drift of every input and of the score against its training distribution', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/monitoring', headers: auth(KEYS.monitor) });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as MonitoringReport;
    expect(r.versions.map((v) => v.model_version)).toEqual([DEFAULT_MODEL_VERSION]);
    const drift = r.versions[0].drift;
    expect(drift.available, JSON.stringify(drift)).toBe(true);
    if (!drift.available) return;
    expect(screened).toBeGreaterThan(300);
    expect(drift.rows).toBe(screened);
    expect(drift.inputs.length).toBeGreaterThan(10);
    for (const x of [...drift.inputs, drift.score]) expect(x.psi ?? 0, JSON.stringify(x)).toBeLessThan(0.25);
  });
});
