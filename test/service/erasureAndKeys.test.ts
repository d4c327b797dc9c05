/**
 * The service's side of erasure that stays erased and of CPR secret rotation: a retried create of an
 * erased screening answers 410 problem+json, a new Idempotency-Key makes a new screening; an instance
 * configured with a new CPR secret and the old one as previous finds, moves and audits the citizens
 * stored under the old one. On SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import { auth, cprHeader, CPR, databaseKinds, KEYS, sampleMember, startApp, type TestApp } from './helpers.js';

const tmpRoot = mkdtempSync(join(tmpdir(), 'lp-erasure-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let files = 0;

const OLD_SECRET = '11'.repeat(32);
const NEW_SECRET = '22'.repeat(32);

describe.each(databaseKinds())('erasure and key rotation through the API (%s)', (kind) => {
  const opened: TestApp[] = [];
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
  });
  /** One database several instances (each with its own configuration) open in turn, as a rolling restart would. */
  const sharedDatabase = (): Record<string, string> =>
    kind === 'postgres'
      ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: randomSchemaName() }
      : { DATABASE_URL: `sqlite:${join(tmpRoot, `db-${++files}.sqlite`)}` };
  const start = async (env: Record<string, string> = {}) => {
    const t = await startApp(kind, env);
    opened.push(t);
    return t;
  };
  const create = (t: TestApp, cpr: string, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.create), ...(key ? { 'idempotency-key': key } : {}) },
      payload: { cpr, ...sampleMember(), caseworkerId: 'sb-1' },
    });
  const erase = (t: TestApp, cpr: string) =>
    t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...auth(KEYS.admin), ...cprHeader(cpr) } });

  it('answers a retry of an erased create with 410 problem+json naming erasure; a new key creates a new screening', async () => {
    const t = await start();
    const first = await create(t, CPR[0], 'create-1');
    expect(first.statusCode).toBe(201);
    expect((await create(t, CPR[0], 'create-1')).statusCode).toBe(200);
    expect((await erase(t, CPR[0])).json()).toEqual({ erasedScreenings: 1, erasedAssessments: 0 });

    const retry = await create(t, CPR[0], 'create-1');
    expect(retry.statusCode).toBe(410);
    expect(retry.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(retry.json()).toMatchObject({
      type: 'urn:ledighedsprofil:problem:erased',
      status: 410,
      detail: expect.stringMatching(/erased/),
    });
    expect(retry.body).not.toContain(CPR[0]);
    const read = await t.app.inject({
      method: 'GET',
      url: '/v1/citizen/screenings',
      headers: { ...auth(KEYS.read), ...cprHeader(CPR[0]) },
    });
    expect(read.json().screenings).toEqual([]);

    const fresh = await create(t, CPR[0], 'create-2');
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().id).not.toBe(first.json().id);
  });

  it('finds citizens stored under the previous CPR secret, moves them to the current one, and keeps their audit trail findable', async () => {
    const db = sharedDatabase();
    const before = await start({ ...db, CPR_HMAC_SECRET: OLD_SECRET, CPR_HMAC_SECRET_ID: 'cpr-old' });
    const made = (await create(before, CPR[1], 'k-old')).json();
    await before.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${made.id}/assessment`,
      headers: auth(KEYS.assess),
      payload: {
        correctedTargetGroup: 2,
        correctedSubgroup: '2a',
        reason: 'jobtilbud_i_sigte',
        comment: 'Aftalt fokussamtale',
        caseworkerId: 'sb-1',
      },
    });
    const oldKey = before.app.citizenKeyOf(CPR[1]);

    // The same database, now with a new secret and the old one as previous.
    const rotated = {
      ...db,
      CPR_HMAC_SECRET: NEW_SECRET,
      CPR_HMAC_SECRET_ID: 'cpr-new',
      CPR_HMAC_SECRET_PREVIOUS: OLD_SECRET,
      CPR_HMAC_SECRET_PREVIOUS_ID: 'cpr-old',
    };
    const after = await start(rotated);
    const newKey = after.app.citizenKeyOf(CPR[1]);
    expect(newKey).not.toBe(oldKey);
    // A retry spanning the rotation is still the same request.
    const retry = await create(after, CPR[1], 'k-old');
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(made.id);

    const res = await after.app.inject({
      method: 'GET',
      url: '/v1/citizen/screening-result',
      headers: { ...auth(KEYS.read), ...cprHeader(CPR[1]) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(made.id);
    expect(res.json().assessments[0].comment).toBe('Aftalt fokussamtale');
    expect(await after.repository.keys.citizenKeyCensus()).toEqual({ 'cpr-new': 1 });

    // Without the previous secret, the moved citizen is still found, and so is the audit trail from before the move.
    const retired = await start({ ...db, CPR_HMAC_SECRET: NEW_SECRET, CPR_HMAC_SECRET_ID: 'cpr-new' });
    const later = await retired.app.inject({
      method: 'GET',
      url: '/v1/citizen/screenings',
      headers: { ...auth(KEYS.read), ...cprHeader(CPR[1]) },
    });
    expect(later.json().screenings.map((s: { id: string }) => s.id)).toEqual([made.id]);
    const audit = await retired.app.inject({
      method: 'GET',
      url: '/v1/audit?limit=100',
      headers: { ...auth(KEYS.admin), ...cprHeader(CPR[1]) },
    });
    const entries = audit.json().entries as { action: string; citizenKey: string }[];
    expect(entries.some((e) => e.action === 'screening.create' && e.citizenKey === oldKey)).toBe(true);
    expect(entries.some((e) => e.action === 'citizen.rekey' && e.citizenKey === newKey)).toBe(true);

    // Erasure by the CPR number reaches it, and a retry of its create is refused.
    expect((await erase(retired, CPR[1])).json()).toEqual({ erasedScreenings: 1, erasedAssessments: 1 });
    expect((await create(retired, CPR[1], 'k-old')).statusCode).toBe(410);
  });
});
