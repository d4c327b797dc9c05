/**
 * When a screening happens, through the API: the occasion, the first day of the benefit period and the
 * screening date are stored and shown; history and GetScreeningResult order by screening date; timing
 * that cannot be is refused naming the field; a retry must repeat the timing to be the same request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copenhagenDate } from '../../src/screening/occasion.js';
import { auth, CPR, cprHeader, databaseKinds, KEYS, sampleMember, startApp, type TestApp } from './helpers.js';

/** The Danish date `days` days before today. */
const daysAgo = (days: number) => copenhagenDate(new Date(Date.now() - days * 86_400_000));

describe.each(databaseKinds())('screening timing on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (body: object, idempotencyKey?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.admin), ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }) },
      payload: { ...sampleMember(), ...body },
    });
  const citizen = (url: string, cpr: string) => t.app.inject({ method: 'GET', url, headers: { ...auth(KEYS.read), ...cprHeader(cpr) } });

  it('stores and shows the timing; without any, occasion other, no period, and today in Denmark', async () => {
    const plain = await create({ cpr: CPR[0] });
    expect(plain.statusCode).toBe(201);
    expect(plain.json()).toMatchObject({ occasion: 'other', benefitPeriodStart: null, screeningDate: copenhagenDate(new Date()) });

    const timing = { occasion: 'first_interview', benefitPeriodStart: daysAgo(20), screeningDate: daysAgo(10) };
    const timed = await create({ cpr: CPR[1], ...timing });
    expect(timed.statusCode).toBe(201);
    expect(timed.json()).toMatchObject(timing);
    expect(
      (await t.app.inject({ method: 'GET', url: `/v1/screenings/${timed.json().id}`, headers: auth(KEYS.read) })).json(),
    ).toMatchObject(timing);
  });

  it('lists the history newest first by screening date, and GetScreeningResult returns the newest', async () => {
    const cpr = CPR[2];
    const start = daysAgo(100);
    const week13 = (await create({ cpr, occasion: 'week_13', benefitPeriodStart: start, screeningDate: daysAgo(10) })).json().id;
    // Stored later, but screened earlier: a late-registered notice-period screening.
    const notice = (await create({ cpr, occasion: 'notice_period', benefitPeriodStart: start, screeningDate: daysAgo(110) })).json().id;
    const first = (await create({ cpr, occasion: 'first_interview', benefitPeriodStart: start, screeningDate: daysAgo(95) })).json().id;
    const history = (await citizen('/v1/citizen/screenings', cpr)).json().screenings;
    expect(history.map((s: { id: string; occasion: string }) => [s.id, s.occasion])).toEqual([
      [week13, 'week_13'],
      [first, 'first_interview'],
      [notice, 'notice_period'],
    ]);
    expect((await citizen('/v1/citizen/screening-result', cpr)).json().id).toBe(week13);
    expect((await citizen('/v1/citizen/screening-result/exists', cpr)).json().screeningId).toBe(week13);
  });

  it('refuses timing that cannot be with 400 problem+json naming the field, storing nothing', async () => {
    const tomorrow = copenhagenDate(new Date(Date.now() + 86_400_000));
    const cases: [object, string, RegExp][] = [
      [{ screeningDate: tomorrow }, 'screeningDate', /must not be in the future/],
      [{ screeningDate: '2025-02-29' }, 'screeningDate', /real date/],
      [{ benefitPeriodStart: '1999-12-31' }, 'benefitPeriodStart', /must not be before 2000-01-01/],
      [{ occasion: 'week_52' }, 'occasion', /./],
      [
        { occasion: 'notice_period', benefitPeriodStart: daysAgo(5), screeningDate: daysAgo(1) },
        'screeningDate',
        /before benefitPeriodStart/,
      ],
      [
        { occasion: 'week_9', benefitPeriodStart: daysAgo(1), screeningDate: daysAgo(3) },
        'screeningDate',
        /on or after benefitPeriodStart/,
      ],
      [{ occasion: 'other', benefitPeriodStart: daysAgo(400), screeningDate: daysAgo(1) }, 'benefitPeriodStart', /within 366 days/],
    ];
    for (const [timing, field, message] of cases) {
      const r = await create({ cpr: CPR[3], ...timing });
      expect(r.statusCode, JSON.stringify(timing)).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const errors = r.json().errors as { field: string; reason: string }[];
      expect(
        errors.some((e) => e.field.endsWith(field) && message.test(e.reason)),
        JSON.stringify(errors),
      ).toBe(true);
    }
    expect((await citizen('/v1/citizen/screening-result/exists', CPR[3])).json().exists).toBe(false);
  });

  it('replays a retry with the same timing, and refuses the key for a different timing', async () => {
    const body = { cpr: CPR[4], occasion: 'week_9', benefitPeriodStart: daysAgo(70), screeningDate: daysAgo(7) };
    const first = await create(body, 'timing-1');
    expect(first.statusCode).toBe(201);
    const again = await create(body, 'timing-1');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    for (const change of [{ occasion: 'week_13' }, { benefitPeriodStart: daysAgo(71) }, { screeningDate: daysAgo(6) }]) {
      expect((await create({ ...body, ...change }, 'timing-1')).statusCode, JSON.stringify(change)).toBe(409);
    }
  });
});
