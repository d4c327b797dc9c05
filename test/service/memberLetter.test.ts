/**
 * GET /v1/citizen/screening-result/letter through app.inject(): the member's letter in both forms as
 * a one-page PDF, the corrected group's support after an assessment, 404 for an unknown citizen and
 * for another fund's, 400 for a bad form, and the audit entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, cprHeader, databaseKinds, KEYS, sampleMember, startApp, type TestApp } from './helpers.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'letter-route-'));
const pdfText = (pdf: Buffer): string => {
  const file = join(dir, 'l.pdf');
  writeFileSync(file, pdf);
  return spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
};

describe.each(databaseKinds())("the member's letter on %s", (kind) => {
  let t: TestApp;
  const cpr = '1203855678';
  beforeAll(async () => {
    t = await startApp(kind);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: auth(KEYS.create),
      payload: { cpr, ...sampleMember() } as object,
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });
  const letter = (query: string, who: string = cpr, key: string = KEYS.read) =>
    t.app.inject({ method: 'GET', url: `/v1/citizen/screening-result/letter${query}`, headers: { ...auth(key), ...cprHeader(who) } });

  it('serves both forms as a PDF, not cached, without the CPR number; the explanation form alone names the factors', async () => {
    const texts: string[] = [];
    for (const query of ['', '?form=summary', '?form=explanation']) {
      const res = await letter(query);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(res.rawPayload.toString('latin1')).not.toContain(cpr.slice(6));
      if (hasPoppler) texts.push(pdfText(res.rawPayload));
    }
    if (!hasPoppler) return;
    const [byDefault, summary, explanation] = texts;
    expect(byDefault).toBe(summary);
    expect(summary).toContain('120385-XXXX');
    expect(summary).toContain('Opsummering af din samtale');
    expect(summary).not.toContain('Det vejede mest');
    expect(explanation).toContain('Forklaring på din profilering');
    expect(explanation).toContain('Det vejede mest');
    expect(explanation).toContain('55-59 år');
    for (const text of texts) expect(text).not.toMatch(/risik|langtidsledig|sandsynlig|målgruppe|%/i);
  });

  it("shows the corrected group's support once a caseworker corrects the group", async () => {
    if (!hasPoppler) return;
    const before = pdfText((await letter('')).rawPayload);
    const s = (
      await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers: { ...auth(KEYS.read), ...cprHeader(cpr) } })
    ).json();
    const put = await t.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${s.id}/assessment`,
      headers: auth(KEYS.assess),
      payload: { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', caseworkerId: 'sb' },
    });
    expect(put.statusCode).toBeLessThan(300);
    const after = (
      await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers: { ...auth(KEYS.read), ...cprHeader(cpr) } })
    ).json();
    const text = pdfText((await letter('')).rawPayload);
    expect(text).not.toBe(before);
    const flat = text.replace(/\s+/g, ' ');
    for (const a of after.current.activities as { memberText: string }[]) expect(flat).toContain(a.memberText);
  });

  it('is 404 for an unknown citizen and for another fund’s, 400 for a bad form, and audited', async () => {
    const unknown = await letter('', '0101991234');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await letter('', cpr, KEYS.otherFund)).statusCode).toBe(404);
    const bad = await letter('?form=prognose');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('form');
    const page = await t.repository.listAudit({ fundId: '15', citizenKey: t.app.citizenKeyOf(cpr), limit: 1000 });
    expect(page.entries.some((e) => e.action === 'screening.read_letter' && e.clientId === 'example-read' && e.outcome === 'success')).toBe(
      true,
    );
  });
});
