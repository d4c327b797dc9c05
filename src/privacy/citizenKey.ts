/**
 * The keyed hash under which a citizen is stored and audited instead of the CPR number, and the secret
 * it is keyed with. The output must stay byte-identical across releases: stored keys are looked up by it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { normaliseCpr, type CprOptions } from './cprNumber.js';

/** The shortest HMAC secret accepted, in bytes: the output size of SHA-256. */
export const MIN_CPR_SECRET_BYTES = 32;

/** The pattern every citizen key matches; storage rejects anything else (a CPR in clear among others). */
export const CITIZEN_KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Decodes the CPR hashing secret from configuration: hex (even length, 0-9a-f) or base64url
 * (A-Z a-z 0-9 - _, padding optional), at least 32 bytes once decoded. A string that is valid hex is
 * read as hex. Throws an error naming the rule, never the secret.
 */
export function parseCprSecret(text: string): Buffer {
  const s = typeof text === 'string' ? text.trim() : '';
  let bytes: Buffer;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(s)) bytes = Buffer.from(s, 'hex');
  else if (/^[A-Za-z0-9_-]+={0,2}$/.test(s)) bytes = Buffer.from(s.replace(/=+$/, ''), 'base64url');
  else throw new Error('CPR hashing secret must be hex or base64url');
  if (bytes.length < MIN_CPR_SECRET_BYTES) {
    throw new Error(`CPR hashing secret must be at least ${MIN_CPR_SECRET_BYTES} bytes (it has ${bytes.length})`);
  }
  return bytes;
}

/** A new random CPR hashing secret, base64url, to put in configuration. */
export function generateCprSecret(): string {
  return randomBytes(MIN_CPR_SECRET_BYTES).toString('base64url');
}

/**
 * The citizen key stored in place of a CPR number: HMAC-SHA256(secret, normalised 10 digits), as 64
 * lowercase hex digits. Without the secret, a leaked database cannot be reversed by trying all ~4
 * million plausible CPR numbers, which a plain hash would allow in seconds. Throws CprError (cprNumber.ts)
 * for an invalid CPR number, so both spellings of one number give the same key.
 */
export function citizenKey(secret: Uint8Array, cpr: string, options: CprOptions = {}): string {
  if (secret.length < MIN_CPR_SECRET_BYTES) throw new Error(`CPR hashing secret must be at least ${MIN_CPR_SECRET_BYTES} bytes`);
  return createHmac('sha256', secret).update(normaliseCpr(cpr, options), 'ascii').digest('hex');
}

/** A function computing {@link citizenKey} with a secret read once from configuration (see {@link parseCprSecret}). */
export function createCitizenKeyer(secret: string | Uint8Array): (cpr: string) => string {
  const key = typeof secret === 'string' ? parseCprSecret(secret) : Buffer.from(secret);
  if (key.length < MIN_CPR_SECRET_BYTES) throw new Error(`CPR hashing secret must be at least ${MIN_CPR_SECRET_BYTES} bytes`);
  return (cpr: string) => citizenKey(key, cpr);
}
