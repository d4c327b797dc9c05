/**
 * How a CPR number may be shown anywhere (PDF header, log line, problem detail): the birth date kept,
 * the sequence number hidden, `DDMMYY-XXXX`. The date alone does not identify a citizen; the sequence
 * number does.
 */
import { CPR_SPELLING } from './cprNumber.js';

/** The masked form of a CPR number whose birth date is `ddmmyy`. */
export function maskedCprOf(ddmmyy: string): string {
  return `${ddmmyy}-XXXX`;
}

/**
 * The CPR number as it may be shown anywhere: `DDMMYY-XXXX`. Anything not shaped like a CPR number is
 * masked entirely, so a malformed number cannot leak through the display path either.
 */
export function maskCpr(input: string): string {
  const m = typeof input === 'string' ? CPR_SPELLING.exec(input.trim()) : null;
  if (!m) return 'XXXXXX-XXXX';
  return maskedCprOf(m[1]);
}
