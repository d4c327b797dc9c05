/**
 * POST /v1/screenings parses the member once: the scorer encodes it once, and the 201 is the outcome just
 * computed, not one rebuilt (and validated again) from the stored columns, yet equal to what GET returns.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storedMemberInputSchema } from '../../src/screening/member/memberSchema.js';
import { auth, CPR, databaseKinds, KEYS, lowRiskMember, sampleMember, startApp, type TestApp } from './helpers.js';

describe.each(databaseKinds())('creating a screening on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  const create = (body: object) => t.app.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.create), payload: body });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth(KEYS.read) });

  it('scores and encodes the member once per screening', async () => {
    const scorer = t.app.models.active.scorer;
    const score = vi.spyOn(scorer, 'score');
    const encode = vi.spyOn(scorer.encoder, 'encodeRecord');
    try {
      for (const [i, body] of [sampleMember(), lowRiskMember()].entries()) {
        const res = await create({ cpr: CPR[i], ...body });
        expect(res.statusCode).toBe(201);
        expect(score).toHaveBeenCalledTimes(i + 1);
        expect(encode).toHaveBeenCalledTimes(i + 1);
      }
    } finally {
      score.mockRestore();
      encode.mockRestore();
    }
  });

  it('answers 201 with the outcome just computed, equal to what GET returns', async () => {
    const readBack = vi.spyOn(storedMemberInputSchema, 'safeParse');
    try {
      const res = await create({ cpr: CPR[2], ...sampleMember(), caseworkerId: 'sb-17' });
      expect(res.statusCode).toBe(201);
      // The stored input is not parsed back to answer the create…
      expect(readBack).not.toHaveBeenCalled();
      const again = await get(res.headers.location as string);
      expect(again.statusCode).toBe(200);
      // …but a read validates what storage returns.
      expect(readBack).toHaveBeenCalled();
      expect(res.json()).toEqual(again.json());
      expect(res.body).toBe(again.body);
    } finally {
      readBack.mockRestore();
    }
  });
});
