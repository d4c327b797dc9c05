import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCitizenKeysOf } from '../../src/privacy/citizenKeyRing.js';
import { citizenKey } from '../../src/privacy/citizenKey.js';
import { currentKey, DEVELOPMENT_KEY_RING_TEXT, KeyRingError, parseKeyRing, usesDevelopmentKey } from '../../src/privacy/keyRing.js';
import { newDataKey, open, seal, sealedKeyId, SealedValueError } from '../../src/privacy/sealedValue.js';

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };
const ring = (id: string) => (id === 'k1' ? k1.key : id === 'k2' ? k2.key : undefined);

describe('sealed values (AES-256-GCM)', () => {
  it('round-trips text and bytes, names its key, and never shows the plaintext', () => {
    const text = 'Fysiske helbredsproblemer — ønsker brancheskift';
    const env = seal(k1, text, 'screenings/1/sealed');
    expect(sealedKeyId(env)).toBe('k1');
    expect(env).not.toContain('helbred');
    expect(Buffer.from(env.split('.')[3], 'base64url').toString('latin1')).not.toContain('helbred');
    expect(open(ring, env, 'screenings/1/sealed').toString('utf8')).toBe(text);
    const bytes = newDataKey();
    expect(open(ring, seal(k2, bytes, 'x'), 'x').equals(bytes)).toBe(true);
    // A fresh IV each time: the same value sealed twice differs.
    expect(seal(k1, text, 'a')).not.toBe(seal(k1, text, 'a'));
  });

  it('agrees with an independent AES-256-GCM encryption (node:crypto called directly, a known IV)', () => {
    const env = seal(k1, 'hej', 'aad');
    const [, , iv, ct, tag] = env.split('.');
    const c = createCipheriv('aes-256-gcm', k1.key, Buffer.from(iv, 'base64url'));
    c.setAAD(Buffer.from('aad'));
    const expected = Buffer.concat([c.update('hej'), c.final()]);
    expect(Buffer.from(ct, 'base64url').equals(expected)).toBe(true);
    expect(Buffer.from(tag, 'base64url').equals(c.getAuthTag())).toBe(true);
  });

  it('detects tampering with any part, a value moved to another place, a wrong or unknown key id', () => {
    const env = seal(k1, 'kommentar', 'assessments/a/sealed');
    const parts = env.split('.');
    for (const i of [2, 3, 4]) {
      const b = Buffer.from(parts[i], 'base64url');
      b[0] ^= 1;
      const bad = [...parts.slice(0, i), b.toString('base64url'), ...parts.slice(i + 1)].join('.');
      expect(() => open(ring, bad, 'assessments/a/sealed')).toThrow(SealedValueError);
    }
    expect(() => open(ring, env, 'assessments/b/sealed')).toThrow(/wrong key, wrong place or tampered/);
    // The same ciphertext under another key id: k2 does not open it.
    expect(() => open(ring, ['v1', 'k2', ...parts.slice(2)].join('.'), 'assessments/a/sealed')).toThrow(SealedValueError);
    expect(() => open(ring, ['v1', 'k9', ...parts.slice(2)].join('.'), 'assessments/a/sealed')).toThrow(/no key with id k9/);
    expect(() => open(ring, 'plain text', 'x')).toThrow(/not a v1 sealed value/);
    expect(() => seal({ id: 'k.1', key: k1.key }, 'x', 'y')).toThrow(/key id/);
    expect(() => seal({ id: 'k', key: Buffer.alloc(16) }, 'x', 'y')).toThrow(/32 bytes/);
  });
});

describe('key ring', () => {
  it('parses ids and 32-byte keys in base64, base64url or hex, and names what is wrong without the key', () => {
    const b = Buffer.alloc(32, 7);
    const r = parseKeyRing(
      JSON.stringify({ current: 'b', keys: { a: b.toString('hex'), b: b.toString('base64url'), c: b.toString('base64') } }),
    );
    expect(r.currentId).toBe('b');
    expect([...r.keys.values()].every((k) => k.equals(b))).toBe(true);
    expect(currentKey(r)).toEqual({ id: 'b', key: b });
    const secret = Buffer.alloc(16, 9).toString('base64');
    expect(() => parseKeyRing(JSON.stringify({ current: 'a', keys: { a: secret } }))).toThrow(/keys\.a: must be 32 bytes/);
    expect(() => parseKeyRing(JSON.stringify({ current: 'a', keys: { a: secret } }))).not.toThrow(secret);
    expect(() => parseKeyRing(JSON.stringify({ current: 'z', keys: { a: b.toString('hex') } }))).toThrow(
      /current: must name one of the ids/,
    );
    expect(() => parseKeyRing(JSON.stringify({ current: 'a', keys: {} }))).toThrow(KeyRingError);
    expect(() => parseKeyRing('{')).toThrow(/not valid JSON/);
    expect(usesDevelopmentKey(parseKeyRing(DEVELOPMENT_KEY_RING_TEXT))).toBe(true);
    expect(usesDevelopmentKey(r)).toBe(false);
  });
});

describe('CPR secrets with ids', () => {
  it('gives the current and the previous key of a CPR number, each the HMAC under its own secret', () => {
    const current = { id: 'cpr-2', secret: Buffer.alloc(32, 2) };
    const previous = { id: 'cpr-1', secret: Buffer.alloc(32, 1) };
    const keys = createCitizenKeysOf({ current, previous })('070761-4285');
    expect(keys).toEqual({
      current: citizenKey(current.secret, '0707614285'),
      currentId: 'cpr-2',
      previous: citizenKey(previous.secret, '0707614285'),
      previousId: 'cpr-1',
    });
    expect(createCitizenKeysOf({ current, previous: null })('0707614285').previous).toBeNull();
    expect(() => createCitizenKeysOf({ current, previous: { ...previous, id: 'cpr-2' } })).toThrow(/id of its own/);
  });
});
