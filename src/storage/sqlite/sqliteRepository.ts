/**
 * The repository on SQLite (better-sqlite3), for a single service instance or a test: the driver the
 * shared core (repositoryCore.ts) runs on, plus how the file is opened. The driver is synchronous, so
 * each unit of work runs to its end inside one transaction without yielding to the event loop.
 * Transactions are BEGIN IMMEDIATE, reads included (they write their audit entry), so two processes on
 * one file queue on the write lock (busy_timeout) instead of failing halfway through a read-then-write.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { driveSync, type Dialect, type Statement, type Work } from '../dialect.js';
import type { Repository } from '../repository.js';
import { repositoryOver, type RepositoryCoreOptions } from '../repositoryCore.js';
import { classifyDatabaseError } from '../unavailable.js';
import type { ColumnReader } from '../rowMapping.js';
import { applySqliteMigrations } from './migrate.js';

/** WAL pages that trigger an automatic checkpoint (see the pragma below). */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Where and how to open the SQLite database. */
export interface SqliteRepositoryOptions {
  /** File path (created with its directory on first open), or `:memory:` for tests. */
  path: string;
  /** Milliseconds to wait for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** Key ring, CPR secret id and clean-up error report for the repository core. */
  core?: Omit<RepositoryCoreOptions, 'now'>;
}

/** SQLite stores times as ISO text, JSON as text and booleans as 0/1. */
const columns: ColumnReader = {
  time: (v) => v,
  date: (v) => v,
  json: (v) => JSON.parse(String(v)),
  bool: (v) => v === 1,
};

/** Opens (creating and migrating if needed) a SQLite repository on a file, or in memory for `:memory:`. */
export async function openSqliteRepository(options: SqliteRepositoryOptions): Promise<Repository> {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  try {
    return await openSqliteRepositoryOnDatabase(db, options);
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

/**
 * The repository on an already open connection, which it then owns (`close` closes it). For tests
 * and tools that need the same connection, e.g. to inspect an in-memory database.
 */
export async function openSqliteRepositoryOnDatabase(
  db: Database.Database,
  options: Omit<SqliteRepositoryOptions, 'path'> = {},
): Promise<Repository> {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('journal_mode = WAL');
  // FULL, not the WAL-usual NORMAL: a screening acknowledged to a client must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted content is overwritten with zeros in the file (and in the WAL's page images), so an erased
  // row's bytes do not linger in free pages.
  db.pragma('secure_delete = ON');
  // The WAL is copied into the file once it holds this many pages (40 MB), not SQLite's 1,000 (4 MB):
  // a batch of outcomes dirties thousands of index pages (citizen keys are hashes, so inserts land all
  // over the indexes), and at 1,000 every such commit paid a checkpoint writing and syncing them all.
  // Fewer checkpoints copy each hot page once for several commits (bench/RESULTS.md, outcome upload).
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  applySqliteMigrations(db);
  return repositoryOver(sqliteDialect(db), { ...options.core, now: options.now });
}

/** The driver: prepared statements cached by their text, transactions taking the write lock up front. */
function sqliteDialect(db: Database.Database): Dialect {
  const statements = new Map<string, Database.Statement>();
  const execute = (s: Statement): unknown => {
    let prepared = statements.get(s.sql);
    if (prepared === undefined) {
      prepared = db.prepare(s.sql);
      statements.set(s.sql, prepared);
    }
    return s.kind === 'rows' ? prepared.all(...s.params) : prepared.run(...s.params).changes;
  };
  const inTransaction = db.transaction((work: () => Work<unknown>) => driveSync(work(), execute));
  const held = new Set<string>();
  return {
    kind: 'sqlite',
    columns,
    rowLocks: false,
    async transaction<T>(_mode: unknown, work: () => Work<T>) {
      try {
        return inTransaction.immediate(work) as T;
      } catch (err) {
        // SQLITE_BUSY after the busy timeout: another connection holds the write lock.
        throw classifyDatabaseError(err);
      }
    },
    async autocommit(work) {
      try {
        return driveSync(work(), execute);
      } catch (err) {
        throw classifyDatabaseError(err);
      }
    },
    async scrubAfterErasure() {
      // TRUNCATE copies every WAL frame into the file and empties the WAL; the frames hold page images
      // from before the delete. It cannot finish while another connection reads an older snapshot.
      const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (r !== undefined && r.busy !== 0)
        throw new Error('WAL checkpoint after erasure incomplete: another connection is reading; it completes at a later checkpoint');
    },
    async exclusive(name, work) {
      if (held.has(name)) return null;
      held.add(name);
      try {
        return { value: await work() };
      } finally {
        held.delete(name);
      }
    },
    async close() {
      db.close();
    },
  };
}
