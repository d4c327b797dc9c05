import type Database from 'better-sqlite3';
import { migrationChecksum, pendingMigrations, type AppliedMigration } from '../migrations/migration.js';
import { sqliteMigrations } from '../migrations/sqlite.js';

/**
 * Brings the database up to date. BEGIN IMMEDIATE takes SQLite's write lock before reading
 * `schema_migrations`, so two processes opening one file at once apply each migration once.
 */
export function applySqliteMigrations(db: Database.Database): void {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      checksum   TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as AppliedMigration[];
    const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of pendingMigrations(sqliteMigrations, applied)) {
      db.exec(m.sql);
      insert.run(m.version, m.name, migrationChecksum(m), new Date().toISOString());
    }
  });
  run.immediate();
}
