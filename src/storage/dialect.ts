/**
 * The seam between the repository's control flow (repositoryCore.ts), written once, and the two
 * database drivers. The core writes each operation as a generator that yields SQL statements and
 * receives their results; a driver runs it. SQLite (better-sqlite3) runs the whole generator
 * synchronously inside one transaction, so nothing else on the event loop can interleave with it and
 * two connections to one file in one process cannot wait on each other's lock; PostgreSQL (pg) awaits
 * each statement on its connection. An async callback could not give SQLite the first property.
 */
import type { ColumnReader, Row } from './rowMapping.js';

/**
 * A value bound to a `?` placeholder. Booleans are bound as 1/0: SQLite stores them so, and
 * PostgreSQL reads '1'/'0' as boolean input. JSON is bound as its text.
 */
export type SqlValue = string | number | null;

/** One statement: `rows` resolves to the rows it returns, `run` to the number of rows it changed. */
export interface Statement {
  kind: 'rows' | 'run';
  /** Portable SQL with `?` placeholders (never inside a literal: the PostgreSQL driver numbers them). */
  sql: string;
  params: readonly SqlValue[];
}

/** A unit of work: yields statements, receives each one's result, returns `T`. */
export type Work<T> = Generator<Statement, T, unknown>;

/** The rows a query returns; use as `yield* rows(sql, params)`. */
export function* rows(sql: string, params: readonly SqlValue[] = []): Work<Row[]> {
  return (yield { kind: 'rows', sql, params }) as Row[];
}

/** Runs a statement; returns how many rows it inserted, updated or deleted. Use as `yield* run(sql, params)`. */
export function* run(sql: string, params: readonly SqlValue[] = []): Work<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

/** How a transaction isolates its reads: `read` transactions see one snapshot throughout. */
export type TransactionMode = 'read' | 'write';

/** What the repository core needs from a database. Everything dialect-specific lives behind it. */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** How the driver returns times, JSON and booleans. */
  readonly columns: ColumnReader;
  /**
   * Whether SELECT … FOR UPDATE / FOR KEY SHARE exist. Where they do not (SQLite), every transaction
   * holds the database's single write lock from its start, which orders writers as row locks would.
   */
  readonly rowLocks: boolean;
  /** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(mode: TransactionMode, work: () => Work<T>): Promise<T>;
  /** Runs `work` outside a transaction; each statement commits on its own. */
  autocommit<T>(work: () => Work<T>): Promise<T>;
  /**
   * Clears what an erasure's deletes left behind outside the live rows, after it committed: SQLite
   * checkpoints the WAL into the file and truncates it; PostgreSQL rewrites the data-key table so the
   * deleted wrapped keys' dead tuples leave the table's files.
   */
  scrubAfterErasure(): Promise<void>;

  /**
   * Runs `work` unless another process holds the lock `name`, and returns `{ value }`; returns null
   * without running it when the lock is taken. PostgreSQL: a session advisory lock, so one instance of
   * several does the work. SQLite: one lock per connection, enough for one process (another process on
   * the same file is still ordered by the write lock, transaction by transaction).
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<{ value: T } | null>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** Runs `work` to its end, executing each statement synchronously; a failing statement is thrown into it. */
export function driveSync<T>(work: Work<T>, execute: (s: Statement) => unknown): T {
  let step = work.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = execute(step.value);
    } catch (err) {
      step = work.throw(err);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}

/** Runs `work` to its end, awaiting each statement; a failing statement is thrown into it. */
export async function driveAsync<T>(work: Work<T>, execute: (s: Statement) => Promise<unknown>): Promise<T> {
  let step = work.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = await execute(step.value);
    } catch (err) {
      step = work.throw(err);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}
