import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';
import type { Hit } from '../throttle/rateWindows.js';
import { onHit } from '../throttle/windowCounter.js';

/** A duration as "1 minute", "30 seconds" (the wording of @lukeed/ms, which the 429 detail used before). */
export function durationText(ms: number): string {
  const units: [number, string][] = [
    [365.25 * 86_400_000, 'year'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  if (ms < 1000) return `${ms} ms`;
  const i = units.findIndex(([size]) => ms >= size);
  const [size, unit] = units[i];
  const x = ms / size;
  const n = (x | 0) === x ? x : ~~(x + 0.5);
  return `${n} ${unit}${n !== 1 ? 's' : ''}`;
}

/**
 * Rate limiting per authenticated client (per IP before authentication), RATE_LIMIT_MAX requests per
 * RATE_LIMIT_WINDOW_SECONDS, with x-ratelimit-limit, -remaining and -reset on every answer and
 * Retry-After on a 429. The hook is added to each route after the auth plugin's, so the client is
 * known. Health probes opt out with `config: { rateLimit: false }`. The counting is app.rateLimits'
 * (rateLimitStore.ts): synchronous in memory, or shared through Redis.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    const max = Math.trunc(app.config.rateLimit.max);
    const requests = app.rateLimits.requests;
    const limit = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const key = request.client ? `client:${request.client.id}` : `ip:${request.ip}`;
      onHit(
        requests.hit(key),
        ({ current, ttl }: Hit) => {
          const resetSeconds = Math.ceil(ttl / 1000);
          if (current <= max) {
            reply
              .header('x-ratelimit-limit', max)
              .header('x-ratelimit-remaining', Math.max(0, max - current))
              .header('x-ratelimit-reset', resetSeconds);
            return done();
          }
          reply
            .header('x-ratelimit-limit', max)
            .header('x-ratelimit-remaining', 0)
            .header('x-ratelimit-reset', resetSeconds)
            .header('retry-after', resetSeconds);
          done(new HttpProblem('too-many-requests', `at most ${max} requests per ${durationText(resetSeconds * 1000)}; retry later`));
        },
        done,
      );
    };
    app.addHook('onRoute', (route) => {
      const config = route.config as { rateLimit?: unknown } | undefined;
      if (config?.rateLimit === false) return;
      if (config?.rateLimit !== undefined) throw new Error('route config rateLimit: only false (no limit) is supported');
      // Appended to the route's own onRequest hooks, which run after the app-wide ones (auth).
      route.onRequest =
        route.onRequest === undefined ? [limit] : Array.isArray(route.onRequest) ? [...route.onRequest, limit] : [route.onRequest, limit];
    });
  },
  { name: 'rate-limit', dependencies: ['config', 'auth', 'rate-limit-store'] },
);

/**
 * Counts `members` scored members against the client's SCORE_MEMBERS_PER_MINUTE (explained or not:
 * the batch's size is what costs CPU). Undefined when within the limit; otherwise a promise (Redis)
 * or a thrown 429 with Retry-After. A refused batch is not counted, so a client sending too large a
 * batch keeps the budget for a smaller one.
 */
export function limitScoredMembers(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  members: number,
): undefined | Promise<void> {
  const perMinute = app.config.scoreMembersPerMinute;
  const key = request.client ? `client:${request.client.id}` : `ip:${request.ip}`;
  const counter = app.rateLimits.scoreMembers;
  const check = ({ current, ttl }: Hit) => {
    reply.header('x-ratelimit-members-limit', perMinute);
    if (current <= perMinute) {
      reply.header('x-ratelimit-members-remaining', perMinute - current);
      return;
    }
    counter.refund(key, members);
    const retrySeconds = Math.ceil(ttl / 1000);
    reply.header('x-ratelimit-members-remaining', Math.max(0, perMinute - (current - members))).header('retry-after', retrySeconds);
    throw new HttpProblem(
      'too-many-requests',
      `at most ${perMinute} members scored per minute (SCORE_MEMBERS_PER_MINUTE); ${members} more would exceed it; retry in ${durationText(retrySeconds * 1000)}`,
    );
  };
  const answer = counter.hit(key, members);
  if (answer instanceof Promise) return answer.then(check);
  check(answer);
  return undefined;
}

/**
 * Counts one score of the explorer's public operation against its client address's
 * EXPLORER_SCORES_PER_MINUTE: by address even when a key is sent, since the operation needs none.
 * Undefined when within the limit; otherwise a promise (Redis) or a thrown 429 with Retry-After.
 */
export function limitExplorerScores(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): undefined | Promise<void> {
  const perMinute = app.config.explorerScoresPerMinute;
  const key = `ip:${request.ip}`;
  const check = ({ current, ttl }: Hit) => {
    reply.header('x-ratelimit-explorer-limit', perMinute).header('x-ratelimit-explorer-remaining', Math.max(0, perMinute - current));
    if (current <= perMinute) return;
    const retrySeconds = Math.ceil(ttl / 1000);
    reply.header('retry-after', retrySeconds);
    throw new HttpProblem(
      'too-many-requests',
      `at most ${perMinute} explorer scores per minute from one address (EXPLORER_SCORES_PER_MINUTE); retry in ${durationText(retrySeconds * 1000)}`,
    );
  };
  const answer = app.rateLimits.explorerScores.hit(key);
  if (answer instanceof Promise) return answer.then(check);
  check(answer);
  return undefined;
}
