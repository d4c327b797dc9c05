import type pg from 'pg';
import { migrationChecksum, pendingMigrations, type AppliedMigration } from '../migrations/migration.js';
import { postgresMigrations } from '../migrations/postgres.js';

/**
 * Brings the schema up to date. Several service instances may start at once against one database:
 * a session-level advisory lock, keyed by the schema, makes them take turns, so each migration is
 * applied once and the others find it done. Each migration commits with its `schema_migrations` row,
 * so a failure leaves the database at the last whole version. The lock is released when the
 * connection ends, even if this process dies holding it. The connection comes from `checkOut` and
 * goes back through `checkIn` (the pool's, whose connections always have an error listener).
 */
export async function applyPostgresMigrations(
  checkOut: () => Promise<pg.PoolClient>,
  checkIn: (client: pg.PoolClient, broken?: Error) => void,
  schema: string | null,
): Promise<void> {
  const client = await checkOut();
  const lockName = 'ledighedsprofil:migrate:' + (schema ?? '(search_path)');
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      if (schema !== null) {
        // Checked first so a role without CREATE on the database can use a schema made for it.
        const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        if (found.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
      }
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = (await client.query('SELECT version, name, checksum FROM schema_migrations')).rows as AppliedMigration[];
      for (const m of pendingMigrations(postgresMigrations, applied)) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            migrationChecksum(m),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A connection that failed mid-way is destroyed rather than returned to the pool in an unknown state.
    checkIn(client, broken);
  }
}
