import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../../src/service/security/constantTime.js';

describe('constantTimeEqual', () => {
  it('compares bytes and strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual('æ', Buffer.from('æ', 'utf8'))).toBe(true);
  });
  it('returns false for different lengths instead of throwing', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
