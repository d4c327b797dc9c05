import { type Hit, RateWindows } from './rateWindows.js';

/**
 * A fixed-window counter per key. The in-memory one answers synchronously (the hot path of every
 * request); the Redis one, shared by all instances, may answer with a promise, which never rejects.
 */
export interface WindowCounter {
  readonly windowMs: number;
  /** Adds `cost` to `key`'s window. */
  hit(key: string, cost?: number): Hit | Promise<Hit>;
  /** `key`'s window without adding to it. */
  peek(key: string): Hit | Promise<Hit>;
  /** Takes back `cost` added to `key`'s window. */
  refund(key: string, cost: number): void;
}

/** A counter in this process's memory: each instance counts its own requests. */
export function memoryCounter(windowMs: number): WindowCounter {
  const windows = new RateWindows(0, windowMs);
  return {
    windowMs,
    hit: (key, cost = 1) => windows.hit(key, Date.now(), cost),
    peek: (key) => windows.peek(key, Date.now()),
    refund: (key, cost) => windows.refund(key, cost),
  };
}

/** Calls `then` with a counter's answer, at once when it is synchronous (no microtask on the in-memory path). */
export function onHit(answer: Hit | Promise<Hit>, then: (hit: Hit) => void, failed: (err: Error) => void): void {
  if (answer instanceof Promise) answer.then(then, (err: unknown) => failed(err instanceof Error ? err : new Error(String(err))));
  else then(answer);
}
