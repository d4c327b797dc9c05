/**
 * The key-encryption keys from configuration: a ring of AES-256 keys by id, one of them current. New
 * data keys are wrapped under the current one; the others stay to unwrap what was wrapped before a
 * rotation until `ledighedsprofil rekey` has re-wrapped it. Errors name the rule, never a key.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AES_256_KEY_BYTES, KEY_ID_PATTERN, type IdentifiedKey } from './sealedValue.js';

/** Keys by id, and the id new values are sealed under. */
export interface KeyRing {
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * The key ring used when none is configured outside production. It is public (it is in this file), so
 * what it protects is protected from nobody: development, tests and demos only.
 */
export const DEVELOPMENT_KEY_RING_TEXT = JSON.stringify({
  current: 'dev-1',
  keys: { 'dev-1': Buffer.from('development-only-not-a-secret!!!', 'utf8').toString('base64') },
});

const keyText = z.string().transform((s, ctx) => {
  const t = s.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) bytes = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t))
    bytes = Buffer.from(t.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
  if (bytes === null || bytes.length !== AES_256_KEY_BYTES) {
    ctx.addIssue({ code: 'custom', message: `must be ${AES_256_KEY_BYTES} bytes as base64, base64url or hex` });
    return z.NEVER;
  }
  return bytes;
});

const keyRingSchema = z
  .object({
    current: z.string().regex(KEY_ID_PATTERN, 'must be a key id: 1–64 letters, digits, _ or -'),
    keys: z
      .record(z.string().regex(KEY_ID_PATTERN, 'key ids are 1–64 letters, digits, _ or -'), keyText)
      .refine((k) => Object.keys(k).length > 0, 'must hold at least one key'),
  })
  .strict()
  .refine((r) => Object.hasOwn(r.keys, r.current), { message: 'must name one of the ids in keys', path: ['current'] });

/** A key ring problem; `message` names the field and rule. */
export class KeyRingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyRingError';
  }
}

/** Parses `{"current": "<id>", "keys": {"<id>": "<32 bytes base64>", …}}`; throws KeyRingError naming each bad field. */
export function parseKeyRing(text: string): KeyRing {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyRingError('not valid JSON (expected {"current": "<id>", "keys": {"<id>": "<32 bytes, base64>"}})');
  }
  const r = keyRingSchema.safeParse(json);
  if (!r.success) {
    throw new KeyRingError(r.error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; '));
  }
  return { currentId: r.data.current, keys: new Map(Object.entries(r.data.keys)) };
}

/** The ring's current key with its id. */
export function currentKey(ring: KeyRing): IdentifiedKey {
  return { id: ring.currentId, key: ring.keys.get(ring.currentId)! };
}

/** Whether the ring holds any key of the public development ring. */
export function usesDevelopmentKey(ring: KeyRing): boolean {
  const dev = parseKeyRing(DEVELOPMENT_KEY_RING_TEXT);
  for (const k of dev.keys.values()) for (const mine of ring.keys.values()) if (k.equals(mine)) return true;
  return false;
}

/** A new random key, base64, to add to the ring under a new id. */
export function generateKeyText(): string {
  return randomBytes(AES_256_KEY_BYTES).toString('base64');
}
