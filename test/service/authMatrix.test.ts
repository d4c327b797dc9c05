/**
 * Every endpoint × every role: no key or a wrong key → 401 problem+json, a key without the endpoint's
 * role → 403 (audited), the right role → through. The matrix must name every route the app documents,
 * so a new route cannot be added without deciding who may call it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/service/security/apiKeys.js';
import { EXPLORER_DEFAULT_INPUT } from '../../src/service/explorer/explorerInput.js';
import { CPR, cprHeader, sampleMember, startApp, type TestApp } from './helpers.js';

const ROLE_KEYS: Record<Role, string> = {
  'screening:create': 'matrix-create-key-0000000000000000000000',
  'screening:read': 'matrix-read-key-000000000000000000000000',
  'screening:assess': 'matrix-assess-key-0000000000000000000000',
  'outcome:write': 'matrix-outcome-key-000000000000000000000',
  admin: 'matrix-admin-key-00000000000000000000000',
  'monitor:read': 'matrix-monitor-key-000000000000000000000',
};
const OPERATOR_KEY = 'matrix-operator-key-00000000000000000000';
const API_KEYS = JSON.stringify([
  ...ROLES.map((r) => ({ id: `only-${r.replace(':', '-')}`, key: ROLE_KEYS[r], roles: [r], fund: '15' })),
  // Model administration needs admin without a fund: every fund-bound key above is refused it.
  { id: 'matrix-operator', key: OPERATOR_KEY, roles: ['admin'] },
]);
const BUNDLED_MODEL = JSON.parse(readFileSync(new URL('../../models/sim-2026.12-1.json', import.meta.url), 'utf8'));

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route pattern as OpenAPI names it. */
  route: string;
  url: string;
  body?: object | object[];
  /**
   * Headers the operation needs besides the key (the CPR number of a citizen operation); a function for
   * headers that must differ per call (the STAR layer's request id, whose repeat is refused with 412).
   */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Roles that may call it; empty: any authenticated client. */
  roles: Role[];
  /** Only a client without a fund holding one of `roles` may call it (model administration). */
  operator?: boolean;
}

const ID = '00000000-0000-4000-8000-000000000000';
let starRequests = 0;
/** The STAR layer's headers: the CPR number and a request id never sent before. */
const starHeaders = () => ({ ...cprHeader(CPR[0]), 'x-request-id': `matrix-${process.pid}-${++starRequests}` });
const ENDPOINTS: Endpoint[] = [
  { method: 'POST', route: '/v1/screenings', url: '/v1/screenings', body: { cpr: CPR[0], ...sampleMember() }, roles: ['screening:create'] },
  { method: 'GET', route: '/v1/screenings/{id}', url: `/v1/screenings/${ID}`, roles: ['screening:read'] },
  {
    method: 'PUT',
    route: '/v1/screenings/{id}/assessment',
    url: `/v1/screenings/${ID}/assessment`,
    body: { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', caseworkerId: 'sb' },
    roles: ['screening:assess'],
  },
  {
    method: 'GET',
    route: '/v1/citizen/screening-result/exists',
    url: '/v1/citizen/screening-result/exists',
    headers: cprHeader(CPR[0]),
    roles: ['screening:read'],
  },
  {
    method: 'GET',
    route: '/v1/citizen/screening-result',
    url: '/v1/citizen/screening-result',
    headers: cprHeader(CPR[0]),
    roles: ['screening:read'],
  },
  {
    method: 'GET',
    route: '/v1/citizen/screening-result/pdf',
    url: '/v1/citizen/screening-result/pdf',
    headers: cprHeader(CPR[0]),
    roles: ['screening:read'],
  },
  {
    method: 'GET',
    route: '/v1/citizen/screening-result/letter',
    url: '/v1/citizen/screening-result/letter?form=explanation',
    headers: cprHeader(CPR[0]),
    roles: ['screening:read'],
  },
  { method: 'GET', route: '/v1/citizen/screenings', url: '/v1/citizen/screenings', headers: cprHeader(CPR[0]), roles: ['screening:read'] },
  { method: 'DELETE', route: '/v1/citizen', url: '/v1/citizen', headers: cprHeader(CPR[1]), roles: ['admin'] },
  {
    method: 'PUT',
    route: '/v1/citizen/outcome',
    url: '/v1/citizen/outcome',
    headers: cprHeader(CPR[0]),
    body: { benefitPeriodStart: '2026-01-05', longTerm: false },
    roles: ['outcome:write'],
  },
  {
    method: 'POST',
    route: '/v1/outcomes/batch',
    url: '/v1/outcomes/batch',
    body: [{ cpr: CPR[0], benefitPeriodStart: '2026-01-05', weeklyHours: [{ week: '202602', hours: 37 }] }],
    roles: ['outcome:write'],
  },
  { method: 'GET', route: '/v1/citizen/outcomes', url: '/v1/citizen/outcomes', headers: cprHeader(CPR[0]), roles: ['screening:read'] },
  { method: 'POST', route: '/v1/score', url: '/v1/score', body: { members: [sampleMember()] }, roles: ['screening:create'] },
  { method: 'GET', route: '/v1/models', url: '/v1/models', roles: [] },
  { method: 'GET', route: '/v1/models/{version}', url: '/v1/models/sim-2026.12-1', roles: [] },
  { method: 'POST', route: '/v1/models', url: '/v1/models', body: BUNDLED_MODEL, roles: ['admin'], operator: true },
  {
    method: 'POST',
    route: '/v1/models/active',
    url: '/v1/models/active',
    body: { version: 'sim-2026.12-1', reason: 'matrix' },
    roles: ['admin'],
    operator: true,
  },
  {
    method: 'POST',
    route: '/v1/models/active/rollback',
    url: '/v1/models/active/rollback',
    body: { reason: 'matrix' },
    roles: ['admin'],
    operator: true,
  },
  {
    method: 'POST',
    route: '/v1/models/shadow',
    url: '/v1/models/shadow',
    body: { version: 'sim-2026.12-1', reason: 'matrix' },
    roles: ['admin'],
    operator: true,
  },
  {
    method: 'POST',
    route: '/v1/models/shadow/stop',
    url: '/v1/models/shadow/stop',
    body: { reason: 'matrix' },
    roles: ['admin'],
    operator: true,
  },
  { method: 'GET', route: '/v1/audit', url: '/v1/audit', roles: ['admin'] },
  { method: 'GET', route: '/v1/monitoring', url: '/v1/monitoring', roles: ['monitor:read'] },
  { method: 'GET', route: '/metrics', url: '/metrics', roles: ['admin'] },
  ...['ScreeningResultExists', 'GetScreeningResult', 'GetScreeningResultAsPdf'].map(
    (op): Endpoint => ({
      method: 'GET',
      route: `/star/screening/v4/${op}`,
      url: `/star/screening/v4/${op}`,
      headers: starHeaders,
      roles: ['screening:read'],
    }),
  ),
];
const PUBLIC = ['/health/live', '/health/ready', '/docs/json', '/docs/', '/explorer', '/explorer/explorer.js', '/explorer/explorer.css'];
/**
 * Documented operations open to everybody, by decision: the explorer's what-if scoring (no personal
 * data, nothing stored, limited per address; see src/service/routes/explorer/index.ts).
 */
const PUBLIC_OPERATIONS: Omit<Endpoint, 'roles'>[] = [
  { method: 'POST', route: '/explorer/score', url: '/explorer/score', body: EXPLORER_DEFAULT_INPUT },
];

describe('the role × endpoint matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite', { API_KEYS, RATE_LIMIT_MAX: '100000', RATE_LIMIT_AUTH_FAILURES: '100000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names every documented route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((r) => !r.includes('/health/'));
    expect(
      [...ENDPOINTS, ...PUBLIC_OPERATIONS]
        .map((e) => `${e.method} ${e.route}`)
        .filter((r) => r !== 'GET /metrics')
        .sort(),
    ).toEqual(documented.sort());
  });

  for (const e of ENDPOINTS) {
    describe(`${e.method} ${e.route}`, () => {
      const call = (headers: Record<string, string>) =>
        t.app.inject({
          method: e.method,
          url: e.url,
          headers: { ...(typeof e.headers === 'function' ? e.headers() : e.headers), ...headers },
          ...(e.body ? { payload: e.body } : {}),
        });

      it('is closed without a key, with an unknown key and with a malformed header (401 problem+json)', async () => {
        const variants: Record<string, string>[] = [
          {},
          { authorization: 'Bearer not-a-configured-key-000000000000000' },
          { authorization: `Basic ${ROLE_KEYS.admin}` },
          { 'x-api-key': '' },
        ];
        for (const headers of variants) {
          const res = await call(headers);
          expect(res.statusCode).toBe(401);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
          expect(res.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:unauthenticated', status: 401 });
          // The STAR layer adds STAR's "not authorized" code; the native routes carry none.
          expect(res.json().ErrorCode).toBe(e.route.startsWith('/star/') ? 4575 : undefined);
        }
      });

      for (const role of ROLES) {
        const allowed = e.operator !== true && (e.roles.length === 0 || e.roles.includes(role));
        it(`${allowed ? 'lets' : 'refuses (403)'} a client with only ${role}`, async () => {
          const variants: Record<string, string>[] = [{ authorization: `Bearer ${ROLE_KEYS[role]}` }, { 'x-api-key': ROLE_KEYS[role] }];
          for (const headers of variants) {
            const res = await call(headers);
            if (allowed) {
              expect([200, 201, 404]).toContain(res.statusCode);
            } else {
              expect(res.statusCode).toBe(403);
              expect(res.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:forbidden', status: 403 });
              expect(res.json().ErrorCode).toBe(e.route.startsWith('/star/') ? 4575 : undefined);
            }
          }
        });
      }
      if (e.operator === true) {
        it('lets an admin client without a fund (the operator)', async () => {
          const res = await call({ authorization: `Bearer ${OPERATOR_KEY}` });
          // 409: nothing to roll back to, or the shadow asked for is the active model; the operation ran.
          expect([200, 201, 409]).toContain(res.statusCode);
        });
      }
    });
  }

  for (const e of PUBLIC_OPERATIONS) {
    it(`${e.method} ${e.route} is open without a key, with a wrong key and with every role`, async () => {
      const variants: Record<string, string>[] = [
        {},
        { authorization: 'Bearer not-a-configured-key-000000000000000' },
        ...ROLES.map((r) => ({ authorization: `Bearer ${ROLE_KEYS[r]}` })),
      ];
      for (const headers of variants) {
        const res = await t.app.inject({ method: e.method, url: e.url, headers, ...(e.body ? { payload: e.body } : {}) });
        expect(res.statusCode).toBe(200);
      }
    });
  }

  it('keeps health, documentation and the explorer page open', async () => {
    for (const url of PUBLIC) expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
  });

  it('audits refusals for a wrong role with the client id', async () => {
    await t.app.inject({
      method: 'DELETE',
      url: '/v1/citizen',
      headers: { authorization: `Bearer ${ROLE_KEYS['screening:read']}`, ...cprHeader(CPR[2]) },
    });
    const denied = await t.repository.listAudit({ fundId: '15', action: 'auth.denied', clientId: 'only-screening-read' });
    expect(denied.entries.length).toBeGreaterThan(0);
    expect(denied.entries[0]).toMatchObject({ outcome: 'denied', detail: 'DELETE /v1/citizen needs admin', citizenKey: null });
  });
});

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After past RATE_LIMIT_MAX per client, and leaves health alone', async () => {
    const t = await startApp('sqlite', { API_KEYS, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    try {
      const call = (key: string) => t.app.inject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${key}` } });
      for (let i = 0; i < 3; i++) expect((await call(ROLE_KEYS.admin)).statusCode).toBe(200);
      const limited = await call(ROLE_KEYS.admin);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:too-many-requests', status: 429 });
      // Another client has its own budget.
      expect((await call(ROLE_KEYS['screening:read'])).statusCode).toBe(200);
      for (let i = 0; i < 10; i++) expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
