import { Redis } from 'ioredis';
import type { Hit } from './rateWindows.js';
import { memoryCounter, type WindowCounter } from './windowCounter.js';

/**
 * One atomic step per hit: add the cost and open the window (its expiry) if this hit created the key;
 * a key left without expiry (a crash between the two in an older script) gets one too.
 */
const HIT_SCRIPT = `
local c = redis.call('INCRBY', KEYS[1], ARGV[1])
local t = redis.call('PTTL', KEYS[1])
if t < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  t = tonumber(ARGV[2])
end
return {c, t}`;

/** Reads a window without creating it: a peek must not leave a key per address behind. */
const PEEK_SCRIPT = `
local c = redis.call('GET', KEYS[1])
if not c then return {0, -2} end
return {tonumber(c), redis.call('PTTL', KEYS[1])}`;

/** Takes back a refused request's cost, only from a window still open (DECRBY would create a key without expiry). */
const REFUND_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECRBY', KEYS[1], ARGV[1]) end
return 0`;

interface ScriptedRedis extends Redis {
  rateHit(key: string, cost: number, windowMs: number): Promise<[number, number]>;
  ratePeek(key: string): Promise<[number, number]>;
  rateRefund(key: string, cost: number): Promise<number>;
}

/** Where the counters live, and what to do when Redis does not answer. */
export interface RedisCountersOptions {
  url: string;
  keyPrefix: string;
  /** Called (at most every few seconds) when Redis is unreachable and the counting falls back to memory. */
  warn(message: string, err?: unknown): void;
}

/** Redis-backed counters, and the connection they share. */
export interface RedisCounters {
  counter(name: string, windowMs: number): WindowCounter;
  /** Waits (briefly) for the first connection, so an instance starts counting in Redis, not in memory. */
  connect(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** How often, at most, an unreachable Redis is logged. */
const WARN_EVERY_MS = 10_000;

/**
 * Counters in Redis, one key per window (`<prefix><name>:<key>`), so every instance on the same Redis
 * shares every limit. Fails open onto each instance's own in-memory counters: while Redis is down
 * (no connection, or a command failing or taking longer than 250 ms), the limits still hold per
 * instance and the service keeps answering; a warning is logged.
 */
export function redisCounters(options: RedisCountersOptions): RedisCounters {
  const client = new Redis(options.url, {
    lazyConnect: true,
    // Fail at once rather than queue while disconnected: the request falls back to memory instead of waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  }) as ScriptedRedis;
  client.defineCommand('rateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  client.defineCommand('ratePeek', { numberOfKeys: 1, lua: PEEK_SCRIPT });
  client.defineCommand('rateRefund', { numberOfKeys: 1, lua: REFUND_SCRIPT });
  let lastWarnMs = -Infinity;
  const warn = (err: unknown) => {
    const now = Date.now();
    if (now - lastWarnMs < WARN_EVERY_MS) return;
    lastWarnMs = now;
    options.warn('rate limiting: Redis does not answer; counting in this instance only until it does (fail-open)', err);
  };
  // Without a listener, a connection error would be thrown as an unhandled 'error' event.
  client.on('error', warn);

  return {
    counter(name, windowMs) {
      const fallback = memoryCounter(windowMs);
      const redisKey = (key: string) => `${options.keyPrefix}${name}:${key}`;
      const asHit = ([current, ttl]: [number, number]): Hit => ({ current, ttl: ttl > 0 ? ttl : windowMs });
      return {
        windowMs,
        hit(key, cost = 1) {
          if (client.status !== 'ready') {
            warn(new Error(`Redis connection ${client.status}`));
            return fallback.hit(key, cost);
          }
          return client.rateHit(redisKey(key), cost, windowMs).then(asHit, (err: unknown) => {
            warn(err);
            return fallback.hit(key, cost);
          });
        },
        peek(key) {
          if (client.status !== 'ready') {
            warn(new Error(`Redis connection ${client.status}`));
            return fallback.peek(key);
          }
          return client.ratePeek(redisKey(key)).then(asHit, (err: unknown) => {
            warn(err);
            return fallback.peek(key);
          });
        },
        refund(key, cost) {
          fallback.refund(key, cost);
          if (client.status === 'ready') client.rateRefund(redisKey(key), cost).catch(warn);
        },
      };
    },
    async connect(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      // A failed first connection is logged by the error listener; ioredis keeps reconnecting.
      await Promise.race([client.connect().catch(() => undefined), timeout]);
      clearTimeout(timer);
    },
    async close() {
      client.disconnect();
    },
  };
}
