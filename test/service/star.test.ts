/**
 * The STAR compatibility layer (/star/screening/v4) on SQLite and PostgreSQL: each operation's shape
 * against the native routes' answers for the same citizen, the PDF as base64 (a real PDF, the latest or
 * the one named), the request id (46 characters, not 47, missing, a repeat refused with 412 on one
 * instance, across two instances on one PostgreSQL database and across a restart on one SQLite file),
 * STAR's error codes (1010, 1014, 4385, 4575) on problem+json, and the CPR number kept out of URLs and logs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/service/app.js';
import { starScreeningResultSchema } from '../../src/service/routes/star/schemas.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import {
  auth,
  CPR,
  cprHeader,
  databaseKinds,
  KEYS,
  logCapture,
  lowRiskMember,
  sampleMember,
  testConfig,
  type DatabaseKind,
} from './helpers.js';

const BASE = '/star/screening/v4';
const EXISTS = `${BASE}/ScreeningResultExists`;
const RESULT = `${BASE}/GetScreeningResult`;
const PDF = `${BASE}/GetScreeningResultAsPdf`;
const PROBLEM = /^application\/problem\+json/;

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler && process.env.CI) throw new Error('pdftotext (poppler-utils) is required when CI is set');

/** Text of a PDF via poppler's pdftotext, whitespace collapsed. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'star-pdf-'));
  try {
    writeFileSync(join(dir, 'p.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A clock that is the real one unless set: screenings made "years ago" without waiting. */
function settableClock() {
  let fixed: Date | null = null;
  return {
    now: () => (fixed === null ? new Date() : new Date(fixed)),
    set: (iso: string | null) => {
      fixed = iso === null ? null : new Date(iso);
    },
  };
}

const NO_FUND_READER = 'reader-without-fund-000000000000000000';

interface StarApp {
  app: FastifyInstance;
  repository: Repository;
  clock: ReturnType<typeof settableClock>;
  logs: ReturnType<typeof logCapture>;
  close(): Promise<void>;
}

/** An app (info logs captured) on a repository with a settable clock, on `database` or a fresh one. */
async function startStarApp(kind: DatabaseKind, database?: { schema?: string; sqlitePath?: string }): Promise<StarApp> {
  const clock = settableClock();
  const logs = logCapture();
  const ownSchema = kind === 'postgres' && database?.schema === undefined ? randomSchemaName() : undefined;
  const env: Record<string, string> =
    kind === 'postgres'
      ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: database?.schema ?? ownSchema! }
      : { DATABASE_URL: database?.sqlitePath ? `sqlite:${database.sqlitePath}` : ':memory:' };
  const config = testConfig({ ...env, LOG_LEVEL: 'info', RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_FAILURES: '100000' });
  // A reader without a fund, for STAR's 4385 (the example operator holds no screening role).
  config.apiKeys = [...config.apiKeys, { id: 'reader-without-fund', key: NO_FUND_READER, roles: ['screening:read'] }];
  const repository = await openRepository(config.database, { now: clock.now });
  const app = await buildApp(config, { repository, logDestination: logs.stream });
  await app.ready();
  return {
    app,
    repository,
    clock,
    logs,
    async close() {
      await app.close();
      await repository.close();
      if (ownSchema) await dropSchema(ownSchema);
    },
  };
}

let idCounter = 0;
/** A request id not used before in this run. */
const newId = () => `star-test-${process.pid}-${++idCounter}`;

/** The headers of a STAR call: key, CPR number, a fresh request id unless given. */
function star(cpr: string, key: string = KEYS.read, requestId: string | null = newId()): Record<string, string> {
  return { ...auth(key), ...cprHeader(cpr), ...(requestId === null ? {} : { 'x-request-id': requestId }) };
}

function expectProblem(res: LightMyRequestResponse, status: number, errorCode: number | undefined) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  const body = res.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:ledighedsprofil:problem:/), requestId: expect.any(String) });
  if (errorCode === undefined) expect(body).not.toHaveProperty('ErrorCode');
  else expect(body.ErrorCode).toBe(errorCode);
  return body;
}

for (const kind of databaseKinds()) {
  describe(`STAR compatibility layer on ${kind}`, () => {
    let t: StarApp;
    beforeAll(async () => {
      t = await startStarApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });

    const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
    const create = async (cpr: string, body: object = sampleMember()) => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.create), payload: { cpr, ...body } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; createdAt: string };
    };

    it('ScreeningResultExists: Exists false without CreatedDate; true with the latest CreatedDate however old the result', async () => {
      const none = await get(EXISTS, star(CPR[3]));
      expect(none.statusCode).toBe(200);
      expect(none.headers['cache-control']).toBe('no-store');
      expect(none.json()).toStrictEqual({ Exists: false });

      // A result made seven years ago still exists.
      t.clock.set('2019-04-01T09:30:00.000Z');
      const old = await create(CPR[3]);
      t.clock.set(null);
      expect(old.createdAt).toBe('2019-04-01T09:30:00.000Z');
      const found = await get(EXISTS, star(CPR[3]));
      expect(found.statusCode).toBe(200);
      expect(found.json()).toStrictEqual({ Exists: true, CreatedDate: '2019-04-01T09:30:00.000Z' });
      // The native answer agrees.
      const native = await get('/v1/citizen/screening-result/exists', { ...auth(KEYS.read), ...cprHeader(CPR[3]) });
      expect(native.json()).toMatchObject({ exists: true, createdAt: old.createdAt, screeningId: old.id });
    });

    it("GetScreeningResult: the latest result in STAR's members, translated from the native answer, assessment included", async () => {
      await create(CPR[0], lowRiskMember());
      const latest = await create(CPR[0]);
      const assessed = await t.app.inject({
        method: 'PUT',
        url: `/v1/screenings/${latest.id}/assessment`,
        headers: auth(KEYS.assess),
        payload: {
          correctedTargetGroup: 2,
          correctedSubgroup: '2b',
          reason: 'oensker_brancheskift',
          comment: 'Ønsker brancheskift',
          caseworkerId: 'sb-17',
        },
      });
      expect(assessed.statusCode, assessed.body).toBe(201);

      const res = await get(RESULT, star(CPR[0]));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      // Exactly the documented members, no more.
      expect(starScreeningResultSchema.strict().safeParse(body).success).toBe(true);
      expect(Object.keys(body).sort()).toEqual(Object.keys(starScreeningResultSchema.shape).sort());

      const n = (await get('/v1/citizen/screening-result', { ...auth(KEYS.read), ...cprHeader(CPR[0]) })).json();
      expect(body).toMatchObject({
        ScreeningResultId: latest.id,
        CreatedDate: n.createdAt,
        ModelVersion: n.modelVersion,
        SimulatedData: true,
        Probability: n.probability,
        TargetGroup: n.targetGroup,
        Subgroup: n.subgroup,
        CurrentTargetGroup: 2,
        CurrentSubgroup: '2b',
        JobCentreReferral: n.jobCentreReferral,
        MemberSummary: n.memberSummary,
        Answers: {
          JobExpectation: n.questionnaire.q2JobExpectation,
          HasBarriers: n.questionnaire.q10HasBarriers,
          Barriers: n.questionnaire.q10Barriers,
        },
        Assessment: {
          AssessmentId: n.assessment.id,
          CreatedDate: n.assessment.createdAt,
          CorrectedTargetGroup: 2,
          CorrectedSubgroup: '2b',
          Comment: 'Ønsker brancheskift',
          CaseworkerId: 'sb-17',
        },
      });
      expect(body.Factors.map((f: { Label: string }) => f.Label)).toEqual(n.factors.map((f: { label: string }) => f.label));
      expect(body.Factors[0]).toStrictEqual({
        Feature: n.factors[0].feature,
        Label: n.factors[0].label,
        ComparedWith: n.factors[0].comparedWith,
        Direction: n.factors[0].direction,
        Contribution: n.factors[0].contribution,
        OddsRatio: n.factors[0].oddsRatio,
      });
      expect(body.Activities.map((a: { Code: string }) => a.Code)).toEqual(n.activities.map((a: { code: string }) => a.code));
      expect(body.ReferralReasons).toEqual(
        n.referralReasons.map((r: { rule: string; reason: string }) => ({ Rule: r.rule, Reason: r.reason })),
      );
    });

    it('GetScreeningResultAsPdf: base64 of a real PDF, the latest (the native PDF byte for byte) or the one named by ScreeningResultId', async () => {
      const first = await create(CPR[1], lowRiskMember());
      const second = await create(CPR[1]);

      const latest = await get(PDF, star(CPR[1]));
      expect(latest.statusCode, latest.body).toBe(200);
      const l = latest.json();
      expect(Object.keys(l).sort()).toEqual(['CreatedDate', 'FileName', 'Pdf', 'ScreeningResultId']);
      expect(l).toMatchObject({ ScreeningResultId: second.id, CreatedDate: second.createdAt, FileName: `screening-${second.id}.pdf` });
      expect(l.Pdf).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      const latestPdf = Buffer.from(l.Pdf, 'base64');
      expect(latestPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(latestPdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      const native = await get('/v1/citizen/screening-result/pdf', { ...auth(KEYS.read), ...cprHeader(CPR[1]) });
      expect(latestPdf.equals(native.rawPayload)).toBe(true);

      const named = await get(`${PDF}?ScreeningResultId=${first.id}`, star(CPR[1]));
      expect(named.statusCode, named.body).toBe(200);
      expect(named.json()).toMatchObject({ ScreeningResultId: first.id, CreatedDate: first.createdAt });
      const namedPdf = Buffer.from(named.json().Pdf, 'base64');
      expect(namedPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(namedPdf.equals(latestPdf)).toBe(false);
      if (hasPoppler) {
        const text = pdfText(namedPdf);
        expect(text).toContain(first.id);
        expect(text).toContain(`${CPR[1].slice(0, 6)}-XXXX`);
        expect(text).not.toContain(CPR[1]);
        expect(pdfText(latestPdf)).toContain(second.id);
      }

      // Another citizen's result, an unknown id, a malformed one.
      const other = await create(CPR[2]);
      expectProblem(await get(`${PDF}?ScreeningResultId=${other.id}`, star(CPR[1])), 404, undefined);
      expectProblem(await get(`${PDF}?ScreeningResultId=00000000-0000-4000-8000-000000000000`, star(CPR[1])), 404, undefined);
      const bad = expectProblem(await get(`${PDF}?ScreeningResultId=nope`, star(CPR[1])), 400, 1014);
      expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['ScreeningResultId']);
    });

    it('audits the reads as the native routes do: the same actions, the client and the hashed citizen key', async () => {
      const cpr = '1502851234';
      await create(cpr);
      for (const url of [EXISTS, RESULT, PDF]) expect((await get(url, star(cpr))).statusCode).toBe(200);
      const key = t.app.citizenKeyOf(cpr);
      const page = await t.repository.listAudit({ fundId: '15', citizenKey: key, clientId: 'example-read' });
      expect(page.entries.map((e) => [e.action, e.outcome]).reverse()).toEqual([
        ['screening.exists', 'success'],
        ['screening.read', 'success'],
        ['screening.read_pdf', 'success'],
      ]);
    });

    it('1010 (404) when the citizen has no result; Exists answers false instead', async () => {
      const cpr = '0303030303';
      expect((await get(EXISTS, star(cpr))).json()).toStrictEqual({ Exists: false });
      const r = expectProblem(await get(RESULT, star(cpr)), 404, 1010);
      expect(r.detail).not.toContain(cpr);
      expectProblem(await get(PDF, star(cpr)), 404, 1010);
    });

    it('1014 (400) for a missing or invalid CPR header, naming the field and never the value', async () => {
      for (const url of [EXISTS, RESULT, PDF]) {
        const missing = expectProblem(await get(url, { ...auth(KEYS.read), 'x-request-id': newId() }), 400, 1014);
        expect(missing.errors[0].field).toBe('x-civil-registration-identifier');
        const invalid = expectProblem(await get(url, star('3213991234')), 400, 1014);
        expect(invalid.errors[0].field).toBe('x-civil-registration-identifier');
        expect(JSON.stringify(invalid)).not.toContain('3213991234');
      }
    });

    it('4575 for no key or an unknown one (401) and for a client without screening:read (403)', async () => {
      for (const url of [EXISTS, RESULT, PDF]) {
        expectProblem(await get(url, { ...cprHeader(CPR[0]), 'x-request-id': newId() }), 401, 4575);
        expectProblem(await get(url, star(CPR[0], 'not-a-configured-key-000000000000000000')), 401, 4575);
        expectProblem(await get(url, star(CPR[0], KEYS.create)), 403, 4575);
        expect((await get(url, star(CPR[0], KEYS.admin))).statusCode).toBe(200);
      }
    });

    it("4385 (403) for a client without a fund; another fund's citizen is unknown (Exists false, 1010)", async () => {
      for (const url of [EXISTS, RESULT, PDF]) {
        const p = expectProblem(await get(url, star(CPR[0], NO_FUND_READER)), 403, 4385);
        expect(p.type).toContain('no-fund-registration');
        // The operator holds no screening role at all: that is a refused role, 4575.
        expectProblem(await get(url, star(CPR[0], KEYS.operator)), 403, 4575);
      }
      expect((await get(EXISTS, star(CPR[0], KEYS.admin))).json()).toMatchObject({ Exists: true });
      expect((await get(EXISTS, star(CPR[0], KEYS.otherFund))).json()).toEqual({ Exists: false });
      expectProblem(await get(RESULT, star(CPR[0], KEYS.otherFund)), 404, 1010);
      expectProblem(await get(PDF, star(CPR[0], KEYS.otherFund)), 404, 1010);
    });

    describe('the request id', () => {
      it('is refused with 412 when the same client repeats it, whatever the first outcome; another client may use it', async () => {
        for (const url of [EXISTS, RESULT, PDF]) {
          const id = newId();
          expect((await get(url, star(CPR[0], KEYS.read, id))).statusCode).toBe(200);
          const again = expectProblem(await get(url, star(CPR[0], KEYS.read, id)), 412, undefined);
          expect(again.type).toBe('urn:ledighedsprofil:problem:request-id-repeated');
          // On another operation too: the id names a request, not an operation.
          expectProblem(await get(url === EXISTS ? RESULT : EXISTS, star(CPR[0], KEYS.read, id)), 412, undefined);
          expect((await get(url, star(CPR[0], KEYS.admin, id))).statusCode).toBe(200);
        }
        // Recorded first: a request refused for its CPR header, or answered 404, used its id up.
        const badCpr = newId();
        expectProblem(await get(RESULT, star('3213991234', KEYS.read, badCpr)), 400, 1014);
        expectProblem(await get(RESULT, star(CPR[0], KEYS.read, badCpr)), 412, undefined);
        const unknown = newId();
        expectProblem(await get(RESULT, star('0404040404', KEYS.read, unknown)), 404, 1010);
        expectProblem(await get(RESULT, star(CPR[0], KEYS.read, unknown)), 412, undefined);
      });

      it('is not used up by a request that fails authentication or the role check', async () => {
        const id = newId();
        expectProblem(await get(RESULT, { ...cprHeader(CPR[0]), 'x-request-id': id }), 401, 4575);
        expectProblem(await get(RESULT, star(CPR[0], KEYS.create, id)), 403, 4575);
        expect((await get(RESULT, star(CPR[0], KEYS.read, id))).statusCode).toBe(200);
      });

      it('may have 46 characters, not 47; is required; must be visible ASCII without a CPR number (1014, nothing recorded)', async () => {
        const base = `${process.pid}-${kind}-`;
        const id46 = base + 'x'.repeat(46 - base.length);
        const id47 = base + 'y'.repeat(47 - base.length);
        expect(id46).toHaveLength(46);
        expect(id47).toHaveLength(47);
        const ok = await get(EXISTS, star(CPR[0], KEYS.read, id46));
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.headers['x-request-id']).toBe(id46);

        const long = expectProblem(await get(EXISTS, star(CPR[0], KEYS.read, id47)), 400, 1014);
        expect(long.errors).toEqual([{ field: 'x-request-id', reason: 'must be at most 46 characters' }]);
        const missing = expectProblem(await get(EXISTS, star(CPR[0], KEYS.read, null)), 400, 1014);
        expect(missing.errors).toEqual([{ field: 'x-request-id', reason: 'is required' }]);
        for (const id of ['', 'has space', 'tæt']) {
          const r = expectProblem(await get(EXISTS, star(CPR[0], KEYS.read, id)), 400, 1014);
          expect(r.errors[0].field).toBe('x-request-id');
        }
        for (const id of [`req-${CPR[0]}`, 'req-070761-4285']) {
          const res = await get(EXISTS, star(CPR[0], KEYS.read, id));
          const r = expectProblem(res, 400, 1014);
          expect(r.errors).toEqual([{ field: 'x-request-id', reason: 'must not contain a CPR number' }]);
          // Neither echoed nor repeated anywhere in the answer.
          expect(res.headers['x-request-id']).toBeUndefined();
          expect(res.body).not.toContain(id.slice(4));
        }
        // A refused id was not recorded: shortened to 46 it is new, and the 47-character one was never stored.
        expect((await get(EXISTS, star(CPR[0], KEYS.read, id47.slice(0, 46)))).statusCode).toBe(200);
        expect(await t.repository.claimRequestId({ clientId: 'example-read', requestId: id47 })).toBe(true);
      });
    });

    it('answers every error as problem+json with no-store, and keeps the CPR number out of the URL and the log', async () => {
      const cpr = CPR[4];
      await create(cpr);
      const before = t.logs.lines.length;
      const answers = [
        await get(EXISTS, star(cpr)),
        await get(RESULT, star(cpr)),
        await get(PDF, star(cpr)),
        await get(RESULT, star(cpr, KEYS.create)),
        await get(RESULT, { ...cprHeader(cpr), 'x-request-id': newId() }),
        await get(RESULT, star('0505050505')),
        await get(RESULT, star('3213991234')),
        await get(RESULT, star(cpr, KEYS.read, `id-${cpr}`)),
        await get(`${BASE}/NoSuchOperation`, star(cpr)),
      ];
      for (const res of answers) {
        expect(res.headers['cache-control'], res.body.slice(0, 80)).toBe('no-store');
        if (res.statusCode >= 400) expect(res.headers['content-type'], res.body.slice(0, 80)).toMatch(PROBLEM);
        expect(res.body).not.toContain(cpr);
        expect(res.body).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
      }
      const log = t.logs.lines.slice(before).join('');
      expect(log).toMatch(/"starRequestId":"star-test-/);
      for (const c of [cpr, '0505050505', '3213991234']) {
        expect(log).not.toContain(c);
        expect(log).not.toContain(`${c.slice(0, 6)}-${c.slice(6)}`);
      }

      // No STAR operation takes a path or query parameter that could carry a CPR number.
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      const starPaths = Object.keys(doc.paths).filter((p) => p.startsWith(BASE));
      expect(starPaths.sort()).toEqual([EXISTS, PDF, RESULT].sort());
      for (const p of starPaths) {
        const params = doc.paths[p].get.parameters as { name: string; in: string }[];
        expect(params.filter((x) => x.in === 'path')).toEqual([]);
        expect(params.filter((x) => x.in === 'query').map((x) => x.name)).toEqual(p === PDF ? ['ScreeningResultId'] : []);
        expect(params.filter((x) => x.in === 'header').map((x) => x.name)).toEqual(['x-civil-registration-identifier', 'x-request-id']);
      }
    });
  });
}

describe.runIf(databaseKinds().includes('postgres'))('the request id across two instances on one PostgreSQL database', () => {
  it('is refused with 412 by the second instance after the first accepted it, also when both arrive at once', async () => {
    const schema = randomSchemaName();
    let a: StarApp | undefined;
    let b: StarApp | undefined;
    try {
      a = await startStarApp('postgres', { schema });
      b = await startStarApp('postgres', { schema });
      const call = (s: StarApp, id: string) => s.app.inject({ method: 'GET', url: EXISTS, headers: star(CPR[0], KEYS.read, id) });
      const id = newId();
      expect((await call(a, id)).statusCode).toBe(200);
      expectProblem(await call(b, id), 412, undefined);
      expectProblem(await call(a, id), 412, undefined);

      for (let round = 0; round < 5; round++) {
        const same = newId();
        const both = await Promise.all([call(a, same), call(b, same), call(a, same), call(b, same)]);
        expect(both.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412]);
      }
    } finally {
      await a?.app.close();
      await b?.app.close();
      await a?.repository.close();
      await b?.repository.close();
      await dropSchema(schema);
    }
  });
});

describe('the request id across a restart on one SQLite file', () => {
  it('is still refused with 412 by a new process on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'star-restart-'));
    const sqlitePath = join(dir, 'db.sqlite');
    try {
      const id = newId();
      const first = await startStarApp('sqlite', { sqlitePath });
      expect((await first.app.inject({ method: 'GET', url: EXISTS, headers: star(CPR[0], KEYS.read, id) })).statusCode).toBe(200);
      await first.close();
      const second = await startStarApp('sqlite', { sqlitePath });
      try {
        expectProblem(await second.app.inject({ method: 'GET', url: EXISTS, headers: star(CPR[0], KEYS.read, id) }), 412, undefined);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
