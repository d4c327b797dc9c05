/**
 * One run of the service for the privacy search (noCprAnywhere*.test.ts): the real app in process, its
 * log captured, on a SQLite file or a fresh PostgreSQL schema; seeded, generated, valid CPR numbers sent
 * through every operation and through the places they must not go; every answer kept; then the
 * answers, the log, the metrics and the database files searched for every number sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import {
  auth,
  cprHeader,
  KEYS,
  logCapture,
  lowRiskMember,
  sampleMember,
  startApp,
  type DatabaseKind,
  type TestApp,
} from '../service/helpers.js';
import { rawClient } from '../storage/postgresTestSchema.js';
import {
  cprSpellings,
  describeFindings,
  findCprs,
  findPhrase,
  generatedCprs,
  hasPdftotext,
  type Haystack,
  pdfText,
  postgresDataDirectory,
  postgresRelationFiles,
  sqliteFiles,
} from '../support/personalDataSearch.js';
import { chooser } from '../support/seeded.js';

const UNTHROTTLED = { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_AUTH_FAILURES: '1000000', SCORE_MEMBERS_PER_MINUTE: '1000000' };
const COMMENTS = [
  'Aftalt fokussamtale om to uger',
  'Ønsker brancheskift til lager',
  'Medlemmet deltager i FVU-dansk',
  'Ingen bemærkninger',
];

/**
 * Where the SQLite file goes: memory-backed /dev/shm where there is one, since the repository syncs
 * every commit (synchronous = FULL) and a disk's fsync would spend the time budget on waiting. The
 * bytes written are the same.
 */
function scratchDirectory(): string {
  try {
    return mkdtempSync(join('/dev/shm', 'ledighedsprofil-no-cpr-'));
  } catch {
    return mkdtempSync(join(tmpdir(), 'no-cpr-'));
  }
}

/** Whether the PostgreSQL data directory can be read here (the server runs on this machine, the tests as root). */
export async function postgresFilesProblem(): Promise<string | undefined> {
  const client = await rawClient('public');
  try {
    const d = await postgresDataDirectory(client);
    return 'problem' in d ? d.problem : undefined;
  } finally {
    await client.end();
  }
}

/** A test app on a SQLite file in a fresh directory, or on a fresh PostgreSQL schema; the log captured at trace level. */
export async function startRun(kind: DatabaseKind) {
  const cap = logCapture();
  const env: Record<string, string> = { LOG_LEVEL: 'trace', ...UNTHROTTLED };
  let dir: string | undefined;
  let sqlitePath: string | undefined;
  if (kind === 'sqlite') {
    dir = scratchDirectory();
    sqlitePath = join(dir, 'ledighedsprofil.sqlite');
    env.DATABASE_URL = `sqlite:${sqlitePath}`;
  }
  const t = await startApp(kind, env, { logDestination: cap.stream });
  return {
    t,
    cap,
    sqlitePath,
    /** The database files as they lie on disk now (PostgreSQL: after CHECKPOINT). */
    async databaseFiles(): Promise<Haystack[]> {
      if (sqlitePath) return sqliteFiles(sqlitePath);
      const schema = (t.config.database as { schema?: string }).schema!;
      const client = await rawClient(schema);
      try {
        return await postgresRelationFiles(client, schema);
      } finally {
        await client.end();
      }
    },
    closed: false,
    /** Closes the app (SQLite: the last connection checkpoints the log into the file); the files stay. */
    async closeApp() {
      if (this.closed) return;
      this.closed = true;
      await t.close();
    },
    async close() {
      await this.closeApp();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records every answer as haystacks: status and headers, body bytes, and a PDF's text. */
function recorder(t: TestApp) {
  const haystacks: Haystack[] = [];
  let n = 0;
  let pdfs = 0;
  const pdfTexts: string[] = [];
  return {
    haystacks,
    pdfTexts,
    get pdfs() {
      return pdfs;
    },
    async send(options: InjectOptions) {
      const res = await t.app.inject(options);
      const name = `response ${++n} (${options.method} ${options.url} → ${res.statusCode})`;
      haystacks.push({ where: `${name} head`, content: JSON.stringify({ status: res.statusCode, headers: res.headers }) });
      haystacks.push({ where: `${name} body`, content: res.rawPayload });
      if (String(res.headers['content-type']).startsWith('application/pdf')) {
        pdfs++;
        const text = pdfText(res.rawPayload);
        if (text !== undefined) {
          pdfTexts.push(text);
          haystacks.push({ where: `${name} PDF text`, content: text });
          // pdftotext may break a line anywhere: the text without whitespace is searched too.
          haystacks.push({ where: `${name} PDF text, unbroken`, content: text.replace(/\s+/g, '') });
        }
      }
      return res;
    },
  };
}

/** The operations of a run, counted so the test can show each was exercised. */
const OPERATIONS = [
  'create',
  'create retried',
  'exists',
  'result',
  'history',
  'by id',
  'assessment',
  'pdf',
  'audit by citizen',
  'erase',
  'CPR in a comment',
  'CPR as a key',
  'old URL form',
  'score',
  'metrics',
  'outcome',
  'outcome batch',
  'outcome history',
  'CPR in an outcome reason',
] as const;

/**
 * Sends `n` generated CPR numbers (seeded) through the service on `kind`, then searches everything it
 * left for them and asserts nothing is found. Every number is used to create a screening; each other
 * operation is drawn for a share of them, so each is exercised many times within the time budget.
 */
export async function runAndSearch(kind: DatabaseKind, n: number, seed: number): Promise<void> {
  const c = chooser(seed);
  const cprs = generatedCprs(c, n);
  const run = await startRun(kind);
  const { t } = run;
  const r = recorder(t);
  const admin = auth(KEYS.admin);
  const json = { ...admin, 'content-type': 'application/json' };
  const counts = new Map<string, number>();
  const did = (op: (typeof OPERATIONS)[number]) => counts.set(op, (counts.get(op) ?? 0) + 1);
  // Spellings the API accepts for the number itself (trimmed): DDMMYYSSSS, DDMMYY-SSSS.
  const accepted = (cpr: string) => c.pick([cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`, ` ${cpr} `]);
  const kept: string[] = [];
  try {
    for (const [i, cpr] of cprs.entries()) {
      const citizen = { ...admin, ...cprHeader(accepted(cpr).trim()) };
      const member = c.chance(0.5) ? sampleMember() : lowRiskMember();
      const idempotency: Record<string, string> = c.chance(0.25) ? { 'idempotency-key': `run-${i}` } : {};
      // Half the screenings name their benefit period, whose outcome can then be recorded.
      const period = c.chance(0.5) ? { occasion: 'first_interview', benefitPeriodStart: '2026-01-05', screeningDate: '2026-01-07' } : null;
      const body = { cpr: accepted(cpr), ...member, caseworkerId: `sb-${i % 17}`, ...period };
      const created = await r.send({ method: 'POST', url: '/v1/screenings', headers: { ...json, ...idempotency }, payload: body });
      expect(created.statusCode).toBe(201);
      did('create');
      const id = (created.json() as { id: string }).id;
      if (idempotency['idempotency-key']) {
        // The retry is answered from storage, and searched like every other answer.
        const again = await r.send({ method: 'POST', url: '/v1/screenings', headers: { ...json, ...idempotency }, payload: body });
        expect(again.statusCode).toBe(200);
        did('create retried');
      }
      for (const [op, suffix] of [
        ['exists', '/screening-result/exists'],
        ['result', '/screening-result'],
        ['history', '/screenings'],
      ] as const) {
        if (!c.chance(0.2)) continue;
        expect((await r.send({ method: 'GET', url: `/v1/citizen${suffix}`, headers: citizen })).statusCode).toBe(200);
        did(op);
      }
      if (c.chance(0.2)) {
        expect((await r.send({ method: 'GET', url: `/v1/screenings/${id}`, headers: admin })).statusCode).toBe(200);
        did('by id');
      }
      if (c.chance(0.4)) {
        const assessed = await r.send({
          method: 'PUT',
          url: `/v1/screenings/${id}/assessment`,
          headers: json,
          payload: { correctedTargetGroup: c.pick([1, 2]), reason: 'andet', comment: c.pick(COMMENTS), caseworkerId: `sb-${i % 17}` },
        });
        expect(assessed.statusCode).toBe(201);
        did('assessment');
      }
      if (c.chance(0.06)) {
        expect((await r.send({ method: 'GET', url: '/v1/citizen/screening-result/pdf', headers: citizen })).statusCode).toBe(200);
        did('pdf');
      }
      if (c.chance(0.2)) {
        expect((await r.send({ method: 'GET', url: '/v1/audit?limit=5', headers: citizen })).statusCode).toBe(200);
        did('audit by citizen');
      }
      if (period !== null) {
        const outcomes = { ...auth(KEYS.outcomes), 'content-type': 'application/json' };
        const weeklyHours = Array.from({ length: 8 }, (_, k) => ({ week: `20260${k + 2}`, hours: c.pick([37, 18.5, 0]) }));
        const record = { benefitPeriodStart: period.benefitPeriodStart, statusWeek13: 'on_sickness_benefit', weeklyHours };
        const mode = c.int(4);
        if (mode === 0) {
          const res = await r.send({
            method: 'PUT',
            url: '/v1/citizen/outcome',
            headers: { ...outcomes, ...cprHeader(accepted(cpr).trim()) },
            payload: record,
          });
          expect(res.statusCode).toBe(201);
          did('outcome');
        } else if (mode === 1) {
          const res = await r.send({
            method: 'POST',
            url: '/v1/outcomes/batch',
            headers: outcomes,
            payload: [{ cpr: accepted(cpr), ...record }],
          });
          expect(res.statusCode).toBe(200);
          did('outcome batch');
        }
        if (c.chance(0.3)) {
          expect((await r.send({ method: 'GET', url: '/v1/citizen/outcomes', headers: citizen })).statusCode).toBe(200);
          did('outcome history');
        }
        if (c.chance(0.1)) {
          const refused = await r.send({
            method: 'POST',
            url: '/v1/outcomes/batch',
            headers: outcomes,
            payload: [{ cpr: accepted(cpr), ...record, correction: true, correctionReason: `borger ${c.pick(cprSpellings(cpr))}` }],
          });
          expect(refused.statusCode).toBe(422);
          did('CPR in an outcome reason');
        }
      }
      // Where the number must not go: free text, a key, the old URL forms.
      const misplaced = c.int(10);
      if (misplaced === 0) {
        const refused = await r.send({
          method: 'PUT',
          url: `/v1/screenings/${id}/assessment`,
          headers: json,
          payload: {
            correctedTargetGroup: 1,
            reason: 'andet',
            comment: `Ring til borgeren, cpr ${c.pick(cprSpellings(cpr))}`,
            caseworkerId: 'sb',
          },
        });
        expect(refused.statusCode).toBe(422);
        did('CPR in a comment');
      } else if (misplaced === 1) {
        const payload = { members: [{ ...member, [c.pick(cprSpellings(cpr))]: 1 }] };
        expect((await r.send({ method: 'POST', url: '/v1/score', headers: json, payload })).statusCode).toBe(400);
        did('CPR as a key');
      } else if (misplaced === 2) {
        const url = c.pick([
          `/v1/citizens/${cpr}/screening-result`,
          `/v1/citizens/${cpr.slice(0, 6)}-${cpr.slice(6)}`,
          `/v1/audit?cpr=${cpr}`,
        ]);
        expect([400, 404]).toContain((await r.send({ method: c.pick(['GET', 'DELETE'] as const), url, headers: admin })).statusCode);
        did('old URL form');
      }
      if (c.chance(0.3)) {
        expect((await r.send({ method: 'DELETE', url: '/v1/citizen', headers: citizen })).statusCode).toBe(200);
        did('erase');
        if (c.chance(0.3))
          expect((await r.send({ method: 'GET', url: '/v1/citizen/screening-result', headers: citizen })).statusCode).toBe(404);
      } else {
        kept.push(cpr);
      }
    }
    const batch = Array.from({ length: 50 }, () => (c.chance(0.5) ? sampleMember() : lowRiskMember()));
    for (const explain of ['false', 'true']) {
      expect(
        (await r.send({ method: 'POST', url: `/v1/score?explain=${explain}`, headers: json, payload: { members: batch } })).statusCode,
      ).toBe(200);
      did('score');
    }
    const metrics = await r.send({ method: 'GET', url: '/metrics', headers: admin });
    expect(metrics.statusCode).toBe(200);
    did('metrics');
    for (const op of OPERATIONS) expect(counts.get(op) ?? 0, op).toBeGreaterThan(0);

    const log = run.cap.text();
    const files = await run.databaseFiles();
    const everything: Haystack[] = [...r.haystacks, { where: 'log', content: log }, { where: 'metrics', content: metrics.body }, ...files];
    const findings = findCprs(everything, cprs);
    expect(describeFindings(findings), `${findings.length} findings`).toEqual([]);

    // The search looked at what it claims to: the log holds the run (and masked numbers from the old URL
    // forms), every PDF was read (each shows the masked number), the files are the live database (the
    // keyed hash of a kept citizen is in them), and the metrics name the routes.
    expect(log).toContain('"msg":"incoming request"');
    expect(log).toMatch(/\d{6}-XXXX/);
    if (hasPdftotext) {
      expect(r.pdfTexts.length).toBe(r.pdfs);
      expect(r.pdfTexts.every((text) => /\d{6}-XXXX/.test(text))).toBe(true);
    }
    const keyOfKept = t.app.citizenKeyOf(kept[0]);
    expect(findPhrase(files, keyOfKept).length).toBeGreaterThan(0);
    expect(metrics.body).toContain('route="/v1/citizen/screening-result/exists"');
    if (kind === 'sqlite') expect(files.map((f) => f.where)).toContain(`${run.sqlitePath}-wal`);
    else expect(files.some((f) => f.where.startsWith('screenings'))).toBe(true);

    if (run.sqlitePath) {
      // Closed, the write-ahead log is checkpointed into the file, which is searched once more.
      await run.closeApp();
      const closedFiles = sqliteFiles(run.sqlitePath);
      const after = findCprs(closedFiles, cprs);
      expect(describeFindings(after), `${after.length} findings after close`).toEqual([]);
      expect(findPhrase(closedFiles, keyOfKept).length).toBeGreaterThan(0);
    }
  } finally {
    await run.close();
  }
}

/**
 * Erases a member whose assessment comment is a distinctive sentence, then searches the database files
 * (PostgreSQL after CHECKPOINT; SQLite with the app open, then closed) and the log for the sentence.
 */
export async function eraseAndSearch(kind: DatabaseKind, seed: number): Promise<void> {
  const c = chooser(seed);
  const [cpr, other] = generatedCprs(c, 2);
  const sentence = `Medlemmet fortalte om sin datters sygdom og en gæld til ${c.pick(['Nordea', 'Danske Bank', 'SKAT'])}, sag ${c.int(1e9)}`;
  const run = await startRun(kind);
  const { t } = run;
  const admin = auth(KEYS.admin);
  try {
    for (const who of [cpr, other]) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: admin,
        payload: { cpr: who, ...sampleMember() },
      });
      expect(created.statusCode).toBe(201);
      const comment = who === cpr ? sentence : 'Aftalt fokussamtale';
      const assessed = await t.app.inject({
        method: 'PUT',
        url: `/v1/screenings/${(created.json() as { id: string }).id}/assessment`,
        headers: admin,
        payload: { correctedTargetGroup: 2, reason: 'andet', comment, caseworkerId: 'sb-17' },
      });
      expect(assessed.statusCode).toBe(201);
    }
    const erased = await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...admin, ...cprHeader(cpr) } });
    expect(erased.json()).toEqual({ erasedScreenings: 1, erasedAssessments: 1 });

    const files = await run.databaseFiles();
    // The files read are the live database: the audit log keeps the erased citizen's keyed hash.
    expect(findPhrase(files, t.app.citizenKeyOf(cpr)).length).toBeGreaterThan(0);
    const found = [...findPhrase(files, sentence), ...findPhrase([{ where: 'log', content: run.cap.text() }], sentence)];
    expect(describeFindings(found), 'the erased comment').toEqual([]);
    if (run.sqlitePath) {
      await run.closeApp();
      expect(describeFindings(findPhrase(sqliteFiles(run.sqlitePath), sentence)), 'the erased comment, after close').toEqual([]);
    }
  } finally {
    await run.close();
  }
}
