/**
 * API keys and the roles they carry. Keys are configured as a list of clients; only SHA-256 hashes of
 * keys are kept in memory after loading, so a heap dump or a config printout does not reveal a key.
 * API keys are long random strings (≥ 32 characters), so a fast unsalted hash is enough: there is
 * nothing to guess, unlike a password.
 */
import nodeCrypto, { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fundIdSchema } from '../../storage/records.js';
import { constantTimeEqual } from './constantTime.js';

/**
 * The roles a client can hold; none implies another (an admin that screens needs `screening:*` too).
 * `monitor:read` reads live monitoring (counts and statistics, no personal data): its own fund's, or
 * every fund's for a client without a fund.
 */
export const ROLES = ['screening:create', 'screening:read', 'screening:assess', 'outcome:write', 'admin', 'monitor:read'] as const;

/** One role. */
export type Role = (typeof ROLES)[number];

/** Zod schema for one role. */
export const roleSchema = z.enum(ROLES);

/** The shortest plain key accepted in configuration. */
export const MIN_API_KEY_LENGTH = 32;

const KEY_HASH_PATTERN = /^[0-9a-fA-F]{64}$/;

/** Zod schema of one configured client: exactly one of `keyHash` (sha256 hex) and `key` (plain). */
export const apiKeyEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'client id must be 1–100 characters: letters, digits, . _ : -'),
    keyHash: z.string().regex(KEY_HASH_PATTERN, 'keyHash must be the SHA-256 of the key as 64 hex digits').optional(),
    key: z.string().min(MIN_API_KEY_LENGTH, `key must be at least ${MIN_API_KEY_LENGTH} characters`).optional(),
    roles: z.array(roleSchema).min(1, 'a client needs at least one role'),
    /**
     * The a-kasse number of the fund the client acts for (text, 1–4 digits without leading zeros).
     * Every screening it stores is that fund's, and it sees no other fund's. Without one (an operator's
     * monitoring client) the client may read models and metrics, and is refused every citizen and
     * screening operation.
     */
    fund: fundIdSchema.optional(),
  })
  .strict()
  .refine((e) => (e.keyHash === undefined) !== (e.key === undefined), {
    message: 'give exactly one of keyHash and key',
  });

/** One configured client as written in configuration. */
export type ApiKeyEntry = z.input<typeof apiKeyEntrySchema>;

/** Zod schema of the whole list: at least one client, ids and keys unique. */
export const apiKeysConfigSchema = z
  .array(apiKeyEntrySchema)
  .min(1, 'no API keys configured: no client could call the service')
  .superRefine((entries, ctx) => {
    const ids = new Set<string>();
    const hashes = new Set<string>();
    entries.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'client id used twice' });
      ids.add(e.id);
      const h = entryHash(e);
      // Two clients with one key could not be told apart, and the audit log would name the wrong one.
      if (hashes.has(h)) ctx.addIssue({ code: 'custom', path: [i], message: 'same key configured for two clients' });
      hashes.add(h);
    });
  });

/** An authenticated client. */
export interface ApiClient {
  readonly id: string;
  readonly roles: readonly Role[];
  /** The fund's a-kasse number, or null for a client without a fund registration. */
  readonly fund: string | null;
}

/** Verifies presented keys against the configured clients. */
export interface ApiKeyVerifier {
  /** The client whose key was presented, or null; takes the same time whichever client matches. */
  verify(presentedKey: string | undefined | null): ApiClient | null;
  /** The configured clients, without keys. */
  readonly clients: readonly ApiClient[];
}

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'buffer') => Buffer;
// crypto.hash (Node ≥ 20.12) hashes without a Hash object per call, which is most of the cost of
// verifying a key; older versions take the createHash path.
const oneShotHash = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

/** SHA-256 of an API key as 64 lowercase hex digits: what configuration stores as `keyHash`. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function entryHash(e: { keyHash?: string; key?: string }): string {
  return e.keyHash !== undefined ? e.keyHash.toLowerCase() : hashApiKey(e.key ?? '');
}

/** Raised for bad API key configuration; names the entry and rule, never a key. */
export class ApiKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyConfigError';
  }
}

/** Validates the configured list (an array, or its JSON text) and builds a verifier from it. */
export function createApiKeyVerifier(config: unknown): ApiKeyVerifier {
  let raw = config;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new ApiKeyConfigError('API key configuration is not valid JSON');
    }
  }
  const parsed = apiKeysConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
    throw new ApiKeyConfigError('invalid API key configuration:\n' + lines.join('\n'));
  }
  const entries = parsed.data.map((e) => ({
    client: Object.freeze({ id: e.id, roles: Object.freeze([...new Set(e.roles)]), fund: e.fund ?? null }) as ApiClient,
    hash: Buffer.from(entryHash(e), 'hex'),
  }));
  const clients = Object.freeze(entries.map((e) => e.client));

  return {
    clients,
    verify(presentedKey) {
      // Length and presence are not secret; refusing absurd input early only bounds hashing work.
      if (typeof presentedKey !== 'string' || presentedKey.length === 0 || presentedKey.length > 1024) return null;
      const presented =
        oneShotHash !== undefined
          ? oneShotHash('sha256', presentedKey, 'buffer')
          : createHash('sha256').update(presentedKey, 'utf8').digest();
      let match: ApiClient | null = null;
      // Every configured hash is compared, with no early exit, so timing does not reveal which
      // client (or whether any) matched before the end.
      for (const e of entries) {
        const equal = constantTimeEqual(presented, e.hash);
        if (equal) match = e.client;
      }
      return match;
    },
  };
}

/** Whether the client holds the role; roles are not hierarchical. */
export function hasRole(client: ApiClient, role: Role): boolean {
  return client.roles.includes(role);
}

/**
 * A new random API key (`lp_` + 32 random bytes, base64url) and its SHA-256 hash. The key is given to
 * the client once; configuration keeps only the hash.
 */
export function generateApiKey(): { key: string; keyHash: string } {
  const key = 'lp_' + randomBytes(32).toString('base64url');
  return { key, keyHash: hashApiKey(key) };
}
