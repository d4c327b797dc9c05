/**
 * A second, raw connection to the database a test app uses, to see what is stored without going
 * through the repository (whose reads are themselves audited): a read-only SQLite connection to the
 * same file, or a PostgreSQL client on the same schema.
 */
import Database from 'better-sqlite3';
import type { StorageConfig } from '../../src/storage/openRepository.js';
import { rawClient } from '../storage/postgresTestSchema.js';

/** Queries with `?` placeholders on either database. */
export interface RawDatabase {
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The number of rows of a table, optionally with a WHERE clause. */
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** Opens a raw connection to the database of `config`; a SQLite database must be a file, not `:memory:`. */
export async function rawDatabase(config: StorageConfig): Promise<RawDatabase> {
  let rows: RawDatabase['rows'];
  let close: () => Promise<void>;
  if (config.kind === 'sqlite') {
    if (config.path === ':memory:') throw new Error('a raw connection needs a SQLite file, not :memory:');
    const db = new Database(config.path, { readonly: true, fileMustExist: true });
    rows = async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[];
    close = async () => void db.close();
  } else {
    if (config.schema === undefined) throw new Error('a raw PostgreSQL connection needs the schema the app uses');
    const client = await rawClient(config.schema);
    rows = async <T>(sql: string, params: unknown[] = []) => {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    };
    close = () => client.end();
  }
  return {
    rows,
    async count(table, where, params) {
      const [r] = await rows<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`, params);
      return Number(r.n);
    },
    close,
  };
}
