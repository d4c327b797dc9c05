import { describe, expect, it } from 'vitest';
import { formatKeepingSign } from '../../src/i18n/format.js';

describe('formatKeepingSign', () => {
  it('keeps the sign of a value that rounds to zero, with two significant digits', () => {
    expect(formatKeepingSign(-0.0000321, 4)).toBe('-0.000032');
    expect(formatKeepingSign(0.0000321, 4)).toBe('0.000032');
    expect(formatKeepingSign(-0.0000321, 4, '−')).toBe('−0.000032');
  });

  it('prints other values with the fixed decimals', () => {
    expect(formatKeepingSign(-0.00123, 4)).toBe('-0.0012');
    expect(formatKeepingSign(0.5, 4)).toBe('0.5000');
    expect(formatKeepingSign(0, 4)).toBe('0.0000');
  });
});
