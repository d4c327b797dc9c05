/**
 * How screenings are stored: the outcome's extra fields in `details`, plain activities, and
 * screenings stored by the previous version (details as a tagged first entry of `activities`, `{}`
 * as details) still shown exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredScreeningError, storedOutcome } from '../../src/service/screening/storedScreening.js';
import type { NewScreening, Screening } from '../../src/storage/repository.js';
import { auth, CPR, cprHeader, databaseKinds, KEYS, sampleMember, startApp, type TestApp } from './helpers.js';

/** The record the previous version wrote for a screening, built the way its toNewScreening did. */
function previousVersionRecord(s: Screening): NewScreening {
  const d = s.details as Record<string, unknown>;
  const meta = {
    kind: 'screening',
    simulatedData: d.simulatedData,
    policyVersion: d.policyVersion,
    cutoff: d.cutoff,
    baselineLinearPredictor: d.baselineLinearPredictor,
    referralReasons: d.referralReasons,
  };
  return {
    citizenKey: s.citizenKey,
    modelVersion: s.modelVersion,
    input: s.input,
    probability: s.probability,
    linearPredictor: s.linearPredictor,
    targetGroup: s.targetGroup,
    subgroup: s.subgroup,
    jobCentreReferral: s.jobCentreReferral,
    factors: s.factors,
    activities: [meta, ...s.activities.map((a) => ({ kind: 'activity', ...(a as object) }))] as NewScreening['activities'],
    caseworkerId: s.caseworkerId,
  };
}

describe.each(databaseKinds())('stored screenings on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (body: unknown) =>
    t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.create), payload: body as object });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth(KEYS.read) });
  const getCitizen = (url: string, cpr: string) => t.app.inject({ method: 'GET', url, headers: { ...auth(KEYS.read), ...cprHeader(cpr) } });
  const stored = async (id: string) => (await t.repository.getScreening(id, { fundId: '15', clientId: 'test' }))!.screening;

  it('keeps the outcome fields without a column in details and the activities as plain activities', async () => {
    const m = sampleMember();
    m.questionnaire.q10Barriers = ['misbrug'];
    const shown = (await create({ cpr: CPR[0], ...m })).json();
    const s = await stored(shown.id);
    expect(s.details).toEqual({
      simulatedData: shown.simulatedData,
      policyVersion: shown.policyVersion,
      cutoff: shown.cutoff,
      baselineLinearPredictor: shown.baselineLinearPredictor,
      referralReasons: shown.referralReasons,
      probabilityInterval: shown.probabilityInterval,
    });
    expect(shown.referralReasons.length).toBeGreaterThan(0);
    expect(s.activities).toEqual(shown.activities);
    expect(s.activities.every((a) => !Object.hasOwn(a as object, 'kind'))).toBe(true);
  });

  it('shows a screening stored by the previous version exactly as one stored now', async () => {
    const m = sampleMember();
    m.questionnaire.q10Barriers = ['misbrug', 'it'];
    const shown = (await create({ cpr: CPR[1], ...m, caseworkerId: 'sb-3' })).json();
    const current = await stored(shown.id);

    const old = (await t.repository.createScreening(previousVersionRecord(current), { fundId: current.fundId, clientId: current.clientId }))
      .screening;
    expect(old.details).toEqual({});
    expect((old.activities[0] as { kind: string }).kind).toBe('screening');

    const again = await get(`/v1/screenings/${old.id}`);
    expect(again.statusCode).toBe(200);
    // The one thing the previous version did not store is the probability's interval: it reads back as null.
    expect(again.json()).toEqual({ ...shown, id: old.id, createdAt: old.createdAt, probabilityInterval: null });
    const now = storedOutcome(current);
    expect(storedOutcome(await stored(old.id))).toEqual({ ...now, outcome: { ...now.outcome, probabilityInterval: null } });

    // The old one is now the citizen's latest; the other views read it too.
    const latest = await getCitizen('/v1/citizen/screening-result', CPR[1]);
    expect(latest.statusCode).toBe(200);
    expect(latest.json().id).toBe(old.id);
    expect((await getCitizen('/v1/citizen/screenings', CPR[1])).statusCode).toBe(200);
    const pdf = await getCitizen('/v1/citizen/screening-result/pdf', CPR[1]);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows a screening stored with a DISCO-08 code of the earlier rule (1 to 6 digits) as it was, not a 500', async () => {
    const shown = (await create({ cpr: CPR[3], ...sampleMember() })).json();
    const current = await stored(shown.id);
    const input = current.input as { member: Record<string, unknown> };
    const record = {
      ...previousVersionRecord(current),
      activities: current.activities,
      input: { ...input, member: { ...input.member, discoCode: '91' } },
    };
    const old = (
      await t.repository.createScreening({ ...record, details: current.details } as NewScreening, {
        fundId: '15',
        clientId: current.clientId,
      })
    ).screening;
    const again = await get(`/v1/screenings/${old.id}`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().member.discoCode).toBe('91');
    expect((await getCitizen('/v1/citizen/screenings', CPR[3])).statusCode).toBe(200);
    // A new screening with such a code is refused.
    const refused = await create({ cpr: CPR[3], ...sampleMember(), member: { ...sampleMember().member, discoCode: '91' } });
    expect(refused.statusCode).toBe(400);
  });

  it('refuses to show a screening in neither shape', async () => {
    const shown = (await create({ cpr: CPR[2], ...sampleMember() })).json();
    const s = await stored(shown.id);
    // Empty details with untagged activities, a malformed field, tagged activities beside filled details.
    expect(() => storedOutcome({ ...s, details: {} })).toThrow(StoredScreeningError);
    expect(() => storedOutcome({ ...s, details: { ...s.details, cutoff: 'høj' } })).toThrow(StoredScreeningError);
    expect(() => storedOutcome({ ...s, activities: [{ kind: 'screening', ...s.details }] })).toThrow(StoredScreeningError);
  });
});
