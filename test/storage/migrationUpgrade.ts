/**
 * The upgrade every dialect must survive: a database left at migration 1 with a screening in it is
 * opened by this version, migrated to 2, and the old screening reads back with `details` {}. Each
 * dialect's test file calls {@link migrationUpgradeTest} with a harness that builds the old database
 * the way that dialect's migrator did when version 1 was the latest.
 */
import { expect, it } from 'vitest';
import type { Migration } from '../../src/storage/migrations/migration.js';
import type { Repository } from '../../src/storage/repository.js';
import { CPRS, sampleScreening, toKey, versionOneScreeningRow } from './repositoryContract.js';

/** Raw access to a database at migration 1, and how to open this version's repository on it. */
export interface VersionOneDatabase {
  /** Inserts a row into `screenings` by column name (JSON as text, booleans as booleans), bypassing the repository. */
  insertScreening(row: Record<string, unknown>): Promise<void>;
  /** Runs raw SQL; rejects with the database's error. */
  exec(sql: string): Promise<void>;
  /** `schema_migrations` as (version, name), ordered by version. */
  appliedMigrations(): Promise<{ version: number; name: string }[]>;
  /** Opens the repository (migrating the database), as the service would. */
  open(): Promise<Repository>;
  /** Closes raw access and removes what the harness made. */
  dispose(): Promise<void>;
}

/** Registers the upgrade test for one dialect: `atVersionOne` makes a fresh database with `firstMigration` applied. */
export function migrationUpgradeTest(firstMigration: Migration, atVersionOne: () => Promise<VersionOneDatabase>): void {
  it('migrates a database at version 1 with a screening in it to version 2; the screening reads back with details {}', async () => {
    expect(firstMigration.version).toBe(1);
    const db = await atVersionOne();
    let repo: Repository | undefined;
    try {
      const key = toKey(CPRS[0]);
      const row = versionOneScreeningRow(key);
      await db.insertScreening(row);
      expect(await db.appliedMigrations()).toEqual([{ version: 1, name: firstMigration.name }]);

      repo = await db.open();
      const read = (await repo.getScreening(row.id, { clientId: 'a' }))!.screening;
      const { citizenKey: _k, ...sample } = sampleScreening(key);
      expect(read).toEqual({ ...sample, id: row.id, citizenKey: key, createdAt: row.created_at, clientId: row.client_id, details: {} });
      // New screenings store their details beside the old one.
      const added = (await repo.createScreening(sampleScreening(key, { details: { policyVersion: 'p2' } }), { clientId: 'a' })).screening;
      expect((await repo.listScreenings(key, { clientId: 'a' })).map((x) => [x.screening.id, x.screening.details])).toEqual([
        [added.id, { policyVersion: 'p2' }],
        [row.id, {}],
      ]);

      expect(await db.appliedMigrations()).toEqual([
        { version: 1, name: firstMigration.name },
        { version: 2, name: 'screening details' },
        { version: 7, name: 'assessment reason' },
      ]);
      // The column keeps the screenings immutable and refuses what is not a JSON object.
      await expect(db.exec(`UPDATE screenings SET details = '{"x":1}'`)).rejects.toThrow(/immutable/);
      await expect(db.insertScreening({ ...row, id: '33333333-3333-4333-8333-333333333333', details: '[]' })).rejects.toThrow(
        /(CHECK constraint failed|violates check constraint).*details/,
      );
    } finally {
      await repo?.close();
      await db.dispose();
    }
  });
}
