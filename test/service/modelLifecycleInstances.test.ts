/**
 * Done means: publish → shadow → activate → two service processes on one PostgreSQL schema both serve
 * the new version within 5 s, without a restart; and a rollback likewise. The operator drives it with
 * the CLI (`ledighedsprofil publish | shadow | activate | rollback`) against the real started
 * services, whose refusals the CLI reports clearly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServiceProcess, type ServiceProcess } from '../faults/serviceProcess.js';
import { runCli } from '../cli/runCli.js';
import { dropSchema, randomSchemaName, rawClient, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import { CPR, KEYS, postgresUnavailable, sampleMember } from './helpers.js';
import { raised, within } from './lifecycleHelpers.js';

if (postgresUnavailable !== null && process.env.CI) throw new Error(postgresUnavailable);

const dir = mkdtempSync(join(tmpdir(), 'lp-instances-'));
const keyFile = join(dir, 'operator.key');
const fundKeyFile = join(dir, 'fund-admin.key');
const modelFile = join(dir, 'sim-2027.01-1.json');

async function servedVersion(s: ServiceProcess): Promise<string> {
  const r = await fetch(`${s.base}/v1/score`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEYS.create}`, 'content-type': 'application/json' },
    body: JSON.stringify({ members: [sampleMember()] }),
  });
  return ((await r.json()) as { results: { modelVersion: string }[] }).results[0].modelVersion;
}

describe.skipIf(postgresUnavailable !== null)('the model life cycle across two instances on PostgreSQL', () => {
  const schema = randomSchemaName();
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(async () => {
    writeFileSync(keyFile, `${KEYS.operator}\n`);
    writeFileSync(fundKeyFile, `${KEYS.admin}\n`);
    writeFileSync(modelFile, JSON.stringify(raised('sim-2027.01-1'), null, 1));
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
    // One after the other: the first runs the migrations.
    a = await startServiceProcess(env);
    b = await startServiceProcess(env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('publish → shadow → activate: both instances serve the new version within 5 s; rollback likewise', async () => {
    const cli = (...args: string[]) => runCli([...args, '--url', a.base, '--key-file', keyFile]);
    const published = await cli('publish', '--model', modelFile);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^published sim-2027\.01-1 \(checksum [0-9a-f]{12}…\), trained on SIMULATED data\n$/);

    const shadow = await cli('shadow', 'start', '--version', 'sim-2027.01-1', '--reason', 'four weeks beside sim-2026.12-1');
    expect(shadow.code).toBe(0);
    expect(shadow.stdout).toContain('active sim-2026.12-1, shadow sim-2027.01-1');
    await within(
      5000,
      async () =>
        ((await (await fetch(`${b.base}/health/ready`)).json()) as { shadowModel: string | null }).shadowModel === 'sim-2027.01-1',
      'B shadows',
    );
    const created = await fetch(`${b.base}/v1/screenings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.create}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cpr: CPR[0], ...sampleMember() }),
    });
    expect(created.status).toBe(201);
    const screening = (await created.json()) as { id: string; modelVersion: string; probability: number };
    expect(screening.modelVersion).toBe('sim-2026.12-1');
    const db = await rawClient(schema);
    try {
      const { rows } = await db.query('SELECT screening_id, model_version, probability FROM shadow_scores');
      expect(rows).toEqual([{ screening_id: screening.id, model_version: 'sim-2027.01-1', probability: expect.any(Number) }]);
      expect(rows[0].probability).toBeGreaterThan(screening.probability);
    } finally {
      await db.end();
    }

    const activated = await cli('activate', '--version', 'sim-2027.01-1', '--reason', 'shadow period looked fine');
    expect(activated.code).toBe(0);
    expect(activated.stdout).toMatch(/^activate recorded \(event \d+\): active sim-2027\.01-1, shadow sim-2027\.01-1/);
    await within(
      5000,
      async () => (await servedVersion(a)) === 'sim-2027.01-1' && (await servedVersion(b)) === 'sim-2027.01-1',
      'both instances serve sim-2027.01-1',
    );

    const rolledBack = await cli('rollback', '--reason', 'referral rate jumped');
    expect(rolledBack.code).toBe(0);
    await within(
      5000,
      async () => (await servedVersion(a)) === 'sim-2026.12-1' && (await servedVersion(b)) === 'sim-2026.12-1',
      'both instances serve sim-2026.12-1 again',
    );
  });

  it('reports refusals and mistakes clearly, with their exit codes', async () => {
    // A fund's admin key may not change the model every fund uses.
    const fund = await runCli(['activate', '--url', a.base, '--key-file', fundKeyFile, '--version', 'sim-2027.01-1', '--reason', 'x']);
    expect(fund.code).toBe(3);
    expect(fund.stderr).toMatch(/the service refused \(403 .*\): model administration is the operator's/);
    const unknown = await runCli(['activate', '--url', a.base, '--key-file', keyFile, '--version', 'nope-1', '--reason', 'x']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/404.*no model nope-1 is loaded[\s\S]*\n {2}version: not a loaded model version/);
    const missing = await runCli(['publish', '--url', a.base, '--key-file', keyFile, '--model', join(dir, 'none.json')]);
    expect(missing).toMatchObject({ code: 3, stderr: `error: ${join(dir, 'none.json')}: model file not found\n` });
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...raised('sim-2026.12-2'), description: 'edited' }));
    const bad = await runCli(['publish', '--url', a.base, '--key-file', keyFile, '--model', tampered]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(`${tampered}: checksum: checksum mismatch`);
    const noKey = await runCli(['publish', '--url', a.base, '--model', modelFile]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('no API key');
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await runCli(['rollback', '--url', closed, '--key-file', keyFile, '--reason', 'x']);
    expect(down.code).toBe(6);
    expect(down.stderr).toMatch(/did not answer \(ECONNREFUSED\)/);
    const usage = await runCli(['shadow', 'pause', '--url', a.base, '--key-file', keyFile, '--reason', 'x']);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('must be start or stop') });
  });
});
