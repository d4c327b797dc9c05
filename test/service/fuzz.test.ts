/**
 * Throws malformed requests at every endpoint (wrong types, nulls, huge numbers, extra fields, deep
 * nesting, wrong content types, invalid JSON, odd path parameters) and checks that none gets a 500 and
 * every refusal is problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceSecurityHeaders } from '../../src/service/plugins/securityHeaders.js';
import { auth, CPR, cprHeader, KEYS, lowRiskMember, sampleMember, startApp, type TestApp } from './helpers.js';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  '',
  ' ',
  'x',
  'a'.repeat(5000),
  '0707614285',
  '💥',
  '\u0000',
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
  [[[[[[[[[[]]]]]]]]]],
];

/** Every leaf and object path of a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

/** `count` mutations of a valid body: a value replaced, a field dropped, a field added. */
function mutations(valid: unknown, count: number, seed: number): unknown[] {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const all = paths(valid);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const path = pick(all);
    const r = next();
    if (r < 0.6) out.push(setAt(valid, path, pick(ODD_VALUES)));
    else if (r < 0.8 && path.length > 0) {
      const parent = path.slice(0, -1);
      const obj = parent.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], valid);
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
        const { [path[path.length - 1]]: _gone, ...rest } = obj as Record<string, unknown>;
        out.push(setAt(valid, parent, rest));
      } else out.push(setAt(valid, path, pick(ODD_VALUES)));
    } else out.push(setAt(valid, [...path.filter((p) => typeof p === 'string').slice(0, 1), 'extra'], pick(ODD_VALUES)));
  }
  return out;
}

const RAW_BODIES: { contentType: string; payload: string }[] = [
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '{"a":1,}' },
  { contentType: 'application/json', payload: 'null' },
  { contentType: 'application/json', payload: '[]' },
  { contentType: 'application/json', payload: '"just a string"' },
  { contentType: 'application/json', payload: '12345678901234567890' },
  { contentType: 'application/json', payload: '{"__proto__":{"polluted":true}}' },
  { contentType: 'application/json', payload: '{"constructor":{"prototype":{"polluted":true}}}' },
  { contentType: 'application/json', payload: '['.repeat(5000) + ']'.repeat(5000) },
  { contentType: 'application/json; charset=latin1', payload: '{}' },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'cpr=0707614285' },
  { contentType: 'multipart/form-data; boundary=x', payload: '--x--' },
  { contentType: 'application/xml', payload: '<a/>' },
  { contentType: '', payload: '{}' },
];

const SECURITY_HEADERS = serviceSecurityHeaders();

describe('malformed requests', () => {
  let t: TestApp;
  let screeningId: string;
  beforeAll(async () => {
    t = await startApp('sqlite', { RATE_LIMIT_MAX: '1000000' });
    screeningId = (
      await t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.admin), payload: { cpr: CPR[0], ...sampleMember() } })
    ).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const seen = new Map<number, number>();
  async function expectNo500(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: string | object,
    contentType?: string,
    extraHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { ...auth(KEYS.admin), ...extraHeaders };
    if (contentType !== undefined) headers['content-type'] = contentType;
    const res = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500)
      throw new Error(`${method} ${url} ${JSON.stringify(payload)?.slice(0, 300)} → ${res.statusCode} ${res.body}`);
    if (res.statusCode >= 400) expectOnContract(res, `${method} ${url}`);
    return res;
  }

  /** An error answer: problem+json with a problem body and the security headers. */
  function expectOnContract(res: { headers: Record<string, unknown>; body: string; statusCode: number }, what: string, body = true) {
    expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], `${what}: ${name}`).toBe(value);
    if (body) expect(JSON.parse(res.body).status, what).toBe(res.statusCode);
    else expect(res.body, what).toBe('');
  }

  const bodies = () => ({
    'POST /v1/screenings': { cpr: CPR[1], ...sampleMember(), caseworkerId: 'sb' },
    [`PUT /v1/screenings/${screeningId}/assessment`]: {
      correctedTargetGroup: 2,
      correctedSubgroup: '2a',
      reason: 'jobtilbud_i_sigte',
      comment: 'ok',
      caseworkerId: 'sb',
    },
    'POST /v1/score': { members: [sampleMember(), lowRiskMember()] },
  });

  it('mutated JSON bodies never give a 500', async () => {
    let seed = 1;
    for (const [route, valid] of Object.entries(bodies())) {
      const [method, url] = route.split(' ') as ['POST' | 'PUT', string];
      for (const body of mutations(valid, 250, seed++)) await expectNo500(method, url, body as object);
    }
    // The mutations must have exercised both acceptance and refusal.
    expect(seen.get(400)).toBeGreaterThan(100);
    expect((seen.get(200) ?? 0) + (seen.get(201) ?? 0)).toBeGreaterThan(10);
  });

  it('raw bodies of every content type never give a 500', async () => {
    for (const [route] of Object.entries(bodies())) {
      const [method, url] = route.split(' ') as ['POST' | 'PUT', string];
      for (const b of RAW_BODIES) await expectNo500(method, url, b.payload, b.contentType);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('odd path parameters and query strings never give a 500', async () => {
    const odd = [
      '',
      ' ',
      '%00',
      '%ZZ',
      '..%2F..%2Fetc',
      'a'.repeat(300),
      encodeURIComponent('💥'),
      '0707614285%0A',
      '070761-4285',
      '-1',
      '1e308',
      'null',
    ];
    for (const p of odd) {
      await expectNo500('GET', '/v1/citizen/screening-result', undefined, undefined, cprHeader(p));
      await expectNo500('GET', '/v1/citizen/screening-result/exists', undefined, undefined, cprHeader(p));
      await expectNo500('GET', '/v1/citizen/screening-result/pdf', undefined, undefined, cprHeader(p));
      await expectNo500('GET', '/v1/citizen/screenings', undefined, undefined, cprHeader(p));
      await expectNo500('DELETE', '/v1/citizen', undefined, undefined, cprHeader(`${p}x`));
      await expectNo500('GET', `/v1/screenings/${p}`);
      await expectNo500('PUT', `/v1/screenings/${p}/assessment`, {
        correctedTargetGroup: 1,
        reason: 'jobtilbud_i_sigte',
        caseworkerId: 'sb',
      });
      await expectNo500('GET', `/v1/models/${p}`);
      await expectNo500('GET', `/v1/audit?limit=${p}&from=${p}&cursor=${p}`, undefined, undefined, cprHeader(p));
    }
    await expectNo500('GET', '/v1/audit?limit=5&limit=6');
    await expectNo500('GET', '/v1/audit?unknown=1');
    await expectNo500('GET', '/v1/audit?screeningId[]=x');
  });

  it('error answers to HEAD carry no body but the problem headers', async () => {
    const urls = ['/v1/models/none', '/v1/citizen/screening-result', '/v1/audit?cursor=9223372036854775808', '/v1/nowhere', '/v1/%ZZ'];
    for (const url of urls) {
      for (const headers of [{}, auth(KEYS.admin)]) {
        const res = await t.app.inject({ method: 'HEAD', url, headers });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, url).toBeLessThan(500);
        expectOnContract(res, `HEAD ${url}`, false);
      }
    }
  });

  it('odd headers never give a 500', async () => {
    for (const key of ['', 'a'.repeat(2000), 'ä', '\t', 'Bearer', KEYS.admin + ' x']) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${key}`, 'x-api-key': key } });
      expect(res.statusCode).toBeLessThan(500);
    }
    const idem = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.admin), 'idempotency-key': 'x'.repeat(300) },
      payload: { cpr: CPR[1], ...sampleMember() },
    });
    expect(idem.statusCode).toBe(400);
  });
});
