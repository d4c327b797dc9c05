import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Wraps the real comparison so the tests can count calls: verification must compare every entry.
vi.mock('../../../src/service/security/constantTime.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/service/security/constantTime.js')>();
  return { constantTimeEqual: vi.fn(actual.constantTimeEqual) };
});

const { constantTimeEqual } = await import('../../../src/service/security/constantTime.js');
const { ApiKeyConfigError, createApiKeyVerifier, generateApiKey, hashApiKey, hasRole, ROLES } = await import(
  '../../../src/service/security/apiKeys.js'
);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const keyA = 'a'.repeat(40);
const keyB = generateApiKey();
const keyC = 'c-key-' + 'x'.repeat(40);

const config = [
  { id: 'fagsystem-a', key: keyA, roles: ['screening:create', 'screening:read'], fund: '15' },
  { id: 'fagsystem-b', keyHash: keyB.keyHash.toUpperCase(), roles: ['screening:read', 'screening:assess'] },
  { id: 'admin-tool', keyHash: sha256(keyC), roles: ['admin'] },
];

describe('generateApiKey and hashApiKey', () => {
  it('makes a long random key and its SHA-256 hex hash', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.keyHash).toBe(sha256(a.key));
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('createApiKeyVerifier', () => {
  const verifier = createApiKeyVerifier(config);

  it('returns the client and roles for each configured key, plain or hashed', () => {
    expect(verifier.verify(keyA)).toEqual({ id: 'fagsystem-a', roles: ['screening:create', 'screening:read'], fund: '15' });
    expect(verifier.verify(keyB.key)).toEqual({ id: 'fagsystem-b', roles: ['screening:read', 'screening:assess'], fund: null });
    expect(verifier.verify(keyC)).toEqual({ id: 'admin-tool', roles: ['admin'], fund: null });
  });

  it('rejects wrong, empty and absent keys', () => {
    expect(verifier.verify(keyA + 'x')).toBeNull();
    expect(verifier.verify(keyA.slice(1))).toBeNull();
    expect(verifier.verify(keyB.keyHash)).toBeNull(); // the hash itself is not a key
    expect(verifier.verify('')).toBeNull();
    expect(verifier.verify(undefined)).toBeNull();
    expect(verifier.verify(null)).toBeNull();
    expect(verifier.verify('x'.repeat(5000))).toBeNull();
  });

  it('compares against every configured hash, with no early exit, whichever matches', () => {
    const spy = vi.mocked(constantTimeEqual);
    for (const k of [keyA, keyB.key, keyC, 'wrong-key']) {
      spy.mockClear();
      verifier.verify(k);
      expect(spy).toHaveBeenCalledTimes(config.length);
    }
  });

  it('keeps no plain key in what it exposes', () => {
    expect(JSON.stringify(verifier.clients)).not.toContain(keyA);
    expect(verifier.clients.map((c) => c.id)).toEqual(['fagsystem-a', 'fagsystem-b', 'admin-tool']);
  });

  it('accepts the list as JSON text', () => {
    expect(createApiKeyVerifier(JSON.stringify(config)).verify(keyC)?.id).toBe('admin-tool');
  });

  it('checks roles without hierarchy', () => {
    const admin = verifier.verify(keyC)!;
    const a = verifier.verify(keyA)!;
    expect(hasRole(admin, 'admin')).toBe(true);
    expect(hasRole(admin, 'screening:read')).toBe(false);
    expect(hasRole(a, 'screening:create')).toBe(true);
    expect(hasRole(a, 'screening:assess')).toBe(false);
    expect(hasRole(admin, 'monitor:read')).toBe(false);
    expect(ROLES).toEqual(['screening:create', 'screening:read', 'screening:assess', 'outcome:write', 'admin', 'monitor:read']);
  });
});

describe('API key configuration errors', () => {
  const bad = (c: unknown, message: RegExp) => {
    let err: unknown;
    try {
      createApiKeyVerifier(c);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiKeyConfigError);
    expect(String(err)).toMatch(message);
    // A configuration error must not print a key.
    expect(String(err)).not.toContain(keyA);
  };

  it('refuses entries with both or neither of key and keyHash', () => {
    bad([{ id: 'x', key: keyA, keyHash: sha256(keyA), roles: ['admin'] }], /exactly one of keyHash and key/);
    bad([{ id: 'x', roles: ['admin'] }], /exactly one of keyHash and key/);
  });
  it('refuses short keys, malformed hashes, unknown roles, no roles, unknown fields', () => {
    bad([{ id: 'x', key: 'short', roles: ['admin'] }], /at least 32/);
    bad([{ id: 'x', keyHash: 'abc', roles: ['admin'] }], /64 hex/);
    bad([{ id: 'x', key: keyA, roles: ['superuser'] }], /roles/);
    bad([{ id: 'x', key: keyA, roles: [] }], /at least one role/);
    for (const fund of ['', '0', '015', '12345', 'A1', 15]) bad([{ id: 'x', key: keyA, roles: ['admin'], fund }], /0\.fund: /);
    bad([{ id: 'x', key: keyA, roles: ['admin'], extra: 1 }], /extra|Unrecognized/i);
  });
  it('refuses duplicate ids, one key for two clients, an empty list and bad JSON', () => {
    bad(
      [
        { id: 'x', key: keyA, roles: ['admin'] },
        { id: 'x', keyHash: sha256(keyC), roles: ['admin'] },
      ],
      /id used twice/,
    );
    bad(
      [
        { id: 'x', key: keyA, roles: ['admin'] },
        { id: 'y', keyHash: sha256(keyA), roles: ['admin'] },
      ],
      /same key/,
    );
    bad([], /no API keys/);
    bad('[{', /not valid JSON/);
    bad([{ id: 'has space', key: keyA, roles: ['admin'] }], /client id/);
  });
});
