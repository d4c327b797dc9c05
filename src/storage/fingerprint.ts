import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/artifact/canonicalJson.js';

/**
 * SHA-256 of the canonical JSON of a request, stored beside an Idempotency-Key to tell a true retry
 * from a different request reusing the key. Only hashed citizen keys go into it, never a CPR number.
 * Requests are validated JSON before they get here, so the model's canonical form (which refuses NaN
 * where JSON.stringify wrote null) gives the bytes, and so the fingerprints, stored so far.
 */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');
}

/**
 * SHA-256 of an erased create's fund, client and Idempotency-Key, kept after the erasure so a retry is
 * refused; the key itself is not kept. NUL separates the parts: none of them can contain it.
 */
export function erasedRequestHash(fundId: string, clientId: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${fundId}\0${clientId}\0${idempotencyKey}`, 'utf8').digest('hex');
}
