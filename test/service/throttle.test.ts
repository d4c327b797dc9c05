/**
 * Throttling that holds: failed authentication counted per address (and its audit rows stopped once
 * limited), scored members counted per client per minute, and every limit shared by two instances
 * through Redis, failing open onto memory when Redis is unreachable.
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/service/app.js';
import { ConfigError } from '../../src/service/config.js';
import { openRepository } from '../../src/storage/openRepository.js';
import { auth, KEYS, logCapture, sampleMember, startApp, testConfig } from './helpers.js';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Null when Redis answers PING, else why not. */
async function redisProblem(): Promise<string | null> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (err) {
    return `Redis at ${TEST_REDIS_URL} does not answer (${(err as Error).message}); .ci/run starts redis-server`;
  } finally {
    client.disconnect();
  }
}

const redisUnavailable = await redisProblem();
if (redisUnavailable !== null && process.env.CI) {
  describe('rate limits shared through Redis', () => {
    it('has a Redis to talk to (required when CI is set)', () => {
      throw new Error(redisUnavailable);
    });
  });
} else if (redisUnavailable !== null) {
  console.warn(`Skipping the Redis rate-limit tests: ${redisUnavailable}`);
}

/** A key prefix no other test run uses. */
const uniquePrefix = () => `ledighedsprofil-test:${randomBytes(6).toString('hex')}:`;
const prefixes: string[] = [];
afterAll(async () => {
  if (redisUnavailable !== null || prefixes.length === 0) return;
  const client = new Redis(TEST_REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
  }
  client.disconnect();
});

const members = (n: number) => Array.from({ length: n }, () => sampleMember());
const score = (app: FastifyInstance, key: string, n: number, explain = true) =>
  app.inject({ method: 'POST', url: `/v1/score${explain ? '?explain=true' : ''}`, headers: auth(key), payload: { members: members(n) } });
const models = (app: FastifyInstance, key: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'GET', url: '/v1/models', headers: auth(key), remoteAddress });

describe('failed authentication', () => {
  it('counts 401s per address: past RATE_LIMIT_AUTH_FAILURES the address gets 429, a right key included', async () => {
    const t = await startApp('sqlite', { RATE_LIMIT_AUTH_FAILURES: '3' });
    try {
      for (let i = 0; i < 3; i++) expect((await models(t.app, `wrong-key-${i}`)).statusCode).toBe(401);
      const limited = await models(t.app, 'wrong-key-4');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:too-many-requests', status: 429 });
      // Guessing right does not help once limited: the answer would tell which key is right.
      expect((await models(t.app, KEYS.admin)).statusCode).toBe(429);
      // Another address is not affected; nor are the public health probes.
      expect((await models(t.app, KEYS.admin, '10.0.0.2')).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('counts 403s too, and stops auditing them once the address is limited', async () => {
    const t = await startApp('sqlite', { RATE_LIMIT_AUTH_FAILURES: '3' });
    try {
      const audit = () => t.app.inject({ method: 'GET', url: '/v1/audit', headers: auth(KEYS.read) });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await audit()).statusCode);
      expect(codes).toEqual([403, 403, 403, 429, 429, 429]);
      const denied = await t.repository.listAudit({ fundId: '15', action: 'auth.denied' });
      expect(denied.entries).toHaveLength(3);
    } finally {
      await t.close();
    }
  });

  it('leaves successful requests uncounted', async () => {
    const t = await startApp('sqlite', { RATE_LIMIT_AUTH_FAILURES: '2' });
    try {
      for (let i = 0; i < 10; i++) expect((await models(t.app, KEYS.read)).statusCode).toBe(200);
      expect((await models(t.app, 'wrong')).statusCode).toBe(401);
      expect((await models(t.app, KEYS.read)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('scored members per minute', () => {
  it('limits explain batches by members, not requests, and does not count a refused batch', async () => {
    const t = await startApp('sqlite', { SCORE_BATCH_LIMIT: '100', SCORE_MEMBERS_PER_MINUTE: '150' });
    try {
      const first = await score(t.app, KEYS.create, 100);
      expect(first.statusCode).toBe(200);
      expect(first.headers['x-ratelimit-members-limit']).toBe('150');
      expect(first.headers['x-ratelimit-members-remaining']).toBe('50');
      const tooMany = await score(t.app, KEYS.create, 60);
      expect(tooMany.statusCode).toBe(429);
      expect(Number(tooMany.headers['retry-after'])).toBeGreaterThan(0);
      expect(tooMany.json()).toMatchObject({ type: 'urn:ledighedsprofil:problem:too-many-requests', status: 429 });
      expect(tooMany.json().detail).toMatch(/SCORE_MEMBERS_PER_MINUTE/);
      // The refused 60 were not counted: 50 still fit.
      expect((await score(t.app, KEYS.create, 50)).statusCode).toBe(200);
      // Plain scoring counts too.
      expect((await score(t.app, KEYS.create, 1, false)).statusCode).toBe(429);
      // Another client has its own budget.
      expect((await score(t.app, KEYS.admin, 100)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('is configured with a default that a full batch fits, and a value below SCORE_BATCH_LIMIT is named', () => {
    expect(testConfig().scoreMembersPerMinute).toBe(20_000);
    expect(testConfig().authFailureLimit).toBe(30);
    expect(testConfig().rateLimitRedis).toBeNull();
    expect(() => testConfig({ SCORE_MEMBERS_PER_MINUTE: '999' })).toThrow(/SCORE_MEMBERS_PER_MINUTE: must be at least SCORE_BATCH_LIMIT/);
    expect(() => testConfig({ RATE_LIMIT_AUTH_FAILURES: '0' })).toThrow(/RATE_LIMIT_AUTH_FAILURES: must be at least 1/);
    expect(() => testConfig({ RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => testConfig({ RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/RATE_LIMIT_REDIS_URL: must be a redis/);
    expect(() => testConfig({ RATE_LIMIT_REDIS_PREFIX: 'a b' })).toThrow(/RATE_LIMIT_REDIS_PREFIX/);
    expect(testConfig({ RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379/2' }).rateLimitRedis).toEqual({
      url: 'redis://127.0.0.1:6379/2',
      keyPrefix: 'ledighedsprofil:ratelimit:',
    });
  });
});

/** Two instances on one database and, with `redisUrl`, one Redis. */
async function twoInstances(env: Record<string, string>) {
  const config = testConfig(env);
  const repository = await openRepository(config.database);
  const [a, b] = await Promise.all([buildApp(config, { repository }), buildApp(config, { repository })]);
  await Promise.all([a.ready(), b.ready()]);
  return {
    a,
    b,
    repository,
    async close() {
      await Promise.all([a.close(), b.close()]);
      await repository.close();
    },
  };
}

describe.skipIf(redisUnavailable !== null)('rate limits shared through Redis', () => {
  const redisEnv = () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    return { RATE_LIMIT_REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_REDIS_PREFIX: prefix };
  };

  it('count one request limit for a client over both instances', async () => {
    const t = await twoInstances({ ...redisEnv(), RATE_LIMIT_MAX: '4' });
    try {
      expect((await models(t.a, KEYS.read)).statusCode).toBe(200);
      expect((await models(t.b, KEYS.read)).statusCode).toBe(200);
      expect((await models(t.a, KEYS.read)).headers['x-ratelimit-remaining']).toBe('1');
      expect((await models(t.b, KEYS.read)).statusCode).toBe(200);
      for (const app of [t.a, t.b]) {
        const limited = await models(app, KEYS.read);
        expect(limited.statusCode).toBe(429);
        expect(limited.headers['retry-after']).toBeDefined();
        expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      }
    } finally {
      await t.close();
    }
  });

  it('count failed authentications and scored members over both instances', async () => {
    const t = await twoInstances({ ...redisEnv(), RATE_LIMIT_AUTH_FAILURES: '2', SCORE_BATCH_LIMIT: '20', SCORE_MEMBERS_PER_MINUTE: '30' });
    try {
      expect((await models(t.a, 'wrong-1')).statusCode).toBe(401);
      expect((await models(t.b, 'wrong-2')).statusCode).toBe(401);
      expect((await models(t.a, KEYS.read)).statusCode).toBe(429);
      expect((await models(t.b, KEYS.read)).statusCode).toBe(429);

      const other = '10.0.0.3';
      const scoreFrom = (app: FastifyInstance, n: number) =>
        app.inject({
          method: 'POST',
          url: '/v1/score?explain=true',
          headers: auth(KEYS.create),
          remoteAddress: other,
          payload: { members: members(n) },
        });
      expect((await scoreFrom(t.a, 20)).statusCode).toBe(200);
      expect((await scoreFrom(t.b, 20)).statusCode).toBe(429);
      const fits = await scoreFrom(t.b, 10);
      expect(fits.statusCode).toBe(200);
      expect(fits.headers['x-ratelimit-members-remaining']).toBe('0');
    } finally {
      await t.close();
    }
  });
});

/** Whether redis-server can be started here (the outage test runs a Redis of its own); required under CI. */
const redisServerMissing = spawnSync('redis-server', ['--version']).status !== 0 && !process.env.CI;

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('an unreachable Redis', () => {
  it.skipIf(redisUnavailable !== null || redisServerMissing)(
    'keeps the service answering when Redis goes away under it, and counts in Redis again on its return',
    async () => {
      // A Redis of this test's own, so stopping it disturbs nobody else.
      const port = await closedPort();
      const start = async () => {
        const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
          stdio: 'ignore',
        });
        const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => undefined);
        for (let i = 0; i < 50; i++) {
          try {
            await probe.connect();
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        probe.disconnect();
        return child;
      };
      let redis = await start();
      const log = logCapture();
      const config = testConfig({
        RATE_LIMIT_REDIS_URL: `redis://127.0.0.1:${port}`,
        RATE_LIMIT_REDIS_PREFIX: uniquePrefix(),
        RATE_LIMIT_MAX: '1000',
        LOG_LEVEL: 'warn',
      });
      const repository = await openRepository(config.database);
      const app = await buildApp(config, { repository, logDestination: log.stream });
      await app.ready();
      try {
        expect((await models(app, KEYS.read)).headers['x-ratelimit-remaining']).toBe('999');
        redis.kill('SIGKILL');
        await once(redis, 'exit');
        // Every request is answered while Redis is gone, counted in memory (which has not seen the first).
        const during = await Promise.all(Array.from({ length: 20 }, () => models(app, KEYS.read)));
        expect(during.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
        expect(log.text()).toMatch(/Redis does not answer.*fail-open/);
        redis = await start();
        // Counted in Redis again once ioredis has reconnected: the restarted, empty Redis answers 999 then 998, which
        // the in-memory count (past 20 by now) cannot.
        let remaining = '';
        for (let i = 0; i < 40 && remaining !== '998'; i++) {
          await new Promise((r) => setTimeout(r, 100));
          remaining = String((await models(app, KEYS.read)).headers['x-ratelimit-remaining']);
        }
        expect(remaining).toBe('998');
      } finally {
        await app.close();
        await repository.close();
        redis.kill('SIGKILL');
      }
    },
  );

  it('fails open: the service answers, each instance still limits in memory, and a warning is logged', async () => {
    const port = await closedPort();
    const log = logCapture();
    const config = testConfig({ RATE_LIMIT_REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_MAX: '3', LOG_LEVEL: 'warn' });
    const repository = await openRepository(config.database);
    const started = Date.now();
    const app = await buildApp(config, { repository, logDestination: log.stream });
    await app.ready();
    try {
      expect(Date.now() - started).toBeLessThan(5000);
      for (let i = 0; i < 3; i++) expect((await models(app, KEYS.read)).statusCode).toBe(200);
      expect((await models(app, KEYS.read)).statusCode).toBe(429);
      expect((await models(app, 'wrong')).statusCode).toBe(401);
      expect((await score(app, KEYS.create, 2)).statusCode).toBe(200);
      expect(log.text()).toMatch(/Redis does not answer.*fail-open/);
    } finally {
      await app.close();
      await repository.close();
    }
  });
});
