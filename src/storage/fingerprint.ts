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
