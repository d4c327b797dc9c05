/**
 * The caseworker's PDF through the API after an assessment corrects the group: the corrected group's
 * referral line and member summary are printed, the statistical referral beside them (pdftotext of
 * the PDF the service sends).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_TEXT_DA } from '../../src/i18n/da.js';
import { auth, CPR, cprHeader, KEYS, lowRiskMember, startApp, type TestApp } from './helpers.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler && process.env.CI) throw new Error('pdftotext (poppler-utils) is required when CI is set');

describe.runIf(hasPoppler)("the caseworker's PDF after a correction of the group", () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startApp('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'pdf-correction-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pdfText = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/citizen/screening-result/pdf',
      headers: { ...auth(KEYS.read), ...cprHeader(CPR[3]) },
    });
    expect(res.statusCode).toBe(200);
    const file = join(dir, 'screening.pdf');
    writeFileSync(file, res.rawPayload);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  };

  it('prints the referral and the member summary of the corrected group, the statistical referral kept', async () => {
    // Personal or social barriers refer to the job centre only in målgruppe 2 (the default policy).
    const m = lowRiskMember();
    const body = { cpr: CPR[3], ...m, questionnaire: { ...m.questionnaire, q10HasBarriers: true, q10Barriers: ['personlige_sociale'] } };
    const created = await t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.create), payload: body });
    expect(created.statusCode).toBe(201);
    const screening = created.json();
    expect(screening.targetGroup).toBe(1);
    expect(screening.jobCentreReferral).toBe(false);
    const before = await pdfText();
    expect(before).toContain('Henvisning til jobcentret: Nej');
    expect(before).not.toContain('efter vurderingen');

    const assessed = await t.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${screening.id}/assessment`,
      headers: auth(KEYS.assess),
      payload: { correctedTargetGroup: 2, correctedSubgroup: '2a', reason: 'kendskab_til_helbred', caseworkerId: 'sb-17' },
    });
    expect(assessed.statusCode).toBe(201);
    const stored = await t.app.inject({ method: 'GET', url: `/v1/screenings/${screening.id}`, headers: auth(KEYS.read) });
    const current = stored.json().current;
    expect(current.source).toBe('assessment');
    expect(current.jobCentreReferral).toBe(true);
    const after = await pdfText();
    expect(after).toContain('Henvisning til jobcentret: Nej');
    expect(after).toContain(
      `${PDF_TEXT_DA.referralCurrent('Målgruppe 2a')}: Ja – ${current.referralReasons.map((r: { reason: string }) => r.reason).join('; ')}`,
    );
    expect(after).toContain(PDF_TEXT_DA.memberSummaryCurrent('Målgruppe 2a'));
    // The summary's first group-specific line, as the API gives it for the corrected group.
    const firstLine = (current.memberSummary as string).split('\n')[1];
    expect(after).toContain(firstLine.slice(0, 30));
    expect(after).toContain(PDF_TEXT_DA.activitiesStatistical('Målgruppe 1'));
  });
});
