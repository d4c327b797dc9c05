/** The version a rollback returns to: activations stack up from the configured version, a rollback pops one. */
import { describe, expect, it } from 'vitest';
import { rollbackTarget } from '../../src/service/routes/v1/models/lifecycle.js';
import type { ModelEvent } from '../../src/storage/repository.js';

let id = 0;
const ev = (action: 'activate' | 'rollback', modelVersion: string): ModelEvent => ({
  id: String(++id),
  at: '2026-12-02T00:00:00.000Z',
  role: 'active',
  action,
  modelVersion,
  clientId: 'op',
  reason: 'r',
});

describe('rollbackTarget', () => {
  it('has nothing to return to before the first activation, and returns to the configured version after it', () => {
    expect(rollbackTarget([], 'a')).toBeNull();
    expect(rollbackTarget([ev('activate', 'b')], 'a')).toBe('a');
  });

  it('goes back one activation per rollback instead of toggling between the last two', () => {
    const history = [ev('activate', 'b'), ev('activate', 'c'), ev('activate', 'd')];
    expect(rollbackTarget(history, 'a')).toBe('c');
    const once = [...history, ev('rollback', 'c')];
    expect(rollbackTarget(once, 'a')).toBe('b');
    const twice = [...once, ev('rollback', 'b')];
    expect(rollbackTarget(twice, 'a')).toBe('a');
    expect(rollbackTarget([...twice, ev('rollback', 'a')], 'a')).toBeNull();
  });

  it('ignores an activation of the version already active', () => {
    expect(rollbackTarget([ev('activate', 'b'), ev('activate', 'b')], 'a')).toBe('a');
    expect(rollbackTarget([ev('activate', 'a')], 'a')).toBeNull();
  });
});
