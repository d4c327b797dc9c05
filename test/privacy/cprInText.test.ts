import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { containsCpr, maskCprsInText } from '../../src/privacy/cprInText.js';
import { HOLDS_CPR, HOLDS_NO_CPR } from './cprExamples.js';

describe('the definition of a CPR number in text', () => {
  it.each(HOLDS_CPR)('finds one: $why', ({ text }) => {
    expect(containsCpr(text)).toBe(true);
  });

  it.each(HOLDS_NO_CPR)('finds none: $why', ({ text }) => {
    expect(containsCpr(text)).toBe(false);
  });

  it.each(HOLDS_CPR)('masks it as DDMMYY-XXXX, separator included: $why', ({ text, masked }) => {
    expect(maskCprsInText(text)).toBe(masked);
  });

  it.each(HOLDS_NO_CPR)('leaves text without one as it is: $why', ({ text }) => {
    expect(maskCprsInText(text)).toBe(text);
  });

  it('masks only the CPR numbers among other digit runs', () => {
    expect(maskCprsInText('3201901234, 0707614285 og 0.0707614285')).toBe('3201901234, 070761-XXXX og 0.0707614285');
    // An invalid candidate right before a valid one does not hide it.
    expect(maskCprsInText('320190-1234 070761-4285')).toBe('320190-1234 070761-XXXX');
  });

  it('does not match random UUIDs more often than their hex groups allow', () => {
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (containsCpr(randomUUID())) hits++;
    // About one in a thousand contains a dated 10-digit run; many more would mean UUID structure matched.
    expect(hits).toBeLessThan(100);
  });
});
