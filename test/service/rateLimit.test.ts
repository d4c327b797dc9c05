import { describe, expect, it } from 'vitest';
import { durationText } from '../../src/service/plugins/rateLimit.js';
import { RateWindows } from '../../src/service/throttle/rateWindows.js';

describe('rate windows', () => {
  it('count per key in fixed windows, with the time left in the window', () => {
    const w = new RateWindows(2, 1000);
    expect(w.hit('a', 0)).toMatchObject({ current: 1, ttl: 1000 });
    expect(w.hit('a', 1)).toMatchObject({ current: 2, ttl: 999 });
    expect(w.hit('b', 2)).toMatchObject({ current: 1, ttl: 1000 });
    expect(w.hit('a', 999)).toMatchObject({ current: 3, ttl: 1 });
    // The window has ended: counting starts again.
    expect(w.hit('a', 1000)).toMatchObject({ current: 1, ttl: 1000 });
  });

  it('forget the least recently seen key first, beyond 5,000 keys', () => {
    const w = new RateWindows(10, 60_000);
    w.hit('first', 0);
    w.hit('second', 0);
    for (let i = 0; i < 4998; i++) w.hit(`k${i}`, 0);
    w.hit('first', 1); // seen again: now the most recent
    w.hit('one-too-many', 1);
    expect(w.hit('first', 2).current).toBe(3);
    expect(w.hit('second', 2).current).toBe(1);
  });
});

describe('rate windows with a cost', () => {
  it('add a cost, read a window without counting, and take back a refused cost', () => {
    const w = new RateWindows(100, 1000);
    expect(w.peek('a', 0)).toEqual({ current: 0, ttl: 1000 });
    expect(w.hit('a', 0, 40)).toMatchObject({ current: 40, ttl: 1000 });
    expect(w.hit('a', 100, 70)).toMatchObject({ current: 110, ttl: 900 });
    w.refund('a', 70);
    expect(w.peek('a', 200)).toEqual({ current: 40, ttl: 800 });
    expect(w.peek('a', 200)).toEqual({ current: 40, ttl: 800 });
    // A closed window reads as empty, and a refund never goes below zero.
    expect(w.peek('a', 1000)).toEqual({ current: 0, ttl: 1000 });
    w.refund('a', 1000);
    expect(w.hit('a', 500).current).toBe(1);
  });
});

describe('durationText', () => {
  it('words durations as the 429 detail always has', () => {
    expect(durationText(500)).toBe('500 ms');
    expect(durationText(1000)).toBe('1 second');
    expect(durationText(45_000)).toBe('45 seconds');
    expect(durationText(60_000)).toBe('1 minute');
    expect(durationText(90_000)).toBe('2 minutes');
    expect(durationText(3_600_000)).toBe('1 hour');
    expect(durationText(2 * 86_400_000)).toBe('2 days');
  });
});
