/**
 * Two funds on one database, through the API: what fund 15 stores, fund 42 cannot find (404, or
 * exists:false, as for an unknown citizen), change or erase, and its audit view holds none of it. A
 * client without a fund is refused every citizen and screening operation with 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, CPR, cprHeader, databaseKinds, KEYS, sampleMember, startApp, type TestApp } from './helpers.js';

describe.each(databaseKinds())('two funds on one %s database', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const A = KEYS.admin; // fund 15, every role
  const B = KEYS.otherFund; // fund 42, every role
  const call = (key: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cpr?: string, payload?: object) =>
    t.app.inject({ method, url, headers: { ...auth(key), ...(cpr === undefined ? {} : cprHeader(cpr)) }, payload });

  it("answers another fund's citizen and screening as unknown, and leaves them untouched", async () => {
    const cpr = CPR[0];
    const created = await call(A, 'POST', '/v1/screenings', undefined, { cpr, ...sampleMember() });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const exists = await call(B, 'GET', '/v1/citizen/screening-result/exists', cpr);
    expect(exists.statusCode).toBe(200);
    expect(exists.json()).toEqual({ exists: false, createdAt: null, screeningId: null });
    for (const url of ['/v1/citizen/screening-result', '/v1/citizen/screening-result/pdf']) {
      const r = await call(B, 'GET', url, cpr);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await call(B, 'GET', '/v1/citizen/screenings', cpr)).json()).toEqual({ screenings: [] });
    const byId = await call(B, 'GET', `/v1/screenings/${id}`);
    expect(byId.statusCode).toBe(404);
    expect(byId.json().detail).toBe('no screening with this id');
    const assess = await call(B, 'PUT', `/v1/screenings/${id}/assessment`, undefined, {
      correctedTargetGroup: 1,
      reason: 'enig_i_vurderingen',
      caseworkerId: 'sb',
    });
    expect(assess.statusCode).toBe(404);
    expect((await call(B, 'DELETE', '/v1/citizen', cpr)).json()).toEqual({ erasedScreenings: 0, erasedAssessments: 0 });

    // Fund 15 still has it all, without B's assessment.
    const own = await call(A, 'GET', `/v1/screenings/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().assessments).toEqual([]);
    expect((await call(A, 'GET', '/v1/citizen/screening-result/exists', cpr)).json()).toMatchObject({ exists: true, screeningId: id });
    // The example clients of one fund share it: the read-only client sees what the admin created.
    expect((await call(KEYS.read, 'GET', `/v1/screenings/${id}`)).statusCode).toBe(200);
  });

  it("keeps each fund's screenings of the same citizen, and erases only the erasing fund's", async () => {
    const cpr = CPR[1];
    const a = (await call(A, 'POST', '/v1/screenings', undefined, { cpr, ...sampleMember() })).json().id;
    const b = (await call(B, 'POST', '/v1/screenings', undefined, { cpr, ...sampleMember() })).json().id;
    expect((await call(A, 'GET', '/v1/citizen/screenings', cpr)).json().screenings.map((s: { id: string }) => s.id)).toEqual([a]);
    expect((await call(B, 'GET', '/v1/citizen/screening-result', cpr)).json().id).toBe(b);
    expect((await call(B, 'DELETE', '/v1/citizen', cpr)).json()).toEqual({ erasedScreenings: 1, erasedAssessments: 0 });
    expect((await call(A, 'GET', '/v1/citizen/screening-result', cpr)).json().id).toBe(a);
  });

  it("shows a fund's admin only its fund's audit entries", async () => {
    const cpr = CPR[2];
    const id = (await call(A, 'POST', '/v1/screenings', undefined, { cpr, ...sampleMember() })).json().id;
    await call(B, 'GET', `/v1/screenings/${id}`);
    const ofB = await call(B, 'GET', '/v1/audit?limit=1000');
    expect(ofB.statusCode).toBe(200);
    const entries = ofB.json().entries as { clientId: string; fundId: string | null; screeningId: string | null }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.fundId === '42' && e.clientId === 'example-other-fund')).toBe(true);
    // Asked by the citizen, fund 42 sees only its own (refused) reads, none of fund 15's create.
    const byCitizen = (await call(B, 'GET', `/v1/audit?screeningId=${id}`)).json().entries;
    expect(byCitizen.map((e: { action: string; outcome: string }) => `${e.action} ${e.outcome}`)).toEqual(['screening.read not_found']);
    const ofA = (await call(A, 'GET', `/v1/audit?screeningId=${id}`)).json().entries;
    expect(ofA.map((e: { action: string; fundId: string }) => `${e.action} ${e.fundId}`)).toEqual(['screening.create 15']);
  });

  it('refuses a client without a fund every citizen and screening operation, with 403 problem+json', async () => {
    const id = (await call(A, 'POST', '/v1/screenings', undefined, { cpr: CPR[3], ...sampleMember() })).json().id;
    const refused: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, string | undefined, object | undefined][] = [
      ['create', 'POST', '/v1/screenings', undefined, { cpr: CPR[3], ...sampleMember() }],
      ['by id', 'GET', `/v1/screenings/${id}`, undefined, undefined],
      [
        'assess',
        'PUT',
        `/v1/screenings/${id}/assessment`,
        undefined,
        { correctedTargetGroup: 1, reason: 'enig_i_vurderingen', caseworkerId: 'sb' },
      ],
      ['exists', 'GET', '/v1/citizen/screening-result/exists', CPR[3], undefined],
      ['read', 'GET', '/v1/citizen/screening-result', CPR[3], undefined],
      ['pdf', 'GET', '/v1/citizen/screening-result/pdf', CPR[3], undefined],
      ['history', 'GET', '/v1/citizen/screenings', CPR[3], undefined],
      ['erase', 'DELETE', '/v1/citizen', CPR[3], undefined],
      ['audit by citizen', 'GET', '/v1/audit', CPR[3], undefined],
    ];
    // An operator's key with every role but no fund, configured for this test alone.
    const op = await startApp('sqlite', {
      API_KEYS: JSON.stringify([
        {
          id: 'operator',
          key: 'operator-key-with-every-role-000000000000',
          roles: ['screening:create', 'screening:read', 'screening:assess', 'admin'],
        },
      ]),
    });
    try {
      for (const app of [t, op]) {
        const key = app === t ? KEYS.operator : 'operator-key-with-every-role-000000000000';
        for (const [what, method, url, cpr, payload] of refused) {
          const r = await app.app.inject({ method, url, headers: { ...auth(key), ...(cpr === undefined ? {} : cprHeader(cpr)) }, payload });
          expect(r.statusCode, what).toBe(403);
          expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
          // The example operator lacks the screening roles, so some of its refusals name the role instead.
          expect(r.json().type, what).toMatch(/^urn:ledighedsprofil:problem:(no-fund-registration|forbidden)$/);
          if (app === op) {
            expect(r.json().type, what).toBe('urn:ledighedsprofil:problem:no-fund-registration');
            expect(r.json().detail).toContain('no unemployment-fund registration');
          }
        }
      }
      // Nothing was stored or erased by it.
      expect((await call(A, 'GET', `/v1/screenings/${id}`)).json().assessments).toEqual([]);
      // Models and metrics stay open to the operator; its audit view holds the fund-less entries only.
      expect((await call(KEYS.operator, 'GET', '/v1/models')).statusCode).toBe(200);
      expect((await call(KEYS.operator, 'GET', '/metrics')).statusCode).toBe(200);
      const view = await call(KEYS.operator, 'GET', '/v1/audit?limit=1000');
      expect(view.statusCode).toBe(200);
      const entries = view.json().entries as { fundId: string | null; clientId: string; action: string }[];
      expect(entries.some((e) => e.action === 'auth.denied' && e.clientId === 'example-operator')).toBe(true);
      expect(entries.every((e) => e.fundId === null || e.fundId === '')).toBe(true);
    } finally {
      await op.close();
    }
  });
});
