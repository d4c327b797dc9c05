/**
 * The URL forms that carried a CPR number before it moved into the X-Civil-Registration-Identifier
 * header (/v1/citizens/{cpr}/…, DELETE /v1/citizens/{cpr}, /v1/audit?cpr=) are gone: a client still
 * sending them gets a 404 or 400 problem, whose body and headers do not carry the number, and the log
 * line of that request shows it masked, however the URL spells it (percent-encoded digits, separators,
 * padding).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, KEYS, logCapture, startApp, type TestApp } from '../service/helpers.js';

const CPR = '0707614286';
/** Hundreds of refused requests from one address: the throttles are not under test here. */
const UNTHROTTLED = { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_AUTH_FAILURES: '1000000' };
const [DATE, SEQUENCE] = [CPR.slice(0, 6), CPR.slice(6)];
const encodedDigits = (digits: string) => [...digits].map((d) => `%${d.charCodeAt(0).toString(16).toUpperCase()}`).join('');

/** The number as a client might put it in a URL. */
const URL_SPELLINGS: Record<string, string> = {
  plain: CPR,
  hyphen: `${DATE}-${SEQUENCE}`,
  'hyphen as %2D': `${DATE}%2D${SEQUENCE}`,
  'hyphen as %2d': `${DATE}%2d${SEQUENCE}`,
  'space as %20': `${DATE}%20${SEQUENCE}`,
  'tab as %09': `${DATE}%09${SEQUENCE}`,
  'no-break space as %C2%A0': `${DATE}%C2%A0${SEQUENCE}`,
  'padded with %20': `%20${CPR}%20`,
  'padded with %09': `%09${CPR}`,
  'padded with %C2%A0': `%C2%A0${CPR}`,
  'digits as %30..%39': encodedDigits(CPR),
  'sequence digits encoded': `${DATE}${encodedDigits(SEQUENCE)}`,
  'date digits encoded, then a hyphen': `${encodedDigits(DATE)}-${SEQUENCE}`,
  'fullwidth digits, percent-encoded': encodeURIComponent([...CPR].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')),
};

/** The old operations, each as a method and a URL holding the number. */
const OLD_FORMS: [string, 'GET' | 'DELETE', (cpr: string) => string][] = [
  ['GetScreeningResult', 'GET', (c) => `/v1/citizens/${c}/screening-result`],
  ['ScreeningResultExists', 'GET', (c) => `/v1/citizens/${c}/screening-result/exists`],
  ['GetScreeningResultAsPdf', 'GET', (c) => `/v1/citizens/${c}/screening-result/pdf`],
  ['the history', 'GET', (c) => `/v1/citizens/${c}/screenings`],
  ['erasure', 'DELETE', (c) => `/v1/citizens/${c}`],
  ['the audit query by citizen', 'GET', (c) => `/v1/audit?cpr=${c}`],
  ['the audit query by citizen, among other filters', 'GET', (c) => `/v1/audit?limit=5&cpr=${c}&action=screening.read`],
];

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
 * Whether the text, decoded, NFKC-folded and with everything but digits removed, still holds the number: the
 * strictest reading, which no separator, padding or encoding gets past. The texts checked are single
 * fields (a URL, a detail), so unrelated digits do not run into the number.
 */
function holdsNumber(text: string): boolean {
  return decoded(text).normalize('NFKC').replace(/\D/g, '').includes(CPR);
}

/** Every string and number in a parsed log line, each on its own (digits of separate fields must not run together). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
}

describe('the URL forms of the citizen operations are gone, and a CPR number sent in them is nowhere', () => {
  let t: TestApp;
  const cap = logCapture();
  beforeAll(async () => {
    t = await startApp('sqlite', { LOG_LEVEL: 'info', ...UNTHROTTLED }, { logDestination: cap.stream });
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases = OLD_FORMS.flatMap(([operation, method, url]) =>
    Object.entries(URL_SPELLINGS).map(([spelling, cpr]) => ({ operation, spelling, method, url: url(cpr) })),
  );

  it.each(cases)('$operation, $spelling: 404 or 400 problem+json without the number', async ({ method, url }) => {
    const keys: Record<string, string>[] = [auth(KEYS.admin), auth(KEYS.read), {}];
    for (const headers of keys) {
      const firstLine = cap.lines.length;
      const res = await t.app.inject({ method, url, headers });
      if (Object.keys(headers).length === 0 && url.startsWith('/v1/audit')) {
        // The audit route exists, so without a key it is a 401 before the query is read.
        expect(res.statusCode).toBe(401);
      } else if (url.startsWith('/v1/audit') && headers.authorization?.includes(KEYS.read)) {
        expect(res.statusCode).toBe(403);
      } else {
        expect([400, 404], url).toContain(res.statusCode);
      }
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json() as { detail: string; instance: string; errors?: { field: string; reason: string }[] };
      for (const text of [res.body, problem.detail, problem.instance, ...(problem.errors ?? []).flatMap((e) => [e.field, e.reason])]) {
        expect(holdsNumber(text), text).toBe(false);
      }
      for (const [name, value] of Object.entries(res.headers)) expect(holdsNumber(`${value}`), name).toBe(false);
      if (res.statusCode === 400) expect(problem.errors).toEqual([{ field: 'cpr', reason: 'is not a known field' }]);

      // The request's own log lines: its URL is there (so the check is not vacuous), with the number masked.
      const requestId = (res.json() as { requestId: string }).requestId;
      const lines = cap.lines
        .slice(firstLine)
        .map((l) => JSON.parse(l) as { reqId?: string; req?: { url?: string } })
        .filter((l) => l.reqId === requestId);
      expect(lines.length).toBeGreaterThan(0);
      const logged = lines.find((l) => l.req?.url !== undefined)?.req?.url;
      expect(logged).toBeDefined();
      expect(logged).toContain(`${DATE}-XXXX`);
      expect(holdsNumber(logged!), logged).toBe(false);
      for (const line of lines) for (const value of stringsOf(line)) expect(holdsNumber(value), value).toBe(false);
    }
  });

  it('answers the new forms, so the old ones fail for their URL and not for want of a route', async () => {
    const headers = { ...auth(KEYS.admin), 'x-civil-registration-identifier': CPR };
    for (const url of ['/v1/citizen/screening-result/exists', '/v1/citizen/screenings', '/v1/audit?limit=5']) {
      expect((await t.app.inject({ method: 'GET', url, headers })).statusCode, url).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers })).statusCode).toBe(200);
  });
});
