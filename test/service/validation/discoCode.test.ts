/**
 * A DISCO-08 code that lost its leading zero (210 for "0210") must be refused, not scored as major
 * group 2: by the request schema (400 naming the field) and, behind it, by the model's own parsing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, CPR, KEYS, sampleMember, startApp, type TestApp } from '../helpers.js';

describe('DISCO-08 codes in the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });
  const score = (discoCode: unknown) => {
    const m = sampleMember();
    return t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: auth(KEYS.create),
      payload: { members: [{ ...m, member: { ...m.member, discoCode } }] },
    });
  };

  it('refuses a code of 3 digits with 400 naming the field and the lost zero', async () => {
    const res = await score('210');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([{ field: 'members.0.member.discoCode', reason: expect.stringMatching(/"0210", not "210"/) }]);
  });

  it('refuses a code sent as a number, saying why a number cannot carry it', async () => {
    const res = await score(210);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'members.0.member.discoCode', reason: expect.stringMatching(/^must be a string, not a number/) },
    ]);
  });

  it('refuses other lengths and non-digits, on the screening route too', async () => {
    for (const bad of ['2', '21', '02101', '0210x', '02 10', '1234567']) {
      expect((await score(bad)).statusCode, bad).toBe(400);
    }
    const m = sampleMember();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/screenings',
      headers: { ...auth(KEYS.create), 'idempotency-key': 'disco-1' },
      payload: { cpr: CPR[0], ...m, member: { ...m.member, discoCode: '912' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('member.discoCode');
  });

  it('scores 4- and 6-digit codes with their leading zero, and null, and reads "0210" as major group 0', async () => {
    for (const good of ['0210', '9112', '251230', null]) {
      expect((await score(good)).statusCode, String(good)).toBe(200);
    }
    const zero = (await score('0210')).json().results[0].linearPredictor;
    const two = (await score('2111')).json().results[0].linearPredictor;
    expect(zero).not.toBeCloseTo(two, 6);
  });
});
