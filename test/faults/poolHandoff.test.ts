/**
 * The race the restart test found, made to happen every time: a backend's "terminating connection"
 * arrives in the same read as the answer to a statement, and that answer frees the connection to a
 * transaction already waiting for it. The pool hands the connection over (removing its own listener)
 * while the read is still being parsed, so the termination is emitted as an 'error' on a connection
 * that, had the repository listened only from checkout on, nobody listens to, and the process ends.
 *
 * To put both messages into one read, this process blocks its event loop while the server answers a
 * statement and, a moment later, terminates that backend from another session; the socket is read
 * only when the loop is free again. Uses the machine's PostgreSQL, killing only this test's backend.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/storage/errors.js';
import { openPostgresRepository } from '../../src/storage/postgres/postgresRepository.js';
import { dropSchema, postgresProblem, randomSchemaName, rawClient, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';

const problem = await postgresProblem();
if (problem !== null && process.env.CI) {
  describe('pool hand-off', () => {
    it('has PostgreSQL (required when CI is set)', () => {
      throw new Error(problem);
    });
  });
} else if (problem !== null) {
  console.warn(`Skipping the pool hand-off test: ${problem}. Set TEST_DATABASE_URL to run it.`);
}

const schema = randomSchemaName();
afterAll(async () => {
  if (problem === null) await dropSchema(schema).catch(() => {});
});

/** Keeps the event loop busy (no socket is read meanwhile) for `ms`; returns when it ended. */
function blockEventLoop(ms: number): number {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Deliberately busy: the point is that nothing else runs.
  }
  return Date.now();
}

describe.skipIf(problem !== null)('pool hand-off', () => {
  it('survives a termination read together with the answer that hands the connection to a waiting transaction', async () => {
    const applicationName = `lp_test_${schema.slice(-12)}`;
    const errors: Error[] = [];
    const repo = await openPostgresRepository({
      connectionString: TEST_DATABASE_URL,
      schema,
      poolSize: 1,
      applicationName,
      onError: (e) => errors.push(e),
    });
    const raw = await rawClient(schema);
    try {
      await repo.ping();
      const found = await raw.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      expect(found.rows).toHaveLength(1);
      // The other session terminates the backend 300 ms from now, while this process is blocked.
      const killed = raw.query('SELECT pg_sleep(0.3), pg_terminate_backend($1) AS ok, clock_timestamp() AS at', [found.rows[0].pid]);
      // A statement on the pool's one connection, and a transaction queued behind it for that connection.
      const ping = repo.ping().then(
        () => 'answered',
        (err: unknown) => `failed: ${String(err)}`,
      );
      const waiting = repo.getScreening(randomUUID(), { fundId: '1', clientId: 'x' }).then(
        (v) => v,
        (err: unknown) => err,
      );
      // The pool dispatches on process.nextTick; a few ticks let it send the statement and queue the
      // transaction before the loop blocks, without reaching the poll phase where sockets are read.
      for (let i = 0; i < 10; i++) await new Promise((r) => process.nextTick(r));
      const unblocked = blockEventLoop(1000);

      const k = await killed;
      expect(k.rows[0].ok).toBe(true);
      // The race happened only if the termination fell inside the blocked interval, after the answer.
      expect((k.rows[0].at as Date).getTime(), 'the termination came while the loop was blocked').toBeLessThan(unblocked);
      expect(await ping).toBe('answered');
      // The waiting transaction either met the dead connection (a 503 in the service) or, had the
      // messages come in two reads, a fresh one; either way the process is still here.
      const w = await waiting;
      expect(w === null || w instanceof DatabaseUnavailableError, String(w)).toBe(true);
      for (let i = 0; i < 50 && !errors.some((e) => /terminat/i.test(e.message)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/terminat/i));
      // The next operations get a fresh connection.
      await repo.ping();
      expect(await repo.getScreening(randomUUID(), { fundId: '1', clientId: 'x' })).toBeNull();
    } finally {
      await raw.end();
      await repo.close();
    }
  });
});
