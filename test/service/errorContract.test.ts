/**
 * Every error on the contract (issue 10, point 8): parser-level errors as problem+json with the security
 * headers and `Connection: close`, no body on HEAD, the audit query's bounds, UTF-8 only, plausibility
 * of the member, and `Cache-Control: no-store` on every answer with personal data.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberInputSchema, storedMemberInputSchema } from '../../src/screening/member/memberSchema.js';
import { serviceSecurityHeaders } from '../../src/service/plugins/securityHeaders.js';
import { validatorCompiler } from '../../src/service/validation/compilers.js';
import { compileFastPath } from '../../src/service/validation/fastValidation.js';
import { auth, CPR, cprHeader, databaseKinds, KEYS, sampleMember, startApp, type TestApp } from './helpers.js';

/** Sends raw bytes and collects everything the server writes until it closes the connection. */
function rawExchange(port: number, text: string): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text: out, closed: false });
    }, 3000);
    socket.on('data', (d) => {
      out += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: out, closed: true });
    });
  });
}

/** Splits a raw HTTP/1.1 answer into status, lower-cased headers and body. */
function parseRaw(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head, ...rest] = text.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(serviceSecurityHeaders())) expect(headers[name], name).toBe(value);
}

describe('errors below Fastify, on a real socket', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startApp('sqlite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 431 to oversized headers as problem+json with the security headers, then closes', async () => {
    const res = await rawExchange(port, `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.closed).toBe(true);
    const r = parseRaw(res.text);
    expect(r.status).toBe(431);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(r.headers.connection).toBe('close');
    expect(r.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(r.headers);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ type: 'urn:ledighedsprofil:problem:http', status: 431 });
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
  });

  it('answers a request line that is not HTTP with 400 problem+json and closes', async () => {
    const res = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(res.closed).toBe(true);
    const r = parseRaw(res.text);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(r.headers.connection).toBe('close');
    expectSecurityHeaders(r.headers);
    expect(JSON.parse(r.body).status).toBe(400);
  });

  it('sends no body with a 431 to HEAD', async () => {
    const res = await rawExchange(port, `HEAD /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const r = parseRaw(res.text);
    expect(r.status).toBe(431);
    expect(r.body).toBe('');
  });

  it('sends no body with an error answer to HEAD, on routed and unroutable paths', async () => {
    for (const path of ['/v1/models', '/v1/nothing-here', '/v1/%ZZ', '/v1/citizen/screening-result']) {
      const res = await rawExchange(port, `HEAD ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      const r = parseRaw(res.text);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.headers['content-type'], path).toBe('application/problem+json');
      expectSecurityHeaders(r.headers);
      expect(r.body, path).toBe('');
    }
  });

  it('puts the security headers on a URL refused before routing', async () => {
    const r = parseRaw((await rawExchange(port, 'GET /v1/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).text);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expectSecurityHeaders(r.headers);
    expect(JSON.parse(r.body).type).toBe('urn:ledighedsprofil:problem:http');
  });
});

describe('body errors through app.inject()', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });
  const post = (payload: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: '/v1/score', headers: { ...auth(KEYS.admin), 'content-type': contentType }, payload });

  it('answers broken JSON, an empty body and too large a body as problem+json with the security headers', async () => {
    for (const [res, status] of [
      [await post('{'), 400],
      [await post(''), 400],
      [await post(JSON.stringify({ members: [], pad: 'x'.repeat(2_000_000) })), 413],
      [await post('hello', 'text/plain'), 415],
    ] as const) {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectSecurityHeaders(res.headers);
    }
  });

  it('names a __proto__ or constructor.prototype key instead of calling the body invalid JSON', async () => {
    const proto = await post('{"members":[{"member":{"__proto__":{"admin":true}}}]}');
    expect(proto.statusCode).toBe(400);
    expect(proto.json().type).toBe('urn:ledighedsprofil:problem:validation-error');
    expect(proto.json().errors).toEqual([{ field: 'members.0.member.__proto__', reason: expect.stringMatching(/forbidden key/) }]);
    const ctor = await post('{"constructor":{"prototype":{"polluted":true}}}');
    expect(ctor.statusCode).toBe(400);
    expect(ctor.json().errors[0].field).toBe('constructor.prototype');
    // A field merely named constructor is no prototype key: it is refused by the schema as unknown.
    const plain = await post('{"constructor":1}');
    expect(plain.json().errors[0].reason).not.toMatch(/forbidden key/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses a body in any charset but UTF-8 with 415, and takes utf-8 in any case or no charset', async () => {
    const body = JSON.stringify({ members: [sampleMember()] });
    for (const ct of [
      'application/json; charset=iso-8859-1',
      'application/json; charset=latin1',
      'application/json;charset="windows-1252"',
    ]) {
      const res = await post(body, ct);
      expect(res.statusCode, ct).toBe(415);
      expect(res.json().type).toBe('urn:ledighedsprofil:problem:unsupported-media-type');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    for (const ct of [
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json;charset="Utf-8"',
    ]) {
      expect((await post(body, ct)).statusCode, ct).toBe(200);
    }
  });

  it('keeps a Latin-1 comment from being stored as mojibake', async () => {
    const payload = Buffer.from(JSON.stringify({ cpr: CPR[0], ...sampleMember(), caseworkerId: 'søren' }), 'latin1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.admin), 'content-type': 'application/json; charset=iso-8859-1' },
      payload,
    });
    expect(res.statusCode).toBe(415);
    const history = await t.app.inject({
      method: 'GET',
      url: '/v1/citizen/screenings',
      headers: { ...auth(KEYS.admin), ...cprHeader(CPR[0]) },
    });
    expect(history.json().screenings).toEqual([]);
  });

  it('refuses work experience beyond age − 14, naming the field, as other cross-field rules are refused', async () => {
    const implausible = sampleMember();
    implausible.member.age = 20;
    implausible.member.experienceYears = 50;
    for (const [url, payload] of [
      ['/v1/score', { members: [implausible] }],
      ['/v1/screenings', { cpr: CPR[1], ...implausible }],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url, headers: auth(KEYS.admin), payload });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().type).toBe('urn:ledighedsprofil:problem:validation-error');
      expect(res.json().errors.map((e: { field: string }) => e.field.replace(/^members\.0\./, ''))).toEqual(['member.experienceYears']);
    }
    const atTheLimit = sampleMember();
    atTheLimit.member.age = 20;
    atTheLimit.member.experienceYears = 6;
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.admin), payload: { members: [atTheLimit] } })).statusCode,
    ).toBe(200);
    atTheLimit.member.experienceYears = 6.1;
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.admin), payload: { members: [atTheLimit] } })).statusCode,
    ).toBe(400);
  });
});

describe('the plausibility rule on the fast validation path', () => {
  it('is enforced by the finisher, not only by zod, and gives the message zod gives', () => {
    const implausible = sampleMember();
    implausible.member.age = 20;
    implausible.member.experienceYears = 7;
    const fast = compileFastPath(memberInputSchema);
    expect(fast).toBeDefined();
    expect(fast!.validate(implausible)).toBe(true);
    const issues: unknown[] = [];
    fast!.finish(implausible, issues);
    expect(issues.length).toBe(1);
    const route = { schema: memberInputSchema, method: 'POST', url: '/test', httpPart: 'body' } as Parameters<typeof validatorCompiler>[0];
    const r = (validatorCompiler(route) as (d: unknown) => { error?: { message: string; instancePath: string }[] })(implausible);
    expect(r.error?.map((e) => [e.instancePath, e.message])).toEqual([
      ['/member/experienceYears', 'is more than age − 14 (6 years), which no member can have'],
    ]);
  });
});

describe('screenings stored before the plausibility rule', () => {
  it('stay readable: the stored schema keeps the region rule but not the new one', () => {
    const implausible = sampleMember();
    implausible.member.age = 20;
    implausible.member.experienceYears = 50;
    expect(memberInputSchema.safeParse(implausible).success).toBe(false);
    expect(storedMemberInputSchema.safeParse(implausible).success).toBe(true);
    const mismatched = sampleMember() as ReturnType<typeof sampleMember> & { member: { region?: string } };
    mismatched.member.region = 'nordjylland';
    expect(storedMemberInputSchema.safeParse(mismatched).success).toBe(false);
  });
});

describe.each(databaseKinds())('on %s', (kind) => {
  let t: TestApp;
  let screeningId: string;
  beforeAll(async () => {
    t = await startApp(kind);
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: auth(KEYS.admin),
      payload: { cpr: CPR[0], ...sampleMember() },
    });
    expect(created.statusCode).toBe(201);
    screeningId = created.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const audit = (query: string) => t.app.inject({ method: 'GET', url: `/v1/audit?${query}`, headers: auth(KEYS.admin) });

  it.each([
    ['cursor=9223372036854775808', 'cursor'],
    ['cursor=9007199254740992', 'cursor'],
    ['cursor=0', 'cursor'],
    ['from=0000-01-01T00:00:00Z', 'from'],
    ['from=1969-12-31T23:59:59Z', 'from'],
    ['to=9999-12-31T23:59:59-23:59', 'to'],
    [`to=${encodeURIComponent('+010000-01-01T00:00:00Z')}`, 'to'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
  ])('answers GET /v1/audit?%s with 400 naming %s', async (query, field) => {
    const res = await audit(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('still answers the bounds themselves', async () => {
    for (const query of [
      'cursor=9007199254740991',
      'cursor=1',
      'from=1970-01-01T00:00:00Z',
      'to=9999-12-31T23:59:59Z',
      `to=${encodeURIComponent('9999-12-31T23:59:59+23:59')}`,
      'from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    ]) {
      expect((await audit(query)).statusCode, query).toBe(200);
    }
    const page = (await audit('from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z&cursor=9007199254740991')).json();
    expect(page.entries.length).toBeGreaterThan(0);
  });

  it('sends Cache-Control: no-store with every answer holding personal data, and not with the models', async () => {
    const get = (url: string, key: string = KEYS.admin) => t.app.inject({ method: 'GET', url, headers: auth(key) });
    const getCitizen = (url: string, cpr: string) =>
      t.app.inject({ method: 'GET', url, headers: { ...auth(KEYS.admin), ...cprHeader(cpr) } });
    const personal = [
      await get(`/v1/screenings/${screeningId}`),
      await getCitizen('/v1/citizen/screening-result', CPR[0]),
      await getCitizen('/v1/citizen/screening-result/exists', CPR[0]),
      await getCitizen('/v1/citizen/screening-result/pdf', CPR[0]),
      await getCitizen('/v1/citizen/screenings', CPR[0]),
      await get('/v1/audit'),
      await getCitizen('/v1/citizen/screening-result', CPR[2]),
      await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.admin), payload: { members: [sampleMember()] } }),
      await t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.admin), payload: { cpr: CPR[3], ...sampleMember() } }),
      await t.app.inject({
        method: 'PUT',
        url: `/v1/screenings/${screeningId}/assessment`,
        headers: auth(KEYS.admin),
        payload: { correctedTargetGroup: 2, reason: 'jobtilbud_i_sigte', correctedSubgroup: '2a', caseworkerId: 'sb' },
      }),
      await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...auth(KEYS.admin), ...cprHeader(CPR[3]) } }),
      await t.app.inject({ method: 'GET', url: `/v1/screenings/${screeningId}` }),
    ];
    for (const res of personal) expect(res.headers['cache-control'], `${res.statusCode} ${res.body.slice(0, 80)}`).toBe('no-store');
    expect(personal.slice(0, 6).map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const url of ['/v1/models', '/health/live']) expect((await get(url)).headers['cache-control'], url).toBeUndefined();
  });
});
