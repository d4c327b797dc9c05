/**
 * Two service instances on one PostgreSQL database (each its own pool and app) creating screenings at
 * the same time, every request sent to both with one Idempotency-Key: nothing lost, nothing duplicated.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/service/app.js';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import { auth, CPR, cprHeader, KEYS, lowRiskMember, postgresUnavailable, sampleMember, testConfig } from './helpers.js';

if (postgresUnavailable !== null && process.env.CI) {
  describe('two instances on PostgreSQL', () => {
    it('is reachable (required when CI is set)', () => {
      throw new Error(postgresUnavailable!);
    });
  });
}

const schema = randomSchemaName();
afterAll(async () => {
  if (postgresUnavailable === null) await dropSchema(schema);
});

describe.skipIf(postgresUnavailable !== null)('two instances on PostgreSQL', () => {
  it('lose nothing and duplicate nothing when creating concurrently with idempotency keys', async () => {
    const config = testConfig({
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: '5',
      RATE_LIMIT_MAX: '100000',
    });
    // Started at once, so their migrations race too.
    const [a, b] = await Promise.all([buildApp(config), buildApp(config)]);
    await Promise.all([a.ready(), b.ready()]);
    try {
      const n = 40;
      const requests = Array.from({ length: n }, (_, i) => ({
        cpr: CPR[i % CPR.length],
        ...(i % 2 ? sampleMember() : lowRiskMember()),
        caseworkerId: `sb-${i}`,
      }));
      const send = (app: typeof a, i: number, key?: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/screenings',
          headers: { ...auth(KEYS.create), ...(key ? { 'idempotency-key': key } : {}) },
          payload: requests[i],
        });
      const keyed = requests.flatMap((_, i) => [send(a, i, `k-${i}`), send(b, i, `k-${i}`), send(i % 2 ? a : b, i, `k-${i}`)]);
      const plain = requests.slice(0, 10).map((_, i) => send(i % 2 ? a : b, i));
      const [keyedRes, plainRes] = await Promise.all([Promise.all(keyed), Promise.all(plain)]);

      for (const r of [...keyedRes, ...plainRes]) expect([200, 201]).toContain(r.statusCode);
      const idsByKey = new Map<number, Set<string>>();
      keyedRes.forEach((r, j) => {
        const i = Math.floor(j / 3);
        idsByKey.set(i, (idsByKey.get(i) ?? new Set()).add(r.json().id));
      });
      for (const ids of idsByKey.values()) expect(ids.size).toBe(1);
      expect(keyedRes.filter((r) => r.statusCode === 201)).toHaveLength(n);
      expect(new Set(plainRes.map((r) => r.json().id)).size).toBe(10);

      // Every screening is stored exactly once, whichever instance is asked.
      let total = 0;
      for (const cpr of CPR) {
        const fromA = (
          await a.inject({ method: 'GET', url: '/v1/citizen/screenings', headers: { ...auth(KEYS.read), ...cprHeader(cpr) } })
        ).json().screenings;
        const fromB = (
          await b.inject({ method: 'GET', url: '/v1/citizen/screenings', headers: { ...auth(KEYS.read), ...cprHeader(cpr) } })
        ).json().screenings;
        expect(fromA.map((s: { id: string }) => s.id).sort()).toEqual(fromB.map((s: { id: string }) => s.id).sort());
        total += fromA.length;
      }
      expect(total).toBe(n + 10);
      const stored = new Set<string>();
      for (const cpr of CPR) {
        for (const s of (
          await a.inject({ method: 'GET', url: '/v1/citizen/screenings', headers: { ...auth(KEYS.read), ...cprHeader(cpr) } })
        ).json().screenings)
          stored.add(s.id);
      }
      for (const ids of idsByKey.values()) expect(stored.has([...ids][0])).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
