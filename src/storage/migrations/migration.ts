import { createHash } from 'node:crypto';
import { MigrationMismatchError } from '../errors.js';

/**
 * One schema change. Versions only grow; an applied migration is never edited (its checksum is
 * stored and compared at every start), a change is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** SHA-256 of a migration's SQL, stored with it to detect edits after it was applied. */
export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.sql, 'utf8').digest('hex');
}

/** A migration as recorded in `schema_migrations`. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/**
 * The migrations still to apply, after checking that those already applied are the ones this version
 * knows. Versions the database has but this code does not (a newer instance migrated first, during a
 * rolling deploy) are tolerated: migrations are additive.
 */
export function pendingMigrations(known: readonly Migration[], applied: readonly AppliedMigration[]): Migration[] {
  const byVersion = new Map(applied.map((a) => [a.version, a]));
  for (const m of known) {
    const a = byVersion.get(m.version);
    if (!a) continue;
    if (a.name !== m.name || a.checksum !== migrationChecksum(m)) {
      throw new MigrationMismatchError(
        `migration ${m.version} (${m.name}) differs from the one applied to this database (${a.name}); ` +
          'applied migrations must not be edited',
      );
    }
  }
  return known.filter((m) => !byVersion.has(m.version)).sort((x, y) => x.version - y.version);
}
