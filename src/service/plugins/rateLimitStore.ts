import fp from 'fastify-plugin';
import { redisCounters } from '../throttle/redisCounters.js';
import { memoryCounter, type WindowCounter } from '../throttle/windowCounter.js';

/** The service's limits: requests per client, failed authentications per address, scored members per client, explorer scores per address. */
export interface RateLimits {
  requests: WindowCounter;
  authFailures: WindowCounter;
  scoreMembers: WindowCounter;
  /** The explorer's public scoring operation, per client address. */
  explorerScores: WindowCounter;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
  }
}

/** The scored-members and explorer limits are per minute whatever RATE_LIMIT_WINDOW_SECONDS says. */
const MEMBER_WINDOW_MS = 60_000;

/**
 * The counters behind every limit, as `app.rateLimits`: in this instance's memory, or with
 * RATE_LIMIT_REDIS_URL in Redis, shared by every instance (failing open onto memory while Redis is
 * unreachable). Registered before the auth plugin, which counts failed authentications.
 */
export const rateLimitStorePlugin = fp(
  async (app) => {
    const windowMs = Math.trunc(app.config.rateLimit.windowMs);
    const redis = app.config.rateLimitRedis;
    if (redis === null) {
      app.decorate('rateLimits', {
        requests: memoryCounter(windowMs),
        authFailures: memoryCounter(windowMs),
        scoreMembers: memoryCounter(MEMBER_WINDOW_MS),
        explorerScores: memoryCounter(MEMBER_WINDOW_MS),
      });
      return;
    }
    const counters = redisCounters({ ...redis, warn: (message, err) => app.log.warn({ err }, message) });
    await counters.connect(2000);
    app.addHook('onClose', () => counters.close());
    app.decorate('rateLimits', {
      requests: counters.counter('requests', windowMs),
      authFailures: counters.counter('auth-failures', windowMs),
      scoreMembers: counters.counter('score-members', MEMBER_WINDOW_MS),
      explorerScores: counters.counter('explorer-scores', MEMBER_WINDOW_MS),
    });
  },
  { name: 'rate-limit-store', dependencies: ['config'] },
);
