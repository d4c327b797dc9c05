import { timingSafeEqual } from 'node:crypto';

/**
 * True when `a` and `b` hold the same bytes, compared in time that depends only on their lengths.
 * Strings are compared as UTF-8. The lengths are not secret here (hashes have a fixed length), so a
 * length mismatch returns false — but only after a same-length comparison, so both paths do the work.
 */
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const x = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const y = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
