import { z } from 'zod';
import type { KeyRing } from '../privacy/keyRing.js';
import { StorageValidationError } from './errors.js';
import { openPostgresRepository } from './postgres/postgresRepository.js';
import type { Repository } from './repository.js';
import { openSqliteRepository } from './sqlite/sqliteRepository.js';

/** Zod schema of the storage configuration: a SQLite file (one instance) or a PostgreSQL URL (any number). */
export const storageConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('postgres'),
      url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
      schema: z.string().optional(),
      poolSize: z.number().int().min(1).max(200).optional(),
      connectTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    })
    .strict(),
]);

/** Storage configuration. */
export type StorageConfig = z.infer<typeof storageConfigSchema>;

/**
 * Reads a single database setting (e.g. DATABASE_URL): `postgres://…` or `postgresql://…` is
 * PostgreSQL; `sqlite:PATH`, `file:PATH` or `:memory:` is SQLite.
 */
export function storageConfigFromUrl(url: string): StorageConfig {
  const u = url.trim();
  if (/^postgres(ql)?:\/\//.test(u)) return { kind: 'postgres', url: u };
  if (u === ':memory:') return { kind: 'sqlite', path: u };
  const m = /^(?:sqlite|file):(.+)$/.exec(u);
  if (m) return { kind: 'sqlite', path: m[1] };
  // The URL may carry a password, so it is not repeated in the message.
  throw new StorageValidationError('database URL', [
    { path: '', message: 'expected postgres://…, postgresql://…, sqlite:PATH, file:PATH or :memory:' },
  ]);
}

/** What the opener passes on to the repository besides its configuration. */
export interface OpenRepositoryOptions {
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** Where connection errors that no operation receives are reported (PostgreSQL: idle or checked-out connections failing). */
  onError?: (err: Error) => void;
  /** The key-encryption keys wrapping the citizens' data keys (default: the public development ring). */
  dataKeys?: KeyRing;
  /** The id of the CPR secret the citizen keys passed in are made with. */
  citizenKeyId?: string;
  /** Where a failed clean-up after a committed erasure is reported; default `onError`, else stderr. */
  onScrubError?: (err: Error) => void;
}

/** Opens the configured repository, applying migrations. */
export async function openRepository(config: StorageConfig, options: OpenRepositoryOptions = {}): Promise<Repository> {
  const r = storageConfigSchema.safeParse(config);
  if (!r.success) throw StorageValidationError.fromZod('storage configuration', r.error);
  const c = r.data;
  const core = { dataKeys: options.dataKeys, citizenKeyId: options.citizenKeyId, onScrubError: options.onScrubError ?? options.onError };
  if (c.kind === 'sqlite') return openSqliteRepository({ path: c.path, now: options.now, core });
  return openPostgresRepository({
    connectionString: c.url,
    schema: c.schema,
    poolSize: c.poolSize,
    connectTimeoutMs: c.connectTimeoutMs,
    now: options.now,
    onError: options.onError,
    core,
  });
}
