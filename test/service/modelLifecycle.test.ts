/**
 * The model life cycle on one SQLite file: publish over the API (validated, checksum verified,
 * idempotent, immutable), shadow scoring stored beside the screening and never shown, activation and
 * rollback with who and why in the audit log, a second instance on the same file switching by itself,
 * the operator-only rule, and the production rule for models trained on simulated data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';
import { buildApp } from '../../src/service/app.js';
import { auth, CPR, cprHeader, KEYS, logCapture, sampleMember, testConfig } from './helpers.js';
import { BUNDLED, narrower, raised, variant, within } from './lifecycleHelpers.js';

const root = mkdtempSync(join(tmpdir(), 'lp-lifecycle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const op = auth(KEYS.operator);
const post = (app: FastifyInstance, url: string, payload: unknown, headers = op) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object });
const scoreVersion = async (app: FastifyInstance) =>
  (await app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.create), payload: { members: [sampleMember()] } })).json()
    .results[0].modelVersion as string;

function dirWith(name: string, artifacts: ModelArtifact[], bundled = true): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  if (bundled) copyFileSync(BUNDLED, join(dir, 'sim-2026.12-1.json'));
  for (const a of artifacts) writeFileSync(join(dir, `${a.version}.json`), JSON.stringify(a));
  return dir;
}

describe('the model life cycle on SQLite', () => {
  it('publishes, shadows, activates and rolls back; a second instance on the same database follows within 5 s', async () => {
    const db = join(root, 'cycle.sqlite');
    const env = { DATABASE_URL: `sqlite:${db}`, MODEL_POLL_MS: '100' };
    const a = await buildApp(testConfig(env));
    await a.ready();
    const b = await buildApp(testConfig(env));
    await b.ready();
    try {
      const candidate = raised('sim-2027.01-1');
      // Publishing is the operator's: a fund's admin key is refused, as is a missing key.
      expect((await post(a, '/v1/models', candidate, auth(KEYS.admin))).statusCode).toBe(403);
      expect((await post(a, '/v1/models', candidate, {} as typeof op)).statusCode).toBe(401);

      const published = await post(a, '/v1/models', candidate);
      expect(published.statusCode).toBe(201);
      expect(published.json()).toMatchObject({
        version: 'sim-2027.01-1',
        checksum: candidate.checksum.value,
        simulatedData: true,
        publishedBy: 'example-operator',
        warnings: [],
      });
      const replay = await post(a, '/v1/models', candidate);
      expect(replay.statusCode).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      // Another artifact under a published version, or under the bundled one, is refused.
      const changed = await post(a, '/v1/models', raised('sim-2027.01-1', 0.2));
      expect(changed.statusCode).toBe(409);
      expect(changed.json().type).toBe('urn:ledighedsprofil:problem:model-version-conflict');
      expect((await post(a, '/v1/models', raised('sim-2026.12-1', 0.2))).statusCode).toBe(409);
      // A tampered artifact fails its checksum; something else is not an artifact.
      const tampered = { ...candidate, description: 'edited by hand' };
      const bad = await post(a, '/v1/models', tampered);
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.json().errors).toEqual([{ field: 'checksum', reason: expect.stringMatching(/checksum mismatch/) }]);
      expect((await post(a, '/v1/models', { hello: 'world' })).json().detail).toMatch(/not a ledighedsprofil model/);

      // B learns of the published model by itself, and lists it as published.
      await within(
        5000,
        async () =>
          (await b.inject({ method: 'GET', url: '/v1/models', headers: auth(KEYS.read) }))
            .json()
            .models.some((m: { version: string }) => m.version === 'sim-2027.01-1'),
        'B loads the published model',
      );
      const listed = (await b.inject({ method: 'GET', url: '/v1/models', headers: auth(KEYS.read) })).json();
      expect(listed.models.find((m: { version: string }) => m.version === 'sim-2027.01-1')).toMatchObject({
        source: 'published',
        active: false,
        shadow: false,
      });
      expect(listed).toMatchObject({ active: 'sim-2026.12-1', shadow: null });

      // Shadow: the candidate scores every new screening beside the active one; stored, never shown.
      expect((await post(a, '/v1/models/shadow', { version: 'sim-2027.01-1' })).statusCode).toBe(400);
      const shadowOn = await post(a, '/v1/models/shadow', { version: 'sim-2027.01-1', reason: 'four weeks beside the current model' });
      expect(shadowOn.statusCode).toBe(200);
      expect(shadowOn.json()).toMatchObject({
        active: 'sim-2026.12-1',
        shadow: 'sim-2027.01-1',
        event: { action: 'shadow_start', clientId: 'example-operator' },
      });
      await within(
        5000,
        async () => (await b.inject({ method: 'GET', url: '/health/ready' })).json().shadowModel === 'sim-2027.01-1',
        'B shadows',
      );
      const created = await b.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: auth(KEYS.create),
        payload: { cpr: CPR[0], ...sampleMember() },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().modelVersion).toBe('sim-2026.12-1');
      expect(created.body).not.toContain('sim-2027.01-1');
      const reread = await b.inject({
        method: 'GET',
        url: '/v1/citizen/screening-result',
        headers: { ...auth(KEYS.read), ...cprHeader(CPR[0]) },
      });
      expect(reread.body).not.toContain('sim-2027.01-1');
      const raw = new Database(db, { readonly: true });
      const shadowRows = raw.prepare('SELECT * FROM shadow_scores').all() as Record<string, unknown>[];
      raw.close();
      expect(shadowRows).toHaveLength(1);
      expect(shadowRows[0]).toMatchObject({ screening_id: created.json().id, model_version: 'sim-2027.01-1', fund_id: '15' });
      // The shadow's probability is the candidate's own (a higher intercept: higher than the active one's).
      expect(shadowRows[0].probability as number).toBeGreaterThan(created.json().probability);

      // Activation: A serves it at once, B within 5 s, without a restart.
      const before = created.json().probability as number;
      const act = await post(a, '/v1/models/active', { version: 'sim-2027.01-1', reason: 'validated on the Q3 hold-out' });
      expect(act.statusCode).toBe(200);
      expect(act.json().active).toBe('sim-2027.01-1');
      expect(await scoreVersion(a)).toBe('sim-2027.01-1');
      await within(5000, async () => (await scoreVersion(b)) === 'sim-2027.01-1', 'B serves the activated model');
      const fresh = await b.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: auth(KEYS.create),
        payload: { cpr: CPR[1], ...sampleMember() },
      });
      expect(fresh.json()).toMatchObject({ modelVersion: 'sim-2027.01-1' });
      expect(fresh.json().probability).toBeGreaterThan(before);
      // The old screening keeps its own model and stays explainable with it.
      const old = await b.inject({ method: 'GET', url: `/v1/screenings/${created.json().id}`, headers: auth(KEYS.read) });
      expect(old.json()).toMatchObject({ modelVersion: 'sim-2026.12-1', probability: before });
      const metrics = await b.inject({ method: 'GET', url: '/metrics', headers: op });
      expect(metrics.body).toMatch(/ledighedsprofil_model_serving\{role="active",model_version="sim-2027.01-1",simulated="true"\} 1/);
      expect(metrics.body).toMatch(/ledighedsprofil_shadow_scores_total\{model_version="sim-2027.01-1",outcome="stored"\} 1/);

      // Rollback returns to the version active before; with nothing earlier, it is refused.
      const back = await post(a, '/v1/models/active/rollback', { reason: 'referral rate jumped' });
      expect(back.json()).toMatchObject({ active: 'sim-2026.12-1', event: { action: 'rollback', modelVersion: 'sim-2026.12-1' } });
      await within(5000, async () => (await scoreVersion(b)) === 'sim-2026.12-1', 'B rolls back');
      expect((await post(a, '/v1/models/active/rollback', { reason: 'again' })).statusCode).toBe(409);
      const stop = await post(a, '/v1/models/shadow/stop', { reason: 'comparison over' });
      expect(stop.json()).toMatchObject({ shadow: null });

      // Who and why, in the audit log (the operator's, without a fund) and never a CPR number in a reason.
      const cpr = await post(a, '/v1/models/active', { version: 'sim-2027.01-1', reason: 'asked by 070761-4285' });
      expect(cpr.statusCode).toBe(422);
      expect(cpr.body).not.toContain('070761');
      const audit = (await a.inject({ method: 'GET', url: '/v1/audit?limit=100', headers: op })).json().entries as {
        action: string;
        clientId: string;
        detail: string;
      }[];
      const lifecycle = audit.filter((e) => e.action.startsWith('model.') && e.action !== 'model.read').map((e) => e.action);
      expect(lifecycle).toEqual([
        'model.shadow_stop',
        'model.rollback',
        'model.activate',
        'model.shadow_start',
        // The first publication and its replay (the changed artifacts were refused before storage).
        'model.publish',
        'model.publish',
      ]);
      expect(audit.find((e) => e.action === 'model.activate')).toMatchObject({
        clientId: 'example-operator',
        detail: expect.stringContaining('validated on the Q3 hold-out'),
      });
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('a shadow model that cannot score the member never fails the screening; a model needing an unsupplied input is refused', async () => {
    const dir = dirWith('narrow', [narrower('narrow-1')]);
    const log = logCapture();
    const app = await buildApp(testConfig({ MODEL_DIR: dir, LOG_LEVEL: 'warn' }), { logDestination: log.stream });
    await app.ready();
    try {
      expect((await post(app, '/v1/models/shadow', { version: 'narrow-1', reason: 'try it' })).statusCode).toBe(200);
      const created = await app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: auth(KEYS.create),
        payload: { cpr: CPR[2], ...sampleMember() },
      });
      expect(created.statusCode).toBe(201);
      expect(log.text()).toContain('the shadow model could not score the member');
      expect(log.text()).not.toContain(CPR[2]);
      const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: op });
      expect(metrics.body).toMatch(/ledighedsprofil_shadow_scores_total\{model_version="narrow-1",outcome="unscorable"\} 1/);

      const needsMore = variant('needs-more-1', (a) => {
        const f = a.encoding.features.find((x) => x.spec.name === 'industry')!;
        (f.spec as { column?: string }).column = 'shoe_size';
        (a.encoding.spec.features.find((x) => x.name === 'industry') as { column?: string }).column = 'shoe_size';
      });
      const pub = await post(app, '/v1/models', needsMore);
      expect(pub.statusCode).toBe(201);
      expect(pub.json().warnings).toEqual([expect.stringMatching(/needs input columns the API does not supply: shoe_size/)]);
      const refused = await post(app, '/v1/models/active', { version: 'needs-more-1', reason: 'try' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().type).toBe('urn:ledighedsprofil:problem:model-refused');
      expect(await scoreVersion(app)).toBe('sim-2026.12-1');
      expect((await post(app, '/v1/models/active', { version: 'nope-1', reason: 'try' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('keeps serving the old model when the database names one it may not serve, and logs an error', async () => {
    const db = join(root, 'refuse.sqlite');
    const log = logCapture();
    const env = { DATABASE_URL: `sqlite:${db}`, MODEL_POLL_MS: '100', LOG_LEVEL: 'error' };
    // A runs with a MODEL_DIR holding a model that needs an input; B does not have it at all.
    const a = await buildApp(testConfig({ ...env, LOG_LEVEL: 'silent', MODEL_DIR: dirWith('refuse', [raised('only-here-1')]) }));
    await a.ready();
    const b = await buildApp(testConfig(env), { logDestination: log.stream });
    await b.ready();
    try {
      // Activated on A from its MODEL_DIR: it is published with the event, so B can load it too.
      expect((await post(a, '/v1/models/active', { version: 'only-here-1', reason: 'from the folder' })).statusCode).toBe(200);
      await within(5000, async () => (await scoreVersion(b)) === 'only-here-1', 'B loads and serves a MODEL_DIR model activated on A');
      // A published row whose artifact does not validate is refused by B, which keeps serving.
      const raw = new Database(db);
      raw
        .prepare("INSERT INTO models VALUES ('broken-1', ?, '{\"format\":\"ledighedsprofil-model\"}', 1, '2026-12-01T00:00:00.000Z', 'x')")
        .run('0'.repeat(64));
      raw
        .prepare(
          "INSERT INTO model_events (at, role, action, model_version, client_id, reason) VALUES ('2026-12-01T00:00:00.000Z', 'active', 'activate', 'broken-1', 'x', 'y')",
        )
        .run();
      raw.close();
      await within(5000, async () => log.text().includes('model switch refused'), 'B logs the refusal');
      expect(log.text()).toContain('published model refused');
      expect(await scoreVersion(b)).toBe('only-here-1');
      const metrics = await b.inject({ method: 'GET', url: '/metrics', headers: op });
      expect(metrics.body).toMatch(/ledighedsprofil_model_switches_refused_total\{role="active"\} 1/);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('production and models trained on simulated data', () => {
  const production = (env: Record<string, string> = {}) => ({ ...testConfig(env), nodeEnv: 'production' });

  it('refuses to start with a simulated active model unless ALLOW_SIMULATED_MODEL, then warns', async () => {
    await expect(buildApp(production())).rejects.toThrow(/trained on simulated data and NODE_ENV is production.*ALLOW_SIMULATED_MODEL/);
    const log = logCapture();
    const app = await buildApp({ ...production({ LOG_LEVEL: 'warn' }), allowSimulatedModel: true }, { logDestination: log.stream });
    await app.ready();
    await app.close();
    expect(log.text()).toMatch(/"level":40.*ALLOW_SIMULATED_MODEL=true: the active model sim-2026.12-1 was trained on SIMULATED data/);
  });

  it('refuses to activate a simulated model in production unless allowed; a shadow may still run', async () => {
    const real = variant('real-1', (a) => {
      a.simulatedData = false;
    });
    const dir = dirWith('production', [real]);
    const app = await buildApp(production({ MODEL_DIR: dir, ACTIVE_MODEL_VERSION: 'real-1' }));
    await app.ready();
    try {
      const refused = await post(app, '/v1/models/active', { version: 'sim-2026.12-1', reason: 'demo' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().detail).toMatch(/simulated data and NODE_ENV is production/);
      expect(await scoreVersion(app)).toBe('real-1');
      expect((await post(app, '/v1/models/shadow', { version: 'sim-2026.12-1', reason: 'compare' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const allowed = await buildApp({ ...production({ MODEL_DIR: dir, ACTIVE_MODEL_VERSION: 'real-1' }), allowSimulatedModel: true });
    await allowed.ready();
    try {
      expect((await post(allowed, '/v1/models/active', { version: 'sim-2026.12-1', reason: 'demo' })).statusCode).toBe(200);
      expect(await scoreVersion(allowed)).toBe('sim-2026.12-1');
    } finally {
      await allowed.close();
    }
  });

  it('reads ALLOW_SIMULATED_MODEL and MODEL_POLL_MS from the environment', () => {
    expect(testConfig()).toMatchObject({ allowSimulatedModel: false, modelPollMs: 1000 });
    expect(testConfig({ ALLOW_SIMULATED_MODEL: 'true', MODEL_POLL_MS: '200' })).toMatchObject({
      allowSimulatedModel: true,
      modelPollMs: 200,
    });
    expect(() => testConfig({ ALLOW_SIMULATED_MODEL: 'yes' })).toThrow(/ALLOW_SIMULATED_MODEL/);
    expect(() => testConfig({ MODEL_POLL_MS: '5000' })).toThrow(/MODEL_POLL_MS: must be at most 1000/);
  });
});
