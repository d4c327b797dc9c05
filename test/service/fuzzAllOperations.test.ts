/**
 * A seeded fuzz over every operation the app's own OpenAPI document lists: valid requests built from the
 * schemas' examples, then mutated bodies, raw and truncated JSON, odd content types, path parameters,
 * queries and headers, under every role's key, none and a wrong one. Every answer must be below 500,
 * every 4xx problem+json with a matching status, every answer must carry the security headers, and no
 * answer may carry a CPR number the generator sent. The operations are read from `app.swagger()` so that
 * a new or moved route (the CPR number moving from the path into a header) is fuzzed without editing this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { serviceSecurityHeaders } from '../../src/service/plugins/securityHeaders.js';
import { mersenneTwister } from '../../src/stats/mersenneTwister.js';
import { databaseKinds, KEYS, startApp, type DatabaseKind, type TestApp } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The request body's example, when the operation takes one. */
  example?: Json;
}

/** The budget: stop at this many requests or this many milliseconds, whichever comes first. */
const SQLITE_REQUESTS = 100_000;
const POSTGRES_REQUESTS = 5_000;
/** FUZZ_REQUESTS shortens a local run; CI always sends the full count. */
const LOCAL_LIMIT = process.env.CI ? Number.POSITIVE_INFINITY : Number(process.env.FUZZ_REQUESTS ?? Number.POSITIVE_INFINITY);
const BUDGET_MS = 150_000;
const SEED = 20_261_201;
const SECURITY_HEADERS = serviceSecurityHeaders();
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** A seeded source of choices. */
function chooser(seed: number) {
  const mt = mersenneTwister(seed);
  const int = (n: number) => Math.floor(mt.uniform() * n);
  return {
    int,
    chance: (p: number) => mt.uniform() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
  };
}
type Chooser = ReturnType<typeof chooser>;

/** Resolves a local `$ref` in the document. */
function resolve(doc: Schema, schema: unknown): Schema {
  let s = schema as Schema | undefined;
  while (s && typeof s.$ref === 'string') {
    s = (s.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Schema)[key], doc) as Schema;
  }
  return s ?? {};
}

/** Every operation of the document, with its parameters and its body's example. */
function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const parameters = ((op.parameters ?? []) as Parameter[]).map((p) => ({ ...p, schema: resolve(doc, p.schema) }));
      const content = (op.requestBody as Schema | undefined)?.content as Record<string, Schema> | undefined;
      const media = content?.['application/json'];
      const example = media ? ((media.example ?? resolve(doc, media.schema).example) as Json | undefined) : undefined;
      ops.push({ method: method.toUpperCase(), path, parameters, ...(media ? { example: example ?? {} } : {}) });
    }
  }
  return ops;
}

/** A CPR number with a real date, DDMMYYSSSS. */
function randomCpr(c: Chooser): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(1 + c.int(28))}${two(1 + c.int(12))}${two(c.int(100))}${String(c.int(10_000)).padStart(4, '0')}`;
}

/** Spellings of a CPR number as a client might send it in a body, query or header. */
function spell(c: Chooser, cpr: string): string {
  const [d, s] = [cpr.slice(0, 6), cpr.slice(6)];
  return c.pick([cpr, `${d}-${s}`, `${d} ${s}`, ` ${cpr} `, `cpr ${d} ${s}`, `${d}\u2011${s}`, `\u00a0${cpr}`, `${cpr}\n`, `x${cpr}x`]);
}

/** Spellings of a CPR number in a URL: padded, percent-encoded digits and separators. */
function spellInUrl(c: Chooser, cpr: string): string {
  const [d, s] = [cpr.slice(0, 6), cpr.slice(6)];
  const encodedDigits = [...cpr].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join('');
  return c.pick([cpr, `${d}-${s}`, `${d}%2D${s}`, `%20${cpr}%20`, `%09${cpr}`, `%C2%A0${cpr}`, encodedDigits, `${d}%20${s}`, `${cpr}%0A`]);
}

const ODD_STRINGS = [
  '',
  ' ',
  'x',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e308',
  '0x10',
  '💥',
  'æøå ÆØÅ',
  '\u0000',
  '\u202e',
  '\ud800',
  '<script>',
  "'; drop table screenings; --",
  '../../etc/passwd',
  '%ZZ',
  'a'.repeat(300),
];
const ODD_NUMBERS = [0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 63, 1e-320, 15, 100, 101, 14.999];

/** A value of any type that the schema probably does not want. */
function oddValue(c: Chooser, cprs: readonly string[], depth = 0): Json {
  switch (c.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return c.chance(0.5);
    case 2:
      return c.pick(ODD_NUMBERS);
    case 3:
      return c.pick(ODD_STRINGS);
    case 4:
    case 5:
      return spell(c, c.pick(cprs));
    case 6:
      return [oddValue(c, cprs, depth + 1)];
    case 7:
      return { [c.pick(['a', '__proto__', 'constructor', c.pick(cprs)])]: oddValue(c, cprs, depth + 1) };
    default:
      return deepNesting(c.pick([10, 100, 2000]));
  }
}

function deepNesting(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** The paths to every value inside a JSON value, its root included. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  // Deeply nested bodies are mutated at their top levels only; walking 2,000 levels would overflow the stack.
  if (value === null || typeof value !== 'object' || prefix.length > 12) return [prefix];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

/** The container holding the value at a path (the body is a fresh copy, so it may be changed). */
function parentOf(root: Json, path: (string | number)[]): Record<string | number, Json> | undefined {
  let node: Json = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key];
  return node !== null && typeof node === 'object' ? (node as Record<string | number, Json>) : undefined;
}

/** Defines an own property, so that `__proto__` becomes a key of the JSON text instead of a prototype. */
function define(target: Record<string | number, Json>, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The example with CPR-shaped fields given one of the pool's numbers, then 0 to 3 mutations. */
function mutatedBody(c: Chooser, example: Json, cprs: readonly string[]): Json {
  const body = structuredClone(example) as Json;
  if (body && typeof body === 'object' && !Array.isArray(body) && typeof body.cpr === 'string') body.cpr = spell(c, c.pick(cprs));
  const rounds = c.pick([0, 0, 1, 1, 1, 2, 3]);
  let root = body;
  for (let r = 0; r < rounds; r++) {
    const paths = pathsOf(root);
    const path = c.pick(paths);
    const parent = path.length ? parentOf(root, path) : undefined;
    const key = path[path.length - 1];
    const kind = c.int(6);
    if (path.length === 0 || !parent) {
      if (kind === 0) root = oddValue(c, cprs);
      continue;
    }
    if (kind <= 1) parent[key] = oddValue(c, cprs);
    else if (kind === 2 && !Array.isArray(parent)) delete parent[key];
    else if (kind === 3 && typeof parent[key] === 'string') parent[key] = spell(c, c.pick(cprs));
    else if (kind === 4 && !Array.isArray(parent))
      define(parent, c.pick(['__proto__', 'constructor', 'extra', c.pick(cprs), spell(c, c.pick(cprs))]), oddValue(c, cprs));
    else if (typeof parent[key] === 'number') parent[key] = c.pick(ODD_NUMBERS);
    else parent[key] = oddValue(c, cprs);
  }
  return root;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; boundary=',
  '',
];

/** The request body text: JSON, or empty, truncated or not JSON at all. */
function bodyText(c: Chooser, body: Json): string {
  const text = JSON.stringify(body) ?? 'null';
  switch (c.int(12)) {
    case 0:
      return '';
    case 1:
      return text.slice(0, c.int(text.length));
    case 2:
      return `${text},`;
    case 3:
      return c.pick([
        'null',
        '[]',
        '"x"',
        '12345678901234567890',
        '{"a":1,}',
        'NaN',
        "{'a':1}",
        '\ufeff{}',
        '{"__proto__":{"admin":true}}',
      ]);
    default:
      return text;
  }
}

/** Percent-encodes text for a URL; a lone surrogate goes in as the bytes a careless client would send. */
function urlEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** A value for a parameter: valid by its schema most of the time, odd otherwise. */
function parameterValue(c: Chooser, p: Parameter, known: Known, cprs: readonly string[], inUrl: boolean): string | undefined {
  const s = p.schema ?? {};
  const name = p.name.toLowerCase();
  const cprShaped = name.includes('cpr') || name.includes('civil-registration');
  if (c.chance(0.1)) return inUrl ? urlEncode(c.pick(ODD_STRINGS)) : c.pick(ODD_STRINGS);
  if (cprShaped) {
    const cpr = c.chance(0.4) ? c.pick(known.cprs.length ? known.cprs : cprs) : c.pick(cprs);
    return inUrl ? spellInUrl(c, cpr) : c.chance(0.7) ? cpr : spell(c, cpr);
  }
  if (c.chance(0.1)) return inUrl ? spellInUrl(c, c.pick(cprs)) : spell(c, c.pick(cprs));
  if (Array.isArray(s.enum)) return String(c.pick(s.enum as Json[]));
  if (s.format === 'uuid' || name === 'id' || name.endsWith('id')) {
    if (name === 'id' || name === 'screeningid') {
      if (known.screeningIds.length && c.chance(0.6)) return c.pick(known.screeningIds);
      return c.pick([crypto.randomUUID(), '00000000-0000-0000-0000-000000000000', 'not-a-uuid', crypto.randomUUID().toUpperCase()]);
    }
  }
  if (name === 'version') return c.chance(0.7) && known.versions.length ? c.pick(known.versions) : c.pick(['none', '..', '1.0.0']);
  if (name === 'idempotency-key') return c.pick([`k-${c.int(200)}`, `k-${c.int(1_000_000)}`, 'x'.repeat(256), 'ä', ' ']);
  if (s.format === 'date-time')
    return c.pick(['2026-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59', '2026-02-30T00:00:00Z', 'yesterday']);
  if (s.type === 'integer' || s.type === 'number') return String(c.pick([1, 10, 100, 1000, 1001, 0, -1, 1.5, 1e308, 2 ** 63]));
  if (typeof s.pattern === 'string' && (s.pattern as string).includes('\\d'))
    return c.pick(['1', '0', String(c.int(1_000_000)), '9223372036854775807', '9223372036854775808', '99999999999999999999']);
  if (typeof s.example === 'string') return s.example as string;
  return c.pick(['a', 'sb-17', 'screening.create', 'ok', 'denied', String(c.int(1000))]);
}

/** What the fuzz has learnt of the app's state: ids of screenings made, citizens screened, model versions. */
interface Known {
  screeningIds: string[];
  cprs: string[];
  versions: string[];
}

const ROLE_KEYS = [KEYS.create, KEYS.read, KEYS.assess, KEYS.outcomes, KEYS.admin, KEYS.admin, KEYS.monitor];

/** One request for an operation. */
function request(c: Chooser, op: Operation, known: Known, cprs: readonly string[]): InjectOptions {
  let url = op.path;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in === 'path') {
      url = url.replace(`{${p.name}}`, parameterValue(c, p, known, cprs, true) ?? '');
    } else if (p.in === 'query') {
      if (!p.required && c.chance(0.6)) continue;
      const v = parameterValue(c, p, known, cprs, true) ?? '';
      query.push(`${encodeURIComponent(p.name)}=${/%/.test(v) ? v : urlEncode(v)}`);
      if (c.chance(0.05)) query.push(`${encodeURIComponent(p.name)}=${urlEncode(v)}`);
    } else if (p.in === 'header') {
      if (!p.required && c.chance(0.4)) continue;
      if (p.required && c.chance(0.05)) continue;
      const v = parameterValue(c, p, known, cprs, false);
      if (v !== undefined) headers[p.name] = v.replace(/[\r\n]/g, '');
    }
  }
  if (c.chance(0.05)) query.push(c.pick(['unknown=1', `cpr=${c.pick(cprs)}`, 'limit[]=1', '%ZZ=1', '__proto__=1']));
  if (c.chance(0.03)) url = c.pick([`${url}/`, `${url}/x`, url.replace(/\/[^/]*$/, '/%ZZ'), `${url}//`]);
  if (query.length) url += `?${query.join('&')}`;

  const r = c.int(10);
  if (r < 7) headers.authorization = `Bearer ${c.pick(ROLE_KEYS)}`;
  else if (r === 7) headers.authorization = c.pick(['Bearer wrong-key', `Bearer ${KEYS.admin}x`, 'Basic YTpi', 'Bearer ', KEYS.admin]);
  else if (r === 8) headers['x-api-key'] = c.pick([KEYS.read, 'wrong']);
  if (c.chance(0.08)) headers['x-civil-registration-identifier'] = spell(c, c.pick(cprs)).replace(/[\r\n]/g, '');
  if (c.chance(0.05)) headers['idempotency-key'] ??= `k-${c.int(100)}`;
  if (c.chance(0.05))
    headers[c.pick(['x-forwarded-for', 'accept', 'accept-language', 'x-request-id', c.pick(cprs)])] = c.pick([
      '*/*',
      'da',
      '1.2.3.4',
      c.pick(cprs),
      'application/pdf',
    ]);

  let method = op.method;
  if (method === 'GET' && c.chance(0.05)) method = 'HEAD';
  if (c.chance(0.01)) method = c.pick(['PATCH', 'OPTIONS', 'TRACE', 'DELETE', 'POST']);
  const options: InjectOptions = { method: method as InjectOptions['method'], url, headers };
  if (op.example !== undefined || c.chance(0.02)) {
    const body = mutatedBody(c, op.example ?? {}, cprs);
    const contentType = c.chance(0.8) ? 'application/json' : c.pick(CONTENT_TYPES);
    if (contentType) headers['content-type'] = contentType;
    options.payload = c.chance(0.7) ? (JSON.stringify(body) ?? 'null') : bodyText(c, body);
  }
  return options;
}

/** Where a response carries one of the CPR numbers, in either spelling, or undefined. */
function cprLeak(text: string, sent: ReadonlySet<string>): string | undefined {
  for (const m of text.matchAll(/\d{6}-\d{4}/g)) if (sent.has(m[0].replace('-', ''))) return m[0];
  for (const m of text.matchAll(/\d{10,}/g)) {
    for (let i = 0; i + 10 <= m[0].length; i++) if (sent.has(m[0].slice(i, i + 10))) return m[0].slice(i, i + 10);
  }
  return undefined;
}

interface Offence {
  request: string;
  status: number;
  why: string;
  body: string;
}

/** Runs the fuzz against one app; returns the status counts and the first offences. */
async function fuzz(app: FastifyInstance, seed: number, target: number) {
  const c = chooser(seed);
  const ops = operationsOf(app.swagger() as unknown as Schema);
  const cprs = Array.from({ length: 60 }, () => randomCpr(c));
  const sent = new Set(cprs);
  const known: Known = { screeningIds: [], cprs: [], versions: [] };
  const models = await app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${KEYS.admin}` } });
  const list = models.json() as unknown;
  const entries = (Array.isArray(list) ? list : ((list as Schema).models ?? (list as Schema).items ?? [])) as Schema[];
  for (const m of entries) if (typeof m.version === 'string') known.versions.push(m.version);

  const statuses = new Map<number, number>();
  const perOperation = new Map<string, number>();
  const offences: Offence[] = [];
  const problems = new Map<string, number>();
  const started = Date.now();
  let sentCount = 0;
  while (sentCount < target && Date.now() - started < BUDGET_MS) {
    // Each op gets its turn in rotation, so every one is exercised whatever the budget allows.
    const op = c.chance(0.5) ? ops[sentCount % ops.length] : c.pick(ops);
    const options = request(c, op, known, cprs);
    const res = await app.inject(options);
    sentCount++;
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const opName = `${op.method} ${op.path}`;
    perOperation.set(opName, (perOperation.get(opName) ?? 0) + 1);

    const whys: string[] = [];
    if (res.statusCode >= 500) whys.push('5xx');
    if (res.statusCode >= 400) {
      if (!/^application\/problem\+json/.test(String(res.headers['content-type'] ?? '')))
        whys.push(`content-type ${res.headers['content-type']}`);
      if (options.method !== 'HEAD') {
        let problem: Schema | undefined;
        try {
          problem = JSON.parse(res.body) as Schema;
        } catch {
          whys.push('body not JSON');
        }
        if (problem && (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== res.statusCode))
          whys.push('not a problem with type, title and its status');
      } else if (res.body !== '') whys.push('body on HEAD');
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (res.headers[name] !== value) whys.push(`header ${name}`);
    const leak = cprLeak(res.body, sent) ?? cprLeak(JSON.stringify(res.headers), sent);
    if (leak) whys.push(`CPR ${leak} in the answer`);
    for (const why of whys) {
      const category = `${why.replace(/\d{6}-?\d{4}/, 'N')} (${opName})`;
      problems.set(category, (problems.get(category) ?? 0) + 1);
    }
    if (whys.length && offences.length < 10) {
      const payload = typeof options.payload === 'string' ? ` ${options.payload.slice(0, 160)}` : '';
      offences.push({
        request: `${options.method} ${options.url}${payload}`,
        status: res.statusCode,
        why: whys.join('; '),
        body: res.body.slice(0, 200),
      });
    }

    if (res.statusCode === 201 && op.method === 'POST' && op.example && typeof options.payload === 'string') {
      try {
        const created = res.json() as Schema;
        if (typeof created.id === 'string' && known.screeningIds.length < 500) known.screeningIds.push(created.id);
        const cpr = (JSON.parse(options.payload) as Schema).cpr;
        if (typeof cpr === 'string' && known.cprs.length < 100) known.cprs.push(cpr.replace(/\D/g, ''));
      } catch {
        // A created answer that is not JSON is not ours to learn from.
      }
    }
  }
  return { sent: sentCount, seconds: (Date.now() - started) / 1000, statuses, perOperation, offences, problems, operations: ops.length };
}

describe.each(databaseKinds())('fuzz over every operation of the OpenAPI document (%s)', (kind: DatabaseKind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, {
      RATE_LIMIT_MAX: '100000000',
      RATE_LIMIT_AUTH_FAILURES: '100000000',
      SCORE_MEMBERS_PER_MINUTE: '100000000',
      EXPLORER_SCORES_PER_MINUTE: '100000000',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const target = Math.min(kind === 'sqlite' ? SQLITE_REQUESTS : POSTGRES_REQUESTS, LOCAL_LIMIT);
  it(
    `sends ${target} seeded requests: no 5xx, every error problem+json, security headers, no CPR number echoed`,
    async () => {
      const result = await fuzz(t.app, SEED + (kind === 'sqlite' ? 0 : 1), target);
      const counts = Object.fromEntries([...result.statuses].sort(([a], [b]) => a - b));
      console.log(
        `fuzz (${kind}): ${result.sent} requests over ${result.operations} operations in ${result.seconds.toFixed(1)} s; statuses ${JSON.stringify(counts)}`,
      );
      if (result.problems.size)
        console.log(`fuzz (${kind}): offences by kind ${JSON.stringify(Object.fromEntries(result.problems), null, 1)}`);
      expect(result.offences).toEqual([]);
      // Every operation was tried, and the fuzz reached both acceptance and refusal.
      expect(result.perOperation.size).toBe(result.operations);
      expect([...result.statuses.keys()].some((s) => s < 300)).toBe(true);
      expect(result.statuses.get(201) ?? 0).toBeGreaterThan(0);
      expect(result.statuses.get(400) ?? 0).toBeGreaterThan(0);
      expect(result.statuses.get(401) ?? 0).toBeGreaterThan(0);
      expect(result.statuses.get(403) ?? 0).toBeGreaterThan(0);
      if (process.env.CI) expect(result.sent).toBe(target);
    },
    BUDGET_MS + 60_000,
  );
});
