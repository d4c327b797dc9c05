/**
 * The log of a run that creates, reads, prints, corrects and erases screenings contains no CPR number
 * (with or without the hyphen) and no API key, even at trace level and for refused requests.
 */
import { describe, expect, it } from 'vitest';
import { maskCprsInText } from '../../src/privacy/cprInText.js';
import { createLogger } from '../../src/service/logging.js';
import { auth, CPR, cprHeader, KEYS, logCapture, sampleMember, startApp } from './helpers.js';

const withDash = (cpr: string) => `${cpr.slice(0, 6)}-${cpr.slice(6)}`;

describe('logging', () => {
  it('masks CPR numbers in any text, leaving other numbers alone', () => {
    expect(maskCprsInText('/v1/citizens/0707614285/screening-result')).toBe('/v1/citizens/070761-XXXX/screening-result');
    expect(maskCprsInText('a 070761-4285 b')).toBe('a 070761-XXXX b');
    // Not a date: not a CPR number. Longer digit runs (timestamps) are not touched.
    expect(maskCprsInText('3213991234 and 1795466006297 and 0.4138127032')).toBe('3213991234 and 1795466006297 and 0.4138127032');
  });

  it('filters every written line, so even a careless log call cannot leak a CPR number', () => {
    const cap = logCapture();
    const log = createLogger('info', cap.stream);
    log.info({ note: `borger ${CPR[0]}`, cpr: CPR[1], nested: { cpr: CPR[2] } }, `besøg af ${withDash(CPR[3])}`);
    const text = cap.text();
    for (const cpr of CPR.slice(0, 4)) {
      expect(text).not.toContain(cpr);
      expect(text).not.toContain(withDash(cpr));
    }
    expect(text).toContain('070761-XXXX');
  });

  it('keeps CPR numbers and API keys out of the log of a whole run', async () => {
    const cap = logCapture();
    const t = await startApp('sqlite', { LOG_LEVEL: 'trace' }, { logDestination: cap.stream });
    try {
      const headers = auth(KEYS.admin);
      for (const [i, cpr] of CPR.entries()) {
        const spelled = i % 2 ? withDash(cpr) : cpr;
        const created = await t.app.inject({
          method: 'POST',
          url: '/v1/screenings',
          headers,
          payload: { cpr: spelled, ...sampleMember(), caseworkerId: 'sb' },
        });
        expect(created.statusCode).toBe(201);
        const id = created.json().id;
        for (const suffix of ['/screening-result', '/screening-result/exists', '/screening-result/pdf', '/screenings']) {
          const res = await t.app.inject({ method: 'GET', url: `/v1/citizen${suffix}`, headers: { ...headers, ...cprHeader(spelled) } });
          expect(res.statusCode).toBe(200);
        }
        await t.app.inject({
          method: 'PUT',
          url: `/v1/screenings/${id}/assessment`,
          headers,
          payload: { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', comment: `om ${cpr}`, caseworkerId: 'sb' },
        });
        await t.app.inject({ method: 'GET', url: '/v1/audit', headers: { ...headers, ...cprHeader(spelled) } });
        await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...headers, ...cprHeader(spelled) } });
        // Refused requests are logged too: bad JSON containing the number, an unknown route, no key.
        await t.app.inject({
          method: 'POST',
          url: '/v1/screenings',
          headers: { ...headers, 'content-type': 'application/json' },
          payload: `{"cpr": "${cpr}", `,
        });
        await t.app.inject({ method: 'GET', url: `/v1/nowhere/${cpr}`, headers });
        // A CPR number put in a URL by mistake (the old path form) is masked there too.
        await t.app.inject({ method: 'GET', url: `/v1/citizens/${cpr}/screening-result` });
        await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers: cprHeader(cpr) });
        await t.app.inject({ method: 'POST', url: '/v1/screenings', headers, payload: { cpr, member: { age: cpr } } });
      }
    } finally {
      await t.close();
    }
    const text = cap.text();
    // The capture really holds the run: request lines and refusals.
    expect(text).toContain('"msg":"incoming request"');
    expect(text).toContain('request refused');
    expect(text).toContain('/v1/citizens/070761-XXXX/screening-result');
    for (const cpr of CPR) {
      expect(text).not.toContain(cpr);
      expect(text).not.toContain(withDash(cpr));
    }
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
  });
});

describe('request ids', () => {
  it('never look like a CPR number, so the audit log never refuses a request for its own id', async () => {
    const { requestId } = await import('../../src/service/app.js');
    const { containsCpr } = await import('../../src/privacy/cprInText.js');
    // One random UUID in about a thousand contains a CPR-shaped run; 20,000 draws would surely meet some.
    for (let i = 0; i < 20_000; i++) expect(containsCpr(requestId())).toBe(false);
  });
});
