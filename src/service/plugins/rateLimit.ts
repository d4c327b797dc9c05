import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';

/** How many keys (clients, or addresses before authentication) are remembered, least recently seen forgotten first. */
const REMEMBERED_KEYS = 5000;

interface Window {
  current: number;
  ttl: number;
  startMs: number;
}

/**
 * Fixed windows per key, remembered for the most recent {@link REMEMBERED_KEYS} keys: the counting of
 * @fastify/rate-limit's local store, which this plugin replaced (same headers and answers), done
 * synchronously: the library's hook awaited three promises per request.
 */
export class RateWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request of `key` at `nowMs`; the window's count and the milliseconds left in it. */
  hit(key: string, nowMs: number): { current: number; ttl: number } {
    let w = this.windows.get(key);
    if (w === undefined) {
      w = { current: 1, ttl: this.windowMs, startMs: nowMs };
    } else {
      // Re-inserted below, so the map's order stays least recently seen first.
      this.windows.delete(key);
      if (w.startMs + this.windowMs <= nowMs) {
        w.current = 1;
        w.ttl = this.windowMs;
        w.startMs = nowMs;
      } else {
        w.current++;
        w.ttl = this.windowMs - (nowMs - w.startMs);
      }
    }
    this.windows.set(key, w);
    if (this.windows.size > REMEMBERED_KEYS) this.windows.delete(this.windows.keys().next().value!);
    return w;
  }
}

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
 * known. Health probes opt out with `config: { rateLimit: false }`.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    const max = Math.trunc(app.config.rateLimit.max);
    const windows = new RateWindows(max, Math.trunc(app.config.rateLimit.windowMs));
    const limit = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const key = request.client ? `client:${request.client.id}` : `ip:${request.ip}`;
      const { current, ttl } = windows.hit(key, Date.now());
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
  { name: 'rate-limit', dependencies: ['config', 'auth'] },
);
