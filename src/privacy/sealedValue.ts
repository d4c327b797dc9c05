/**
 * AES-256-GCM envelopes for values stored at rest: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (the last three
 * base64url). The key id travels with the value, so a reader knows which key opens it and a rotation
 * can tell old values from new ones. The associated data (AAD) names where the value lives (table, row,
 * column): it is not stored, the reader supplies it, so a value copied onto another row or column does
 * not open. node:crypto is used directly: GCM with a random 96-bit IV and a 128-bit tag is all this needs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Bytes of an AES-256 key. */
export const AES_256_KEY_BYTES = 32;

/** What a key id may look like: short, printable, no dots (the envelope's separator). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * IVs are cut from a pool of random bytes refilled from the CSPRNG, as node's randomUUID does: one
 * randomBytes call per seal cost more than the encryption of a small value (a batch seals thousands).
 * Every IV is still 96 fresh random bits, each pool byte used once.
 */
const IV_POOL_BYTES = IV_BYTES * 512;
let ivPool = Buffer.alloc(0);
let ivAt = IV_POOL_BYTES;

function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivAt = 0;
  }
  // A copy, so the envelope's IV never aliases pool bytes that a later refill could reuse.
  const iv = Buffer.from(ivPool.subarray(ivAt, ivAt + IV_BYTES));
  ivAt += IV_BYTES;
  return iv;
}

/** A value that cannot be opened: unknown key, wrong key, tampered or malformed envelope. Never carries the value. */
export class SealedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedValueError';
  }
}

/** A key with its id, as sealing needs it. */
export interface IdentifiedKey {
  id: string;
  key: Uint8Array;
}

function checkKey(k: IdentifiedKey): void {
  if (!KEY_ID_PATTERN.test(k.id)) throw new SealedValueError('key id must be 1–64 letters, digits, _ or -');
  if (k.key.length !== AES_256_KEY_BYTES) throw new SealedValueError(`key ${k.id} must be ${AES_256_KEY_BYTES} bytes`);
}

/** Encrypts `plaintext` under `key`, bound to `aad`, as a v1 envelope naming the key's id. */
export function seal(key: IdentifiedKey, plaintext: string | Uint8Array, aad: string): string {
  checkKey(key);
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ct = Buffer.concat([cipher.update(data), cipher.final()]);
  return [VERSION, key.id, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The key id an envelope names, or null when the text is not an envelope. */
export function sealedKeyId(envelope: string): string | null {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === VERSION && KEY_ID_PATTERN.test(parts[1]) ? parts[1] : null;
}

/**
 * Decrypts an envelope with the key `keyFor` returns for its id, checking it against `aad`. Throws
 * SealedValueError for an unknown key id, a wrong key, a changed byte or a different `aad`.
 */
export function open(keyFor: (id: string) => Uint8Array | undefined, envelope: string, aad: string): Buffer {
  const parts = envelope.split('.');
  const id = sealedKeyId(envelope);
  if (id === null) throw new SealedValueError('not a v1 sealed value');
  const key = keyFor(id);
  if (key === undefined) throw new SealedValueError(`no key with id ${id}`);
  const [iv, ct, tag] = parts.slice(2).map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedValueError('malformed sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new SealedValueError(`sealed value does not open with key ${id}: wrong key, wrong place or tampered`);
  }
}

/** A new random AES-256 key. */
export function newDataKey(): Buffer {
  return randomBytes(AES_256_KEY_BYTES);
}
