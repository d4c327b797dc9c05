/** How many keys (clients, or addresses before authentication) are remembered, least recently seen forgotten first. */
const REMEMBERED_KEYS = 5000;

interface Window {
  current: number;
  ttl: number;
  startMs: number;
}

/** A window's count after a hit, and the milliseconds left in it. */
export interface Hit {
  current: number;
  ttl: number;
}

/**
 * Fixed windows per key, remembered for the most recent {@link REMEMBERED_KEYS} keys: the counting of
 * @fastify/rate-limit's local store, which this replaced (same headers and answers), done
 * synchronously: the library's hook awaited three promises per request.
 */
export class RateWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts `cost` (one request by default) for `key` at `nowMs`; the window's count and the milliseconds left in it. */
  hit(key: string, nowMs: number, cost = 1): Hit {
    let w = this.windows.get(key);
    if (w === undefined) {
      w = { current: cost, ttl: this.windowMs, startMs: nowMs };
    } else {
      // Re-inserted below, so the map's order stays least recently seen first.
      this.windows.delete(key);
      if (w.startMs + this.windowMs <= nowMs) {
        w.current = cost;
        w.ttl = this.windowMs;
        w.startMs = nowMs;
      } else {
        w.current += cost;
        w.ttl = this.windowMs - (nowMs - w.startMs);
      }
    }
    this.windows.set(key, w);
    if (this.windows.size > REMEMBERED_KEYS) this.windows.delete(this.windows.keys().next().value!);
    return w;
  }

  /** The count of `key`'s current window at `nowMs` without adding to it (0 when none is open). */
  peek(key: string, nowMs: number): Hit {
    const w = this.windows.get(key);
    if (w === undefined || w.startMs + this.windowMs <= nowMs) return { current: 0, ttl: this.windowMs };
    return { current: w.current, ttl: this.windowMs - (nowMs - w.startMs) };
  }

  /** Takes back `cost` counted for `key` (a refused request should not use up the budget it was refused for). */
  refund(key: string, cost: number): void {
    const w = this.windows.get(key);
    if (w !== undefined) w.current = Math.max(0, w.current - cost);
  }
}
