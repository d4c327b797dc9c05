/**
 * The repository on PostgreSQL (pg), for one or several service instances sharing a database: the
 * driver the shared core (repositoryCore.ts) runs on, plus the pool it runs over. Correctness across
 * instances rests on the database, not on process memory: idempotency on unique constraints with
 * ON CONFLICT DO NOTHING, the corrections/erasure race on row locks, migrations on an advisory lock.
 */
import pg from 'pg';
import { driveAsync, type Dialect, type Statement, type TransactionMode } from '../dialect.js';
import { StorageValidationError } from '../errors.js';
import type { Repository } from '../repository.js';
import { repositoryOver, type RepositoryCoreOptions } from '../repositoryCore.js';
import type { ColumnReader } from '../rowMapping.js';
import { classifyDatabaseError } from '../unavailable.js';
import { applyPostgresMigrations } from './migrate.js';
import { POSTGRES_SCHEMA_NAME } from './schemaName.js';

/** How to reach the database. */
export interface PostgresRepositoryOptions {
  /** A `postgres://` URL (DATABASE_URL). Do not also put `options` in it: it would replace the search path set here. */
  connectionString: string;
  /** Schema for the tables (created if missing); default: the server's search path (usually `public`). */
  schema?: string;
  /** Most connections this instance holds. */
  poolSize?: number;
  /**
   * How long a new connection may take to be ready (TCP and PostgreSQL's start-up), in milliseconds;
   * default 5000. Without a limit a server that accepts but never answers holds the request forever.
   */
  connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, to tell instances apart; default `ledighedsprofil`. */
  applicationName?: string;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /**
   * Called when a connection fails outside a statement's own error: an idle one (the pool drops it) or
   * one checked out by a transaction (whose statements then fail, and which is destroyed). Without a
   * listener such errors would crash the process; without this option they go to stderr.
   */
  onError?: (err: Error) => void;
  /** Key ring, CPR secret id and clean-up error report for the repository core. */
  core?: Omit<RepositoryCoreOptions, 'now'>;
}

/** pg returns timestamptz as Date, jsonb parsed and booleans as booleans. */
const columns: ColumnReader = {
  time: (v) => (v instanceof Date ? v.toISOString() : v),
  // Dates arrive as the server's YYYY-MM-DD text (see DATE_AS_TEXT).
  date: (v) => v,
  json: (v) => v,
  bool: (v) => v,
};

const ISOLATION: Record<TransactionMode, string> = {
  // Writes re-read what a concurrent transaction committed (after ON CONFLICT waited for it).
  write: 'READ COMMITTED',
  // A screening and its corrections come from one snapshot; reads only insert their audit entry,
  // which cannot meet a serialization failure.
  read: 'REPEATABLE READ',
};

const DATE_OID = 1082;

/**
 * pg's own parsers but for `date`, which it would turn into local midnight of the process's time zone:
 * a calendar date has no time zone, so its text (YYYY-MM-DD in the default DateStyle) is kept.
 */
const DATE_AS_TEXT: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function reportToStderr(err: Error): void {
  console.error(`PostgreSQL connection error: ${err.message}`);
}

/** `?` placeholders numbered as pg wants them ($1, $2, …). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function execute(db: Pick<pg.Pool, 'query'>, s: Statement): Promise<unknown> {
  const r = await db.query(numbered(s.sql), [...s.params]);
  return s.kind === 'rows' ? r.rows : (r.rowCount ?? 0);
}

/** Opens a pool, applies pending migrations (safely alongside other instances) and returns the repository. */
export async function openPostgresRepository(options: PostgresRepositoryOptions): Promise<Repository> {
  return repositoryOver(await openPostgresDialect(options), { ...options.core, now: options.now });
}

/** The driver alone: a pool whose connections' errors are all reported, over a migrated schema. */
async function openPostgresDialect(options: PostgresRepositoryOptions): Promise<Dialect> {
  const schema = options.schema ?? null;
  if (schema !== null && !POSTGRES_SCHEMA_NAME.test(schema)) {
    throw new StorageValidationError('PostgreSQL options', [
      { path: 'schema', message: 'must be a lowercase identifier (a-z, 0-9, _), at most 63 characters' },
    ]);
  }
  const onError = options.onError ?? reportToStderr;
  const applicationName = options.applicationName ?? 'ledighedsprofil';
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    application_name: applicationName,
    types: DATE_AS_TEXT,
    ...(schema !== null ? { options: `-c search_path=${schema}` } : {}),
  });
  // Every connection has a listener of its own from the moment it is made until it is gone. The pool
  // listens on idle connections only, and hands one out by removing its listener before the caller can
  // add one: when the backend's "terminating connection" arrives in the same read as the answer that
  // freed the connection, pg emits it there, in between, and an 'error' with nobody listening ends the
  // process. A listener added on checkout is too late, so it is added on 'connect'.
  pool.on('connect', (client) => client.on('error', onError));
  // The pool re-emits an idle connection's error after dropping it; the connection's listener has reported it.
  pool.on('error', () => {});
  const checkOut = () => pool.connect();
  const checkIn = (client: pg.PoolClient, broken?: Error): void => {
    // A broken connection is destroyed rather than handed to the next request in an unknown state.
    client.release(broken);
  };

  try {
    await applyPostgresMigrations(checkOut, checkIn, schema);
  } catch (err) {
    await pool.end();
    throw err;
  }

  return {
    kind: 'postgres',
    columns,
    rowLocks: true,
    async transaction(mode, work) {
      const client = await checkOut().catch((err: unknown) => {
        throw classifyDatabaseError(err);
      });
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${ISOLATION[mode]}`);
        const result = await driveAsync(work(), (s) => execute(client, s));
        await client.query('COMMIT');
        checkIn(client);
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
          checkIn(client);
        } catch (rollbackErr) {
          checkIn(client, rollbackErr as Error);
        }
        throw classifyDatabaseError(err);
      }
    },
    // pool.query listens for the connection's errors itself while it holds it.
    autocommit: (work) =>
      driveAsync(work(), (s) => execute(pool, s)).catch((err: unknown) => {
        throw classifyDatabaseError(err);
      }),
    async scrubAfterErasure() {
      // A DELETE leaves the wrapped data key in a dead tuple, and even a plain VACUUM only marks its
      // space free; VACUUM FULL writes the live rows to a new file and drops the old one. The table holds
      // one short row per citizen and fund, so this is quick, but it locks the table while it runs.
      // VACUUM FULL still copies a deleted row that an open snapshot in this database may see, so it
      // first waits (bounded) until every transaction older than the erasure's commit has ended.
      try {
        const settled = await waitForOlderSnapshots(pool, SCRUB_SNAPSHOT_WAIT_MS);
        await pool.query('VACUUM FULL data_keys');
        if (!settled) {
          throw new Error(
            `an older transaction stayed open for ${SCRUB_SNAPSHOT_WAIT_MS} ms: erased data keys may survive in data_keys until its next rewrite`,
          );
        }
      } catch (err) {
        throw classifyDatabaseError(err);
      }
    },
    async exclusive(name, work) {
      // Keyed by the schema too, so installations sharing a database do not block each other. The lock
      // is held on a connection of its own, outside the pool, so the work's transactions can use every
      // pooled connection (a pool of one would otherwise wait on itself); the server releases the lock
      // by itself should this process die.
      const key = `ledighedsprofil:${name}:${schema ?? '(search_path)'}`;
      const lockClient = new pg.Client({ connectionString: options.connectionString, application_name: applicationName });
      lockClient.on('error', onError);
      try {
        await lockClient.connect();
        const [{ locked }] = (await lockClient.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key])).rows;
        if (!locked) return null;
        return { value: await work() };
      } catch (err) {
        throw classifyDatabaseError(err);
      } finally {
        // Ending the session releases the lock; no unlock statement is needed.
        await lockClient.end().catch(() => {});
        lockClient.off('error', onError);
      }
    },
    close: () => pool.end(),
  };
}

/** How long an erasure's clean-up waits for older transactions to end before rewriting data_keys anyway. */
const SCRUB_SNAPSHOT_WAIT_MS = 15_000;

/**
 * Resolves true once no other backend of this database holds a snapshot older than now (so a table rewrite drops every row deleted before), false when `limitMs` passed first.
 */
async function waitForOlderSnapshots(pool: pg.Pool, limitMs: number): Promise<boolean> {
  // A fresh transaction id marks "now"; age() compares 32-bit xids across wrap-around.
  const mark = (await pool.query('SELECT (pg_current_xact_id()::text::bigint % 4294967296)::text AS x')).rows[0].x as string;
  const deadline = Date.now() + limitMs;
  for (;;) {
    const r = await pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND age(backend_xmin) > age($1::xid)`,
      [mark],
    );
    if (r.rows[0].n === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
