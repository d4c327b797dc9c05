/**
 * A throw-away PostgreSQL schema per test, so parallel runs (and parallel test files) never see each
 * other's tables. The server is the machine's own (trust authentication); TEST_DATABASE_URL overrides.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL tests use. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Null when PostgreSQL answers, else why not (without the URL's password). */
export async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL at ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh schema name, unique across processes and runs. */
export function randomSchemaName(): string {
  return `lp_test_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** A client whose search path is `schema`, for raw checks. */
export async function rawClient(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  if (!/^lp_test_\d+_[0-9a-f]{12}$/.test(schema)) throw new Error('refusing to drop a schema not made by these tests');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
