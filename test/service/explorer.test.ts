/**
 * The explorer's page and public scoring operation through the HTTP interface: the page is Danish,
 * loads only same-origin script under the strict content security policy, warns of simulated data and
 * lists every coefficient; the operation needs no key, returns exactly what the API's explained scoring
 * returns, refuses a CPR number, gender and origin without echoing them, is limited per address, stores
 * and logs nothing of its input, and disappears with EXPLORER_ENABLED=false.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_DEFAULT_INPUT } from '../../src/service/explorer/explorerInput.js';
import { auth, KEYS, logCapture, lowRiskMember, sampleMember, startApp, type TestApp } from './helpers.js';

/** The sample member without the sensitive fields the explorer refuses. */
function withoutSensitive(input: ReturnType<typeof sampleMember>) {
  const { gender: _g, origin: _o, ...member } = input.member as Record<string, unknown>;
  return { ...input, member };
}

describe('the explorer', () => {
  let t: TestApp;
  let dir: string;
  const log = logCapture();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'explorer-'));
    t = await startApp(
      'sqlite',
      { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'info', EXPLORER_SCORES_PER_MINUTE: '1000' },
      { logDestination: log.stream },
    );
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a Danish page with only same-origin script and style, the simulated-data warning and every coefficient', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/explorer' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src-attr 'none'/);
    expect(res.body).toMatch(/<html lang="da">/);
    // Every script is a file of this origin: no inline script, no inline event handler.
    const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script src="/explorer/explorer.js" defer>']);
    expect(res.body).not.toMatch(/\son[a-z]+=/i);
    expect(res.body).toContain('BEMÆRK: Modellen er trænet på simulerede data.');
    for (const term of t.app.models.active.artifact.encoding.terms) expect(res.body).toContain(`<code>${term}</code>`);
    // Each input and select is named by an API field and has a label pointing at it.
    const ids = [...res.body.matchAll(/<(?:input|select) [^>]*id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(res.body).toContain(`<label for="${id}">`);

    const script = await t.app.inject({ method: 'GET', url: '/explorer/explorer.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const style = await t.app.inject({ method: 'GET', url: '/explorer/explorer.css' });
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('scores without a key exactly as POST /v1/score?explain=true does, and says so in Danish', async () => {
    for (const input of [EXPLORER_DEFAULT_INPUT, withoutSensitive(sampleMember()), lowRiskMember()]) {
      const res = await t.app.inject({ method: 'POST', url: '/explorer/score', payload: input });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const api = await t.app.inject({
        method: 'POST',
        url: '/v1/score?explain=true',
        headers: auth(KEYS.create),
        payload: { members: [input] },
      });
      const expected = api.json().results[0];
      const { result, display } = res.json();
      expect(result).toEqual(expected);
      expect(display.probability).toBe(`${(expected.probability * 100).toFixed(1).replace('.', ',')} %`);
      expect(display.group).toBe(`Målgruppe ${expected.subgroup ?? expected.targetGroup}`);
      expect(display.raising.map((f: { label: string }) => f.label)).toEqual(
        expected.factors.filter((f: { direction: string }) => f.direction === 'raises').map((f: { label: string }) => f.label),
      );
    }
    // A key, right or wrong, changes nothing: the operation is public.
    const withWrongKey = await t.app.inject({
      method: 'POST',
      url: '/explorer/score',
      headers: { authorization: 'Bearer not-a-key' },
      payload: EXPLORER_DEFAULT_INPUT,
    });
    expect(withWrongKey.statusCode).toBe(200);
  });

  it('refuses a CPR number, gender and origin, naming the field and never repeating the number', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...EXPLORER_DEFAULT_INPUT, cpr: '070761-4285' }, 'cpr'],
      [{ ...EXPLORER_DEFAULT_INPUT, member: { ...EXPLORER_DEFAULT_INPUT.member, discoCode: '0707614285' } }, 'member.discoCode'],
      [{ ...EXPLORER_DEFAULT_INPUT, member: { ...EXPLORER_DEFAULT_INPUT.member, municipality: '0707614285' } }, 'member.municipality'],
      [{ ...EXPLORER_DEFAULT_INPUT, member: { ...EXPLORER_DEFAULT_INPUT.member, gender: 'kvinde' } }, 'member.gender'],
      [{ ...EXPLORER_DEFAULT_INPUT, member: { ...EXPLORER_DEFAULT_INPUT.member, origin: 'dansk' } }, 'member.origin'],
      [{ ...EXPLORER_DEFAULT_INPUT, member: { ...EXPLORER_DEFAULT_INPUT.member, gender: null } }, 'member.gender'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/explorer/score', payload });
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body).not.toMatch(/0707614285|070761-4285/);
    }
  });

  it('stores nothing, audits nothing and logs none of the input', async () => {
    const marked = { ...EXPLORER_DEFAULT_INPUT, member: { ...EXPLORER_DEFAULT_INPUT.member, previousIncome: 314_159, discoCode: '7531' } };
    expect((await t.app.inject({ method: 'POST', url: '/explorer/score', payload: marked })).statusCode).toBe(200);
    const invalid = { ...marked, member: { ...marked.member, experienceYears: 59.5 } };
    expect((await t.app.inject({ method: 'POST', url: '/explorer/score', payload: invalid })).statusCode).toBe(400);
    expect(log.text()).toContain('/explorer/score');
    expect(log.text()).not.toMatch(/314159|314\.159|7531|59\.5/);
    const db = new Database(join(dir, 'db.sqlite'), { readonly: true });
    try {
      for (const table of ['screenings', 'assessments', 'audit_log', 'data_keys']) {
        expect((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});

describe("the explorer's limit per address", () => {
  it('answers 429 problem+json with Retry-After past EXPLORER_SCORES_PER_MINUTE, per address, a key giving no new budget', async () => {
    const t = await startApp('sqlite', { EXPLORER_SCORES_PER_MINUTE: '3' });
    try {
      const call = (remoteAddress: string, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url: '/explorer/score', remoteAddress, headers, payload: EXPLORER_DEFAULT_INPUT });
      for (let i = 0; i < 3; i++) expect((await call('192.0.2.1')).statusCode).toBe(200);
      const limited = await call('192.0.2.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:too-many-requests', status: 429 });
      expect((await call('192.0.2.1', auth(KEYS.create))).statusCode).toBe(429);
      // Another address has its own budget, and the page itself is not counted.
      expect((await call('192.0.2.2')).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/explorer', remoteAddress: '192.0.2.1' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('EXPLORER_ENABLED=false', () => {
  it('removes the page, its files and its operation (404, and not in the OpenAPI document)', async () => {
    const t = await startApp('sqlite', { EXPLORER_ENABLED: 'false' });
    try {
      for (const [method, url] of [
        ['GET', '/explorer'],
        ['GET', '/explorer/explorer.js'],
        ['POST', '/explorer/score'],
      ] as const) {
        const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: EXPLORER_DEFAULT_INPUT } : {}) });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const doc = t.app.swagger() as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/explorer'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
