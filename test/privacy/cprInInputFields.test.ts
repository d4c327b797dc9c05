/**
 * A CPR number sent in any input field other than the one meant for it (the create body's `cpr`, the
 * X-Civil-Registration-Identifier header), in any spacing or encoding, is refused, 422 for free text
 * that would be stored and 400 for a field whose schema it does not fit, naming the field and never
 * echoing the number, or, where the value is only read (a query filter), passes masked; the response,
 * the log lines of the request and the database hold no trace of it, and a refused write stores nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, databaseKinds, KEYS, logCapture, sampleMember, startApp, type DatabaseKind, type TestApp } from '../service/helpers.js';
import { rawDatabase, type RawDatabase } from '../support/rawDatabase.js';

/** The number sent where it does not belong (fails modulus 11, as numbers issued since 2007 may). */
const CPR = '0707614286';
const [DATE, SEQUENCE] = [CPR.slice(0, 6), CPR.slice(6)];
const UNTHROTTLED = { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_AUTH_FAILURES: '1000000', SCORE_MEMBERS_PER_MINUTE: '1000000' };
const fullwidth = (digits: string) => [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
const percentDigits = (digits: string) => [...digits].map((d) => `%${d.charCodeAt(0).toString(16).toUpperCase()}`).join('');

/** The number as free text in a JSON string may spell it. `\\u` marks the one sent with its digits as JSON escapes. */
const TEXT_SPELLINGS: Record<string, string> = {
  plain: CPR,
  hyphen: `${DATE}-${SEQUENCE}`,
  space: `${DATE} ${SEQUENCE}`,
  'two spaces': `${DATE}  ${SEQUENCE}`,
  tab: `${DATE}\t${SEQUENCE}`,
  'no-break space': `${DATE}\u00a0${SEQUENCE}`,
  'narrow no-break space': `${DATE}\u202f${SEQUENCE}`,
  'thin space': `${DATE}\u2009${SEQUENCE}`,
  'en dash': `${DATE}\u2013${SEQUENCE}`,
  'minus sign': `${DATE}\u2212${SEQUENCE}`,
  'non-breaking hyphen': `${DATE}\u2011${SEQUENCE}`,
  'spaced hyphen': `${DATE} - ${SEQUENCE}`,
  'glued to words': `cpr${CPR}.`,
  'in a sentence': `Borgeren (${DATE}-${SEQUENCE}) ringede i dag`,
  'space as %20': `${DATE}%20${SEQUENCE}`,
  'space as +': `${DATE}+${SEQUENCE}`,
  'hyphen as %2D': `${DATE}%2D${SEQUENCE}`,
  'digits as %30..%39': percentDigits(CPR),
  'digits as JSON \\u escapes': '\\u',
  'fullwidth digits': fullwidth(CPR),
  'fullwidth digits, ASCII hyphen': `${fullwidth(DATE)}-${fullwidth(SEQUENCE)}`,
};

/** The spellings tried on a field whose schema refuses any such string (an enum, a code of digits). */
const FEW_SPELLINGS = ['plain', 'hyphen', 'space', 'tab', 'hyphen as %2D', 'digits as JSON \\u escapes'];

/** The number in a header value (visible ASCII, as HTTP allows without doubt). */
const HEADER_SPELLINGS: Record<string, string> = {
  plain: CPR,
  hyphen: `${DATE}-${SEQUENCE}`,
  'glued to a prefix': `k-${CPR}`,
  space: `${DATE} ${SEQUENCE}`,
  'space as %20': `${DATE}%20${SEQUENCE}`,
  'hyphen as %2D': `${DATE}%2D${SEQUENCE}`,
  'digits as %30..%39': percentDigits(CPR),
};

/** The number in a URL query, encoded as a client might. */
const QUERY_SPELLINGS: Record<string, string> = {
  plain: CPR,
  hyphen: `${DATE}-${SEQUENCE}`,
  'space as %20': `${DATE}%20${SEQUENCE}`,
  'space as +': `${DATE}+${SEQUENCE}`,
  'hyphen as %2D': `${DATE}%2D${SEQUENCE}`,
  'tab as %09': `${DATE}%09${SEQUENCE}`,
  'no-break space as %C2%A0': `${DATE}%C2%A0${SEQUENCE}`,
  'digits as %30..%39': percentDigits(CPR),
  'fullwidth digits, percent-encoded': encodeURIComponent(fullwidth(CPR)),
};

/** What the request may write, whose rows must not grow when it is refused. */
type Writes = 'screening' | 'assessment' | 'none';

interface FieldCase {
  field: string;
  /** The statuses allowed: 422 for stored free text, 400 for a value the field's schema refuses, 200 for a filter only read. */
  statuses: number[];
  /** The field the problem must name. */
  named?: string;
  /** For a CPR-shaped key: the path before it; the problem names the key masked (`DDMMYY-XXXX` within it). */
  maskedKeyUnder?: string;
  /** Only the spellings a field's schema can tell apart: one it refuses for being a string at all needs fewer. */
  few?: boolean;
  writes: Writes;
  request(value: string, ctx: Context): InjectOptions;
}

interface Context {
  screeningId: string;
  /** A fresh valid CPR for each create, so a stored screening could be told apart. */
  nextCitizen(): string;
}

const admin = auth(KEYS.admin);
const member = () => sampleMember().member;
const create = (ctx: Context, changes: Record<string, unknown> = {}) => ({
  cpr: ctx.nextCitizen(),
  ...sampleMember(),
  caseworkerId: 'sb',
  ...changes,
});
const post = (url: string, payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url,
  headers: { ...admin, 'content-type': 'application/json', ...headers },
  payload: payload as InjectOptions['payload'],
});
const assess = (ctx: Context, changes: Record<string, unknown> = {}, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'PUT',
  url: `/v1/screenings/${ctx.screeningId}/assessment`,
  headers: { ...admin, 'content-type': 'application/json', ...headers },
  payload: {
    correctedTargetGroup: 1,
    reason: 'enig_i_vurderingen',
    comment: 'Aftalt fokussamtale',
    caseworkerId: 'sb',
    ...changes,
  } as InjectOptions['payload'],
});

/** Fields of a JSON body, each given the number as its value (or as a key). */
const BODY_FIELDS: FieldCase[] = [
  { field: 'assessment comment', statuses: [422], named: 'comment', writes: 'assessment', request: (v, c) => assess(c, { comment: v }) },
  {
    field: 'assessment caseworkerId',
    // A tab is a control character, which an identifier may not hold at all: 400, not 422.
    statuses: [400, 422],
    named: 'caseworkerId',
    writes: 'assessment',
    request: (v, c) => assess(c, { caseworkerId: v }),
  },
  {
    field: 'create caseworkerId',
    statuses: [400, 422],
    named: 'caseworkerId',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { caseworkerId: v })),
  },
  {
    field: 'member.municipality',
    few: true,
    statuses: [400],
    named: 'member.municipality',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), municipality: v } })),
  },
  {
    field: 'member.discoCode',
    few: true,
    statuses: [400],
    named: 'member.discoCode',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), discoCode: v } })),
  },
  {
    field: 'member.industry',
    few: true,
    statuses: [400],
    named: 'member.industry',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), industry: v } })),
  },
  {
    field: 'member.education',
    few: true,
    statuses: [400],
    named: 'member.education',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), education: v } })),
  },
  {
    field: 'member.region',
    few: true,
    statuses: [400],
    named: 'member.region',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), region: v } })),
  },
  {
    field: 'member.age as a string',
    few: true,
    statuses: [400],
    named: 'member.age',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), age: v } })),
  },
  {
    field: 'questionnaire.q2JobExpectation',
    few: true,
    statuses: [400],
    named: 'questionnaire.q2JobExpectation',
    writes: 'screening',
    request: (v, c) =>
      post('/v1/screenings', create(c, { questionnaire: { q2JobExpectation: v, q10HasBarriers: true, q10Barriers: ['it'] } })),
  },
  {
    field: 'questionnaire.q10Barriers.0',
    few: true,
    statuses: [400],
    named: 'questionnaire.q10Barriers.0',
    writes: 'screening',
    request: (v, c) =>
      post('/v1/screenings', create(c, { questionnaire: { q2JobExpectation: 'har_job', q10HasBarriers: true, q10Barriers: [v] } })),
  },
  {
    field: 'an unknown key',
    statuses: [400],
    named: 'note',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { note: v })),
  },
  {
    field: 'an unknown nested key',
    statuses: [400],
    named: 'member.note',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), note: { deeper: [v] } } })),
  },
  {
    field: 'an unknown key in the assessment',
    statuses: [400],
    named: 'note',
    writes: 'assessment',
    request: (v, c) => assess(c, { note: v }),
  },
  {
    field: 'a member to score',
    few: true,
    statuses: [400],
    named: 'members.0.member.discoCode',
    writes: 'none',
    request: (v) => post('/v1/score', { members: [{ ...sampleMember(), member: { ...member(), discoCode: v } }] }),
  },
  {
    field: 'an unknown key in a member to score',
    statuses: [400],
    named: 'members.0.member.note',
    writes: 'none',
    request: (v) => post('/v1/score', { members: [{ ...sampleMember(), member: { ...member(), note: v } }] }),
  },
];

/** Bodies holding the number as a key, whose name the problem must give masked. */
const KEY_FIELDS: FieldCase[] = [
  {
    field: 'a top-level key',
    statuses: [400],
    maskedKeyUnder: '',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { [v]: 1 })),
  },
  {
    field: 'a member key',
    statuses: [400],
    maskedKeyUnder: 'member.',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c, { member: { ...member(), [v]: 'x' } })),
  },
  {
    field: 'a key after an array index',
    statuses: [400],
    maskedKeyUnder: 'members.0.',
    writes: 'none',
    request: (v) => post('/v1/score', { members: [{ ...sampleMember(), [v]: 1 }] }),
  },
];

/** Headers that the service reads and may store. */
const HEADER_FIELDS: FieldCase[] = [
  {
    field: 'Idempotency-Key of a create',
    statuses: [400, 422],
    named: 'idempotency-key',
    writes: 'screening',
    request: (v, c) => post('/v1/screenings', create(c), { 'idempotency-key': v }),
  },
  {
    field: 'Idempotency-Key of an assessment',
    statuses: [400, 422],
    named: 'idempotency-key',
    writes: 'assessment',
    request: (v, c) => assess(c, {}, { 'idempotency-key': v }),
  },
  {
    // Fastify does not take the request id from a header here: the answer's requestId is the service's own.
    field: 'X-Request-Id of a create',
    statuses: [201],
    writes: 'none',
    request: (v, c) => post('/v1/screenings', create(c), { 'x-request-id': v }),
  },
];

/** URL queries and path parameters. */
const QUERY_FIELDS: FieldCase[] = [
  {
    field: 'score ?explain=',
    statuses: [400],
    named: 'explain',
    writes: 'none',
    request: (v) => post(`/v1/score?explain=${v}`, { members: [sampleMember()] }),
  },
  {
    field: 'a score query key',
    statuses: [400],
    named: `${DATE}-XXXX`,
    writes: 'none',
    request: (v) => post(`/v1/score?${v}=1`, { members: [sampleMember()] }),
  },
  {
    field: 'audit ?screeningId=',
    statuses: [400],
    named: 'screeningId',
    writes: 'none',
    request: (v) => get(`/v1/audit?screeningId=${v}`),
  },
  { field: 'audit ?from=', statuses: [400], named: 'from', writes: 'none', request: (v) => get(`/v1/audit?from=${v}`) },
  { field: 'an audit query key', statuses: [400], maskedKeyUnder: '', writes: 'none', request: (v) => get(`/v1/audit?${v}=1`) },
  // A filter is only compared, never stored or echoed: it passes, and the log shows the URL masked.
  { field: 'audit ?clientId=', statuses: [200], writes: 'none', request: (v) => get(`/v1/audit?clientId=${v}`) },
  { field: 'audit ?action=', statuses: [200], writes: 'none', request: (v) => get(`/v1/audit?action=${v}`) },
  { field: 'a screening id in the path', statuses: [400], named: 'id', writes: 'none', request: (v) => get(`/v1/screenings/${v}`) },
  {
    field: 'a screening id in the assessment path',
    statuses: [400],
    named: 'id',
    writes: 'assessment',
    request: (v, c) => ({ ...assess(c), url: `/v1/screenings/${v}/assessment` }),
  },
  { field: 'a model version in the path', statuses: [404], writes: 'none', request: (v) => get(`/v1/models/${v}`) },
];

function get(url: string): InjectOptions {
  return { method: 'GET', url, headers: admin };
}

/** The request with every plain occurrence of the number in its JSON text written as `\u00XX` escapes. */
function jsonEscaped(options: InjectOptions): InjectOptions {
  const text = JSON.stringify(options.payload);
  const escaped = [...CPR].map((d) => `\\u00${d.charCodeAt(0).toString(16)}`).join('');
  expect(text).toContain(CPR);
  return { ...options, payload: text.split(CPR).join(escaped) };
}

/** Percent-decoded where it decodes, as a reader of the text would. */
function decoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Whether one field's text, decoded, NFKC-folded and with everything but digits removed, still holds the number:
 * the strictest reading, which no separator, padding or encoding gets past.
 */
function holdsNumber(text: string): boolean {
  return decoded(text)
    .normalize('NFKC')
    .replace(/\\u00(3\d)/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/\D/g, '')
    .includes(CPR);
}

/** Every string and number inside a JSON value, keys included, each on its own. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
}

interface Problem {
  type: string;
  status: number;
  detail: string;
  requestId: string;
  errors?: { field: string; reason: string }[];
}

describe.each(databaseKinds())('a CPR number in a field not meant for it (%s)', (kind: DatabaseKind) => {
  let t: TestApp;
  let raw: RawDatabase;
  let dir: string | undefined;
  const cap = logCapture();
  const ctx: Context = {
    screeningId: '',
    nextCitizen: (() => {
      let day = 0;
      // 1 January 1970 onwards, sequence 1234: real, past dates, never the number under test.
      return () => {
        const d = new Date(Date.UTC(1970, 0, 1 + day++));
        const two = (n: number) => String(n).padStart(2, '0');
        return `${two(d.getUTCDate())}${two(d.getUTCMonth() + 1)}${two(d.getUTCFullYear() % 100)}1234`;
      };
    })(),
  };

  beforeAll(async () => {
    const env: Record<string, string> = { LOG_LEVEL: 'info', ...UNTHROTTLED };
    if (kind === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'cpr-fields-'));
      env.DATABASE_URL = `sqlite:${join(dir, 'db.sqlite')}`;
    }
    t = await startApp(kind, env, { logDestination: cap.stream });
    const created = await t.app.inject(post('/v1/screenings', create(ctx)));
    expect(created.statusCode).toBe(201);
    ctx.screeningId = (created.json() as { id: string }).id;
    raw = await rawDatabase(t.config.database);
  });
  afterAll(async () => {
    await raw?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Sends the request and holds it to the rules of the module comment. */
  async function check(c: FieldCase, spelling: string, options: InjectOptions): Promise<void> {
    const before = { screenings: await raw.count('screenings'), assessments: await raw.count('assessments') };
    const firstLine = cap.lines.length;
    const res = await t.app.inject(options);
    expect(c.statuses, `${spelling}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
    const body = res.json() as Problem & Record<string, unknown>;
    if (res.statusCode >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (res.statusCode === 422) expect(body.type).toBe('urn:ledighedsprofil:problem:personal-data-in-text');
      const fields = body.errors?.map((e) => e.field) ?? [];
      if (c.named !== undefined) expect(fields, spelling).toContain(c.named);
      if (c.maskedKeyUnder !== undefined) {
        expect(
          fields.some((f) => f.startsWith(c.maskedKeyUnder!) && f.includes(`${DATE}-XXXX`)),
          `${spelling}: ${fields.join(', ')}`,
        ).toBe(true);
      }
    }
    for (const text of stringsOf(body)) expect(holdsNumber(text), `${spelling}: response: ${text}`).toBe(false);
    for (const [name, value] of Object.entries(res.headers)) expect(holdsNumber(`${value}`), `${spelling}: header ${name}`).toBe(false);

    const requestId = body.requestId ?? (await requestIdOfLastLine());
    const lines = cap.lines
      .slice(firstLine)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.reqId === requestId);
    expect(lines.length).toBeGreaterThan(0);
    for (const text of lines.flatMap(stringsOf)) expect(holdsNumber(text), `${spelling}: log: ${text}`).toBe(false);

    // A refused write leaves no row; a request that got through left none holding the number either.
    if (res.statusCode >= 400) {
      expect(await raw.count('screenings')).toBe(before.screenings);
      expect(await raw.count('assessments')).toBe(before.assessments);
      if (c.writes !== 'none') expect(await raw.count('audit_log', 'request_id = ?', [requestId])).toBe(0);
    }
    for (const row of await raw.rows('SELECT * FROM audit_log WHERE request_id = ?', [requestId])) {
      for (const text of stringsOf(row)) expect(holdsNumber(text), `${spelling}: audit row: ${text}`).toBe(false);
    }
  }

  /** The request id of the request logged last (for answers that carry none, such as a 201). */
  async function requestIdOfLastLine(): Promise<string> {
    const last = JSON.parse(cap.lines[cap.lines.length - 1]) as { reqId: string };
    return last.reqId;
  }

  // One test per field, every spelling in it: the spelling is named in each assertion's message.
  it.each([...BODY_FIELDS, ...KEY_FIELDS])('$field', async (c) => {
    for (const [spelling, value] of Object.entries(TEXT_SPELLINGS)) {
      if (c.few && !FEW_SPELLINGS.includes(spelling)) continue;
      await check(c, spelling, value === '\\u' ? jsonEscaped(c.request(CPR, ctx)) : c.request(value, ctx));
    }
  });

  it.each(HEADER_FIELDS)('$field', async (c) => {
    for (const [spelling, value] of Object.entries(HEADER_SPELLINGS)) await check(c, spelling, c.request(value, ctx));
  });

  it.each(QUERY_FIELDS)('$field', async (c) => {
    for (const [spelling, value] of Object.entries(QUERY_SPELLINGS)) await check(c, spelling, c.request(value, ctx));
  });
});
