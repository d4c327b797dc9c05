/**
 * Recording outcomes over the API (issue 9.2): one with the CPR number in the header, a register
 * extract as an all-or-nothing batch, the history; replays, pending → known, conflicts and
 * corrections; 404 for a period the fund has not screened; 422 naming the record and the bad hours
 * field; the CPR number in no response and no log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearWeekOfWeekIndex } from '../../src/data/isoWeek.js';
import { parseWeekField } from '../../src/data/labels.js';
import { HOURS_LABEL_CODE } from '../../src/data/outcomeFromHours.js';
import { DEVELOPMENT_API_KEYS } from '../../src/service/config.js';
import { OUTCOME_BATCH_LIMIT } from '../../src/service/schemas/outcome.js';
import { auth, CPR, cprHeader, KEYS, logCapture, sampleMember, startApp, type TestApp } from './helpers.js';

const START = '2025-12-15'; // a Monday in ISO week 202551; the window is 202551 … 202650
/** A member whose outcome is sent with an Idempotency-Key (a real date: 29 February 1996). */
const RETRIED = '2902964322';
const OTHER_FUND_OUTCOMES = 'fund42-outcomes-000000000000000000000000';
const FIRST = parseWeekField('202551') as number;
/** `n` weeks of `hours` from the window's week `offset` (0 = 202551). */
const weeks = (offset: number, n: number, hours: number | string = 37) =>
  Array.from({ length: n }, (_, i) => ({ week: String(yearWeekOfWeekIndex(FIRST + offset + i)), hours }));

describe('outcomes over the API', () => {
  let t: TestApp;
  const log = logCapture();
  beforeAll(async () => {
    // The dev keys, and another fund's register import, to show that fund cannot reach fund 15's periods.
    const keys = [...DEVELOPMENT_API_KEYS, { id: 'fund42-outcomes', key: OTHER_FUND_OUTCOMES, roles: ['outcome:write'], fund: '42' }];
    t = await startApp('sqlite', { LOG_LEVEL: 'info', API_KEYS: JSON.stringify(keys) }, { logDestination: log.stream });
    for (const cpr of [CPR[0], CPR[1], CPR[2], RETRIED]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: auth(KEYS.create),
        payload: { cpr, ...sampleMember(), occasion: 'first_interview', benefitPeriodStart: START, screeningDate: '2025-12-18' },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const put = (cpr: string, payload: object, key: string = KEYS.outcomes, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'PUT', url: '/v1/citizen/outcome', headers: { ...auth(key), ...cprHeader(cpr), ...headers }, payload });
  const batch = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/v1/outcomes/batch', headers: auth(KEYS.outcomes), payload: payload as object });
  const history = async (cpr: string) =>
    (await t.app.inject({ method: 'GET', url: '/v1/citizen/outcomes', headers: { ...auth(KEYS.read), ...cprHeader(cpr) } })).json()
      .outcomes as { revision: number; longTermState: string; longTerm: boolean | null }[];

  it('stores pending from hours, replays the same record, turns known with more weeks, refuses a change, keeps a correction', async () => {
    const early = { benefitPeriodStart: START, statusWeek13: 'on_dagpenge', weeklyHours: weeks(0, 20), hoursThroughWeek: '202619' };
    const p = await put(CPR[0], early);
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({
      revision: 1,
      longTermState: 'pending',
      longTerm: null,
      longTermSource: 'hours',
      labelCode: HOURS_LABEL_CODE,
    });
    const again = await put(CPR[0], early);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // All 52 weeks in, 42 of them with 37 hours (1,554 h ≥ 1,539.2): known, long-term.
    const full = { benefitPeriodStart: START, weeklyHours: [...weeks(0, 42), ...weeks(42, 10, 0)], hoursThroughWeek: '202650' };
    const k = await put(CPR[0], full);
    expect(k.statusCode).toBe(201);
    expect(k.json()).toMatchObject({
      revision: 2,
      longTermState: 'known',
      longTerm: true,
      benefitHours: 1554,
      weeksReported: 52,
      statusWeek13: 'on_dagpenge',
    });
    const changed = await put(CPR[0], { benefitPeriodStart: START, longTerm: false });
    expect(changed.statusCode).toBe(409);
    expect(changed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(changed.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:outcome-conflict', status: 409 });
    const noReason = await put(CPR[0], { benefitPeriodStart: START, longTerm: false, correction: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'correctionReason', reason: 'a correction needs a correctionReason' }]);
    const corrected = await put(CPR[0], {
      benefitPeriodStart: START,
      longTerm: false,
      correction: true,
      correctionReason: 'Fejl i udtræk',
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({ revision: 3, longTerm: false, longTermSource: 'given', correctionReason: 'Fejl i udtræk' });
    expect((await history(CPR[0])).map((o) => [o.revision, o.longTermState, o.longTerm])).toEqual([
      [1, 'pending', null],
      [2, 'known', true],
      [3, 'known', false],
    ]);
    const audit = await t.repository.listAudit({ fundId: '15', clientId: 'example-outcomes' });
    expect(audit.entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining(['outcome.create:success', 'outcome.create:conflict', 'outcome.correct:success']),
    );
  });

  it('replays a retry with the same Idempotency-Key and refuses the key for another record', async () => {
    const key = { 'idempotency-key': 'extract-2026-01-row-7' };
    const record = { benefitPeriodStart: START, statusWeek13: 'in_education' };
    const first = await put(RETRIED, record, KEYS.outcomes, key);
    expect(first.statusCode).toBe(201);
    const retry = await put(RETRIED, record, KEYS.outcomes, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const other = await put(RETRIED, { ...record, statusWeek26: 'in_work' }, KEYS.outcomes, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().type).toBe('urn:ledighedsprofil:problem:idempotency-conflict');
    expect((await history(RETRIED)).map((o) => o.revision)).toEqual([1]);
  });

  it('answers 404 for a period the fund has not screened, and for another fund', async () => {
    expect((await put(CPR[1], { benefitPeriodStart: '2025-12-16', longTerm: true })).statusCode).toBe(404);
    expect((await put(CPR[3], { benefitPeriodStart: START, longTerm: true })).statusCode).toBe(404);
    const other = await put(CPR[1], { benefitPeriodStart: START, longTerm: true }, OTHER_FUND_OUTCOMES);
    expect(other.statusCode).toBe(404);
    expect(other.json().detail).toBe('the fund has no screening of this citizen with this benefit period start');
  });

  it('answers 422 naming the bad week and field, storing nothing; 403 for a client without outcome:write', async () => {
    const bad = await put(CPR[1], {
      benefitPeriodStart: START,
      weeklyHours: [
        { week: '202551', hours: 37 },
        { week: '202552', hours: '12,5' },
        { week: '202599', hours: 1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:invalid-hours' });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['weeklyHours.1.hours', 'weeklyHours.2.week']);
    expect(await history(CPR[1])).toEqual([]);
    expect((await put(CPR[1], { benefitPeriodStart: START, longTerm: true }, KEYS.read)).statusCode).toBe(403);
    const both = await put(CPR[1], { benefitPeriodStart: START, longTerm: true, weeklyHours: [] });
    expect(both.statusCode).toBe(400);
  });

  it('takes a batch of the most records, each with a year of hours, within its body limit', async () => {
    // 10,000 records of 53 weeks with decimal hours: about 19 MB of compact JSON. None of these periods is
    // screened, so the answer is 404 naming one record: the body was read and checked, not refused as too large.
    const year = weeks(0, 53, '18.75');
    const records = Array.from({ length: OUTCOME_BATCH_LIMIT }, (_, k) => ({
      cpr: `${String(1 + (k % 28)).padStart(2, '0')}${String(1 + (Math.floor(k / 28) % 12)).padStart(2, '0')}80${String(Math.floor(k / 336)).padStart(4, '0')}`,
      benefitPeriodStart: START,
      statusWeek13: 'on_dagpenge',
      statusWeek26: 'in_work',
      weeklyHours: year,
      hoursThroughWeek: '202652',
    }));
    const body = JSON.stringify(records);
    expect(body.length).toBeGreaterThan(16 * 1024 * 1024);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/outcomes/batch',
      headers: { ...auth(KEYS.outcomes), 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors).toEqual([{ field: expect.stringMatching(/^\d+$/), reason: expect.any(String) }]);
    // One record more is refused before anything is looked up.
    const over = await batch([...records, records[0]]);
    expect(over.statusCode).toBe(400);
  });

  it('stores a batch all or nothing, naming a bad record by its index, and never echoes a CPR number', async () => {
    const records = [
      { cpr: CPR[1], benefitPeriodStart: START, statusWeek13: 'in_work', statusWeek26: 'in_work', longTerm: false },
      { cpr: CPR[2], benefitPeriodStart: START, weeklyHours: weeks(0, 30) },
    ];
    const badHours = await batch([...records, { cpr: CPR[0], benefitPeriodStart: START, weeklyHours: [{ week: '2026-1', hours: 37 }] }]);
    expect(badHours.statusCode).toBe(422);
    expect(badHours.json().errors).toEqual([{ field: '2.weeklyHours.0.week', reason: expect.stringMatching(/not an ISO year-week/) }]);
    const unknown = await batch([...records, { cpr: CPR[4], benefitPeriodStart: START, longTerm: true }]);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toEqual([{ field: '2', reason: expect.any(String) }]);
    const cprInReason = await batch([{ ...records[0], correction: true, correctionReason: `forkert ${CPR[1]}` }]);
    expect(cprInReason.statusCode).toBe(422);
    expect(cprInReason.json().errors).toEqual([{ field: '0.correctionReason', reason: 'contains what looks like a CPR number' }]);
    const badCpr = await batch([{ ...records[0], cpr: '3213214285' }]);
    expect(badCpr.statusCode).toBe(400);
    expect(badCpr.json().errors[0].field).toBe('0.cpr');
    expect(await history(CPR[1])).toEqual([]);
    expect(await history(CPR[2])).toEqual([]);

    const ok = await batch(records);
    expect(ok.statusCode).toBe(200);
    // Without hoursThroughWeek the batch's last week (202628) is the extract's: CPR[2]'s window is not over.
    expect(ok.json()).toEqual({
      records: 2,
      created: 2,
      updated: 0,
      corrected: 0,
      unchanged: 0,
      results: [
        { index: 0, status: 'created', revision: 1, longTermState: 'known', longTerm: false },
        { index: 1, status: 'created', revision: 1, longTermState: 'pending', longTerm: null },
      ],
    });
    expect((await batch(records)).json()).toMatchObject({ unchanged: 2, created: 0 });
    const summary = await t.repository.listAudit({ fundId: '15', action: 'outcome.batch', outcome: 'success' });
    expect(summary.entries[0].detail).toBe('records=2 created=0 updated=0 corrected=0 unchanged=2');
    for (const res of [badHours, unknown, cprInReason, badCpr, ok]) for (const cpr of CPR) expect(res.body).not.toContain(cpr);
    for (const cpr of CPR) expect(log.text()).not.toContain(cpr);
  });
});
