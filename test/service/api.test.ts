/**
 * Every endpoint through app.inject(), happy paths and errors, run against SQLite and PostgreSQL
 * (each PostgreSQL run in its own throw-away schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screeningOutcomeSchema } from '../../src/screening/screeningResult.js';
import { auth, CPR, cprHeader, databaseKinds, KEYS, lowRiskMember, sampleMember, startApp, type TestApp } from './helpers.js';

const PROBLEM_TYPE = /^urn:ledighedsprofil:problem:/;

describe.each(databaseKinds())('the API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (body: unknown, key: string = KEYS.create, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/v1/screenings', headers: { ...auth(key), ...headers }, payload: body as object });
  const get = (url: string, key: string = KEYS.read) => t.app.inject({ method: 'GET', url, headers: auth(key) });
  const getCitizen = (url: string, cpr: string, key: string = KEYS.read) =>
    t.app.inject({ method: 'GET', url, headers: { ...auth(key), ...cprHeader(cpr) } });

  it('creates a screening and returns the stored result with model version, probability, target group, factors and activities', async () => {
    const res = await create({ cpr: CPR[0], ...sampleMember(), caseworkerId: 'sb-17' });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(res.headers.location).toBe(`/v1/screenings/${s.id}`);
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(s.createdAt).toISOString()).toBe(s.createdAt);
    expect(s.modelVersion).toBe('sim-2026.12-1');
    expect(s.simulatedData).toBe(true);
    expect(s.probability).toBeGreaterThan(0.5);
    expect(s.targetGroup).toBe(2);
    expect(s.probability >= s.cutoff).toBe(true);
    expect(s.currentTargetGroup).toBe(2);
    expect(s.caseworkerId).toBe('sb-17');
    expect(s.clientId).toBe('example-create');
    expect(s.member).toEqual(sampleMember().member);
    expect(s.assessment).toBeNull();
    // Factors: Danish labels, raising ones first, contributions summing with the baseline to the log-odds.
    const raising = s.factors.filter((f: { direction: string }) => f.direction === 'raises');
    expect(raising.length).toBeGreaterThan(0);
    expect(raising.map((f: { label: string }) => f.label)).toContain('55-59 år');
    expect(s.activities.length).toBeGreaterThan(0);
    expect(s.activities.map((a: { code: string }) => a.code)).toContain('fokussamtaler');
    expect(typeof s.memberSummary).toBe('string');
    expect(s.memberSummary).not.toMatch(/sandsynlighed|risiko|målgruppe/i);
    // The response's outcome part is exactly src/screening's outcome.
    const {
      id: _i,
      createdAt: _c,
      caseworkerId: _w,
      clientId: _l,
      occasion: _o,
      benefitPeriodStart: _b,
      screeningDate: _d,
      member: _m,
      questionnaire: _q,
      assessment: _a,
      assessments: _h,
      currentTargetGroup: _t,
      currentSubgroup: _s,
      current: _cr,
      memberSummary: _ms,
      ...outcome
    } = s;
    expect(screeningOutcomeSchema.safeParse(outcome).success).toBe(true);
  });

  it('puts a low-risk member in målgruppe 1 with lowering factors and no referral', async () => {
    const res = await create({ cpr: CPR[1], ...lowRiskMember() });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s.targetGroup).toBe(1);
    expect(s.jobCentreReferral).toBe(false);
    expect(s.referralReasons).toEqual([]);
    expect(s.factors.some((f: { direction: string }) => f.direction === 'lowers')).toBe(true);
    expect(s.member.region).toBe('hovedstaden');
  });

  it('flags a referral to the job centre with the rule that fired', async () => {
    const m = sampleMember();
    m.questionnaire.q10Barriers = ['misbrug'];
    const s = (await create({ cpr: CPR[4], ...m })).json();
    expect(s.jobCentreReferral).toBe(true);
    expect(s.referralReasons).toEqual([expect.objectContaining({ rule: 'misbrug' })]);
    expect(s.activities.map((a: { code: string }) => a.code)).toContain('henvisning_jobcenter');
  });

  it('sets subgroup 2b for a member in group 2 whose job goal is outside the trade areas', async () => {
    const m = sampleMember();
    const s = (await create({ cpr: CPR[4], ...m, member: { ...m.member, jobGoalWithinTradeAreas: false } })).json();
    expect(s.targetGroup).toBe(2);
    expect(s.subgroup).toBe('2b');
    expect(s.activities.map((a: { code: string }) => a.code)).toContain('brancheskift_vejledning');
  });

  it('answers ScreeningResultExists, GetScreeningResult (the latest) and the history', async () => {
    const no = await getCitizen('/v1/citizen/screening-result/exists', CPR[3]);
    expect(no.statusCode).toBe(200);
    expect(no.json()).toEqual({ exists: false, createdAt: null, screeningId: null });
    expect((await getCitizen('/v1/citizen/screening-result', CPR[3])).statusCode).toBe(404);

    const first = (await create({ cpr: '120385-5678', ...lowRiskMember() })).json();
    await new Promise((r) => setTimeout(r, 5));
    const second = (await create({ cpr: CPR[3], ...sampleMember() })).json();
    const yes = (await getCitizen('/v1/citizen/screening-result/exists', CPR[3])).json();
    expect(yes).toEqual({ exists: true, createdAt: second.createdAt, screeningId: second.id });
    // Both spellings of the CPR number are one citizen.
    const latest = await getCitizen('/v1/citizen/screening-result', '120385-5678');
    expect(latest.statusCode).toBe(200);
    expect(latest.json().id).toBe(second.id);
    const history = (await getCitizen('/v1/citizen/screenings', CPR[3])).json();
    expect(history.screenings.map((s: { id: string }) => s.id)).toEqual([second.id, first.id]);
    expect((await get(`/v1/screenings/${first.id}`)).json().id).toBe(first.id);
  });

  it('keeps the statistical result and the whole assessment history when caseworkers correct it', async () => {
    const s = (await create({ cpr: CPR[2], ...sampleMember() })).json();
    const put = (body: object, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'PUT',
        url: `/v1/screenings/${s.id}/assessment`,
        headers: { ...auth(KEYS.assess), ...headers },
        payload: body,
      });
    const a1 = await put({
      correctedTargetGroup: 1,
      reason: 'jobtilbud_i_sigte',
      comment: 'Har fået tilbud om job',
      caseworkerId: 'sb-17',
    });
    expect(a1.statusCode).toBe(201);
    expect(a1.json()).toMatchObject({
      correctedTargetGroup: 1,
      correctedSubgroup: null,
      comment: 'Har fået tilbud om job',
      caseworkerId: 'sb-17',
      clientId: 'example-assess',
    });
    const a2 = await put(
      {
        correctedTargetGroup: 2,
        reason: 'jobtilbud_i_sigte',
        correctedSubgroup: '2b',
        comment: 'Jobtilbuddet faldt bort',
        caseworkerId: 'sb-4',
      },
      { 'idempotency-key': 'assess-1' },
    );
    expect(a2.statusCode).toBe(201);
    const again = await put(
      {
        correctedTargetGroup: 2,
        reason: 'jobtilbud_i_sigte',
        correctedSubgroup: '2b',
        comment: 'Jobtilbuddet faldt bort',
        caseworkerId: 'sb-4',
      },
      { 'idempotency-key': 'assess-1' },
    );
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(a2.json().id);

    const after = (await getCitizen('/v1/citizen/screening-result', CPR[2])).json();
    expect(after.probability).toBe(s.probability);
    expect(after.targetGroup).toBe(s.targetGroup);
    expect(after.factors).toEqual(s.factors);
    expect(after.activities).toEqual(s.activities);
    expect(after.assessments.map((a: { comment: string }) => a.comment)).toEqual(['Har fået tilbud om job', 'Jobtilbuddet faldt bort']);
    expect(after.assessment.id).toBe(a2.json().id);
    expect(after.currentTargetGroup).toBe(2);
    expect(after.currentSubgroup).toBe('2b');
    expect(after.assessments.map((a: { reason: string }) => a.reason)).toEqual(['jobtilbud_i_sigte', 'jobtilbud_i_sigte']);
  });

  it("gives the corrected group's activities and member summary beside the statistical ones, and the probability's interval", async () => {
    const m = sampleMember();
    const created = await create({ cpr: CPR[3], ...m, member: { ...m.member, jobGoalWithinTradeAreas: true } });
    const s = created.json();
    expect(s.subgroup).toBe('2a');
    expect(s.probabilityInterval.level).toBe(0.95);
    expect(s.probabilityInterval.lower).toBeLessThan(s.probability);
    expect(s.probabilityInterval.upper).toBeGreaterThan(s.probability);
    expect(s.current).toEqual({
      source: 'statistical',
      targetGroup: 2,
      subgroup: '2a',
      policyVersion: s.policyVersion,
      jobCentreReferral: s.jobCentreReferral,
      referralReasons: s.referralReasons,
      activities: s.activities,
      memberSummary: s.memberSummary,
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${s.id}/assessment`,
      headers: auth(KEYS.assess),
      payload: { correctedTargetGroup: 2, correctedSubgroup: '2b', reason: 'oensker_brancheskift', caseworkerId: 'sb-17' },
    });
    expect(put.statusCode).toBe(201);
    expect(put.json().reason).toBe('oensker_brancheskift');
    const after = (await t.app.inject({ method: 'GET', url: `/v1/screenings/${s.id}`, headers: auth(KEYS.read) })).json();
    // The statistical result stays as it was; the current one follows the correction.
    expect(after.activities).toEqual(s.activities);
    expect(after.memberSummary).toBe(s.memberSummary);
    expect(after.probabilityInterval).toEqual(s.probabilityInterval);
    expect(after.current.source).toBe('assessment');
    expect(after.current.subgroup).toBe('2b');
    const codes = after.current.activities.map((a: { code: string }) => a.code);
    expect(codes).toContain('brancheskift_vejledning');
    expect(s.activities.map((a: { code: string }) => a.code)).not.toContain('brancheskift_vejledning');
    expect(after.current.memberSummary).not.toBe(s.memberSummary);
    expect(after.current.memberSummary).toContain(
      after.current.activities.find((a: { code: string }) => a.code === 'brancheskift_vejledning').memberText,
    );

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: auth(KEYS.admin) });
    expect(metrics.body).toMatch(/ledighedsprofil_assessments_created_total\{reason="oensker_brancheskift",target_group="2"\} 1/);
  });

  it('refuses assessments that are inconsistent, carry a CPR number, or name no screening', async () => {
    const s = (await create({ cpr: CPR[2], ...sampleMember() })).json();
    const put = (id: string, body: object) =>
      t.app.inject({ method: 'PUT', url: `/v1/screenings/${id}/assessment`, headers: auth(KEYS.assess), payload: body });
    const sub = await put(s.id, { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', correctedSubgroup: '2a', caseworkerId: 'sb' });
    expect(sub.statusCode).toBe(400);
    expect(sub.json().errors).toEqual([{ field: 'correctedSubgroup', reason: expect.stringMatching(/only given within target group 2/) }]);
    const cpr = await put(s.id, {
      correctedTargetGroup: 1,
      reason: 'jobtilbud_i_sigte',
      comment: `Borgeren ${CPR[2]} ringede`,
      caseworkerId: 'sb',
    });
    expect(cpr.statusCode).toBe(422);
    expect(cpr.json().errors).toEqual([{ field: 'comment', reason: 'contains what looks like a CPR number' }]);
    expect(cpr.body).not.toContain(CPR[2]);
    const missing = await put('00000000-0000-4000-8000-000000000000', {
      correctedTargetGroup: 1,
      reason: 'jobtilbud_i_sigte',
      caseworkerId: 'sb',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const badId = await put('not-a-uuid', { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', caseworkerId: 'sb' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('id');
    const noReason = await put(s.id, { correctedTargetGroup: 1, caseworkerId: 'sb' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'reason', reason: expect.any(String) }]);
    const otherWithoutComment = await put(s.id, { correctedTargetGroup: 1, reason: 'andet', caseworkerId: 'sb' });
    expect(otherWithoutComment.statusCode).toBe(400);
    expect(otherWithoutComment.json().errors).toEqual([{ field: 'comment', reason: expect.stringMatching(/andet/) }]);
    const noCaseworker = await put(s.id, { correctedTargetGroup: 1, reason: 'sprog' });
    expect(noCaseworker.json().errors).toEqual([{ field: 'caseworkerId', reason: expect.any(String) }]);
  });

  it('replays a create with the same Idempotency-Key and refuses the key for a different request', async () => {
    const body = { cpr: CPR[1], ...sampleMember() };
    const first = await create(body, KEYS.create, { 'idempotency-key': 'create-42' });
    const second = await create(body, KEYS.create, { 'idempotency-key': 'create-42' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const conflict = await create({ ...body, cpr: CPR[0] }, KEYS.create, { 'idempotency-key': 'create-42' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().type).toBe('urn:ledighedsprofil:problem:idempotency-conflict');
    const bad = await create(body, KEYS.create, { 'idempotency-key': 'mellemrum er ikke tilladt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('idempotency-key');
  });

  it('serves the latest screening as a one-page PDF', async () => {
    await create({ cpr: CPR[0], ...sampleMember() });
    const res = await getCitizen('/v1/citizen/screening-result/pdf', CPR[0]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).not.toContain(CPR[0].slice(6));
    expect((await getCitizen('/v1/citizen/screening-result/pdf', '0101991234')).statusCode).toBe(404);
  });

  it('erases a citizen: screenings and assessments go, then GET is 404, and the audit log keeps only the hash', async () => {
    const cpr = '0101204000';
    const s = (await create({ cpr, ...sampleMember() })).json();
    await t.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${s.id}/assessment`,
      headers: auth(KEYS.assess),
      payload: { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', caseworkerId: 'sb' },
    });
    const del = await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...auth(KEYS.admin), ...cprHeader(cpr) } });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ erasedScreenings: expect.any(Number), erasedAssessments: 1 });
    expect(del.json().erasedScreenings).toBeGreaterThanOrEqual(1);
    expect((await getCitizen('/v1/citizen/screening-result', cpr)).statusCode).toBe(404);
    expect((await get(`/v1/screenings/${s.id}`)).statusCode).toBe(404);
    expect((await getCitizen('/v1/citizen/screening-result/exists', cpr)).json().exists).toBe(false);
    // Erasing again is harmless.
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...auth(KEYS.admin), ...cprHeader(cpr) } })).json(),
    ).toEqual({
      erasedScreenings: 0,
      erasedAssessments: 0,
    });
    const audit = await t.app.inject({
      method: 'GET',
      url: '/v1/audit?action=citizen.erase',
      headers: { ...auth(KEYS.admin), ...cprHeader(cpr) },
    });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().entries;
    // Newest first: the second erasure found nothing.
    expect(entries.map((e: { outcome: string }) => e.outcome)).toEqual(['not_found', 'success']);
    expect(entries[1]).toMatchObject({ clientId: 'example-admin', action: 'citizen.erase', citizenKey: t.app.citizenKeyOf(cpr) });
    expect(audit.body).not.toContain(cpr);
  });

  it('scores one or many members statelessly, storing nothing', async () => {
    const before = (await getCitizen('/v1/citizen/screenings', CPR[3])).json().screenings.length;
    const one = await t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: auth(KEYS.create),
      payload: { members: [sampleMember()] },
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().results).toHaveLength(1);
    expect(one.json().results[0]).toMatchObject({ modelVersion: 'sim-2026.12-1', simulatedData: true, targetGroup: 2 });
    const interval = one.json().results[0].probabilityInterval;
    expect(interval.level).toBe(0.95);
    expect(interval.lower).toBeLessThan(one.json().results[0].probability);
    expect(interval.upper).toBeGreaterThan(one.json().results[0].probability);
    const many = await t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: auth(KEYS.create),
      payload: { members: [sampleMember(), lowRiskMember(), sampleMember()] },
    });
    const results = many.json().results;
    expect(results.map((r: { targetGroup: number }) => r.targetGroup)).toEqual([2, 1, 2]);
    expect(results[0].probability).toBe(one.json().results[0].probability);
    expect((await getCitizen('/v1/citizen/screenings', CPR[3])).json().screenings.length).toBe(before);
  });

  it('adds factors, activities and the member summary to a score only with explain=true, with the same score', async () => {
    const payload = { members: [sampleMember()] };
    const plain = (await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.create), payload })).json().results[0];
    expect(plain).not.toHaveProperty('factors');
    expect(plain).not.toHaveProperty('activities');
    expect(plain).toHaveProperty('jobCentreReferral');
    const explained = await t.app.inject({ method: 'POST', url: '/v1/score?explain=true', headers: auth(KEYS.create), payload });
    expect(explained.statusCode).toBe(200);
    const full = explained.json().results[0];
    expect(full.factors.length).toBeGreaterThan(0);
    expect(full.activities.length).toBeGreaterThan(0);
    expect(typeof full.memberSummary).toBe('string');
    for (const k of ['probability', 'linearPredictor', 'targetGroup', 'subgroup', 'jobCentreReferral', 'referralReasons', 'cutoff'])
      expect(full[k]).toEqual(plain[k]);
    const m = sampleMember();
    const created = await create({ cpr: CPR[3], ...m, member: { ...m.member, jobGoalWithinTradeAreas: true } });
    expect(created.json().probability).toBe(plain.probability);
    expect(created.json().factors).toEqual(full.factors);
    const bad = await t.app.inject({ method: 'POST', url: '/v1/score?explain=yes', headers: auth(KEYS.create), payload });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/explain/);
  });

  it('refuses a batch over the limit and an empty batch, naming the field', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: auth(KEYS.create),
      payload: { members: Array.from({ length: t.config.scoreBatchLimit + 1 }, lowRiskMember) },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().errors).toEqual([{ field: 'members', reason: `at most ${t.config.scoreBatchLimit} members per request` }]);
    const empty = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.create), payload: { members: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('members');
  });

  it('reports a member the model cannot score as 422 naming the API field', async () => {
    const m = sampleMember();
    // The API accepts ages to 100; the bundled model was trained on 15–75.
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: auth(KEYS.create),
      payload: { members: [lowRiskMember(), { ...m, member: { ...m.member, age: 80 } }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'members.1.member.age', reason: expect.stringMatching(/above the maximum 75/) }]);
    const c = await create({ cpr: CPR[0], ...m, member: { ...m.member, age: 80 } });
    expect(c.statusCode).toBe(422);
    expect(c.json().errors[0].field).toBe('member.age');
  });

  it('lists the models and shows one with coefficients, metrics and cut-off', async () => {
    const list = await get('/v1/models', KEYS.assess);
    expect(list.statusCode).toBe(200);
    expect(list.json().active).toBe('sim-2026.12-1');
    // The bundled default, and the model it replaced, kept so the screenings it made stay explainable.
    expect(list.json().models).toEqual([
      expect.objectContaining({ version: 'sim-2026.12-1', active: true, simulatedData: true }),
      expect.objectContaining({ version: 'sim-2026.11-1', active: false, simulatedData: true }),
    ]);
    const one = await get('/v1/models/sim-2026.12-1', KEYS.create);
    expect(one.statusCode).toBe(200);
    const m = one.json();
    expect(m.coefficients[0].term).toBe('(Intercept)');
    for (const c of m.coefficients.filter((c: { estimate: number | null }) => c.estimate !== null)) {
      expect(c.oddsRatio).toBeCloseTo(Math.exp(c.estimate), 12);
      expect(c.ciLow).toBeLessThan(c.estimate);
    }
    expect(m.cutoff.probability).toBeGreaterThan(0);
    expect(m.features.find((f: { name: string }) => f.name === 'disco_major')).toMatchObject({
      column: 'disco_code',
      apiField: 'member.discoCode',
    });
    expect(m.auditOnly).toEqual(['gender', 'origin']);
    const missing = await get('/v1/models/nope-1', KEYS.read);
    expect(missing.statusCode).toBe(404);
  });

  it('reports health without a key: live, and ready with the database and the model', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      database: 'ok',
      databaseKind: kind,
      activeModel: 'sim-2026.12-1',
      activeModelSimulatedData: true,
      shadowModel: null,
    });
  });

  it('serves Prometheus metrics to the admin role', async () => {
    const res = await get('/metrics', KEYS.admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/ledighedsprofil_screenings_created_total\{model_version="sim-2026.12-1",target_group="2"\} \d+/);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{.*route="\/v1\/citizen\/screening-result"/);
    expect(res.body).not.toMatch(/\d{6}-?\d{4}/.source === '' ? /x/ : new RegExp(CPR[0]));
  });

  it('serves Swagger UI and the OpenAPI document without a key', async () => {
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
    const doc = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.json().paths['/v1/screenings'].post).toBeDefined();
  });

  it('answers bad input with problem+json naming the field', async () => {
    const m = sampleMember();
    const res = await create({ cpr: CPR[0], ...m, member: { ...m.member, age: 'old', education: 'phd', shoeSize: 44 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = res.json();
    expect(p).toMatchObject({
      type: 'urn:ledighedsprofil:problem:validation-error',
      title: 'The request is not valid',
      status: 400,
      instance: '/v1/screenings',
    });
    expect(p.type).toMatch(PROBLEM_TYPE);
    expect(typeof p.detail).toBe('string');
    expect(p.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.errors.map((e: { field: string }) => e.field).sort()).toEqual(['member.age', 'member.education', 'member.shoeSize']);
    const region = await create({ cpr: CPR[0], ...m, member: { ...m.member, region: 'nordjylland' } });
    expect(region.json().errors).toEqual([{ field: 'member.region', reason: 'does not match the municipality (which is in hovedstaden)' }]);
    const q10 = await create({
      cpr: CPR[0],
      ...m,
      questionnaire: { q2JobExpectation: 'ved_ikke', q10HasBarriers: false, q10Barriers: ['it'] },
    });
    expect(q10.json().errors).toEqual([{ field: 'questionnaire.q10Barriers', reason: 'must be empty when q10HasBarriers is false' }]);
  });

  it('refuses an invalid CPR number with 400 naming cpr, without echoing it', async () => {
    for (const bad of ['3213614285', '0707614', '07076142850', '070761/4285', '3102804285']) {
      const res = await create({ cpr: bad, ...sampleMember() });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'cpr', reason: expect.stringMatching(/^CPR number/) }]);
      const header = await getCitizen('/v1/citizen/screening-result', bad);
      expect(header.statusCode).toBe(400);
      expect(header.json().errors).toEqual([{ field: 'x-civil-registration-identifier', reason: expect.stringMatching(/^CPR number/) }]);
    }
    const future = await getCitizen('/v1/citizen/screening-result', '0101505000');
    expect(future.json().errors[0].reason).toMatch(/future/);
  });

  it('answers 413 to a body over the limit, 415 to a non-JSON body, 400 to broken JSON and 404 to an unknown route', async () => {
    const huge = await t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: { ...auth(KEYS.create), 'content-type': 'application/json' },
      payload: '{"members":[' + '"x",'.repeat(t.config.bodyLimit / 4) + '"x"]}',
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().type).toBe('urn:ledighedsprofil:problem:payload-too-large');
    const text = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.create), 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.create), 'content-type': 'application/json' },
      payload: '{"cpr": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().type).toBe('urn:ledighedsprofil:problem:invalid-json');
    const unknown = await getCitizen('/v1/citizen/nothing-here', CPR[0]);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:not-found', status: 404 });
    expect(unknown.body).not.toContain(CPR[0]);
  });

  it('sends security headers', async () => {
    const res = await getCitizen('/v1/citizen/screening-result/exists', CPR[0]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('records every action on a citizen in the audit log with the client and the hashed citizen, never the CPR', async () => {
    const cpr = '2902964321';
    const key = t.app.citizenKeyOf(cpr);
    const s = (await create({ cpr, ...sampleMember() })).json();
    await getCitizen('/v1/citizen/screening-result', cpr);
    await getCitizen('/v1/citizen/screening-result/exists', cpr);
    await getCitizen('/v1/citizen/screening-result/pdf', cpr);
    await t.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${s.id}/assessment`,
      headers: auth(KEYS.assess),
      payload: { correctedTargetGroup: 1, reason: 'jobtilbud_i_sigte', caseworkerId: 'sb' },
    });
    await t.app.inject({ method: 'DELETE', url: '/v1/citizen', headers: { ...auth(KEYS.admin), ...cprHeader(cpr) } });
    const page = await t.repository.listAudit({ fundId: '15', citizenKey: key, limit: 1000 });
    const actions = page.entries.map((e) => `${e.action} ${e.clientId} ${e.outcome}`);
    for (const expected of [
      'screening.create example-create success',
      'screening.read example-read success',
      'screening.exists example-read success',
      'screening.read_pdf example-read success',
      'citizen.erase example-admin success',
    ]) {
      expect(actions).toContain(expected);
    }
    expect(page.entries.some((e) => e.action === 'assessment.create' && e.clientId === 'example-assess' && e.screeningId === s.id)).toBe(
      true,
    );
    for (const e of page.entries) {
      expect(e.citizenKey === null || e.citizenKey === key).toBe(true);
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(JSON.stringify(page)).not.toMatch(/2902964321|290296-4321/);
  });
});
