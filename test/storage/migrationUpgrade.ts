/**
 * The upgrade every dialect must survive: a database left at migration 1 with a screening in it is
 * opened by this version, migrated to 2, and the old screening reads back with `details` {}. Each
 * dialect's test file calls {@link migrationUpgradeTest} with a harness that builds the old database
 * the way that dialect's migrator did when version 1 was the latest.
 */
import { expect, it } from 'vitest';
import type { Migration } from '../../src/storage/migrations/migration.js';
import { LEGACY_FUND_ID } from '../../src/storage/records.js';
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
  it('migrates a database at version 1 with a screening in it to the latest; the screening reads back in the legacy fund', async () => {
    expect(firstMigration.version).toBe(1);
    const db = await atVersionOne();
    let repo: Repository | undefined;
    try {
      const key = toKey(CPRS[0]);
      const row = versionOneScreeningRow(key);
      await db.insertScreening(row);
      const assessmentId = '44444444-4444-4444-8444-444444444444';
      await db.exec(
        `INSERT INTO assessments (id, screening_id, created_at, corrected_target_group, caseworker_id, client_id)
         VALUES ('${assessmentId}', '${row.id}', '2025-01-02T10:00:00.000Z', 1, 'sb', 'fagsystem-a')`,
      );
      await db.exec(
        `INSERT INTO audit_log (at, client_id, action, outcome, citizen_key, screening_id)
         VALUES ('2025-01-02T09:30:00.000Z', 'fagsystem-a', 'screening.create', 'success', '${key}', '${row.id}')`,
      );
      expect(await db.appliedMigrations()).toEqual([{ version: 1, name: firstMigration.name }]);

      repo = await db.open();
      // No fund sees a screening stored before tenancy; the legacy fund ('') reads it back whole, with
      // occasion 'other', no benefit period and the Danish date of its creation as its screening date.
      expect(await repo.getScreening(row.id, { fundId: '1', clientId: 'a' })).toBeNull();
      expect(await repo.latestScreening(key, { fundId: '1', clientId: 'a' })).toBeNull();
      const legacy = { fundId: LEGACY_FUND_ID, clientId: 'maintenance' };
      const old = (await repo.getScreening(row.id, legacy))!;
      const { citizenKey: _k, ...sample } = sampleScreening(key);
      expect(old.screening).toEqual({
        ...sample,
        id: row.id,
        citizenKey: key,
        createdAt: row.created_at,
        clientId: row.client_id,
        details: {},
        fundId: '',
        occasion: 'other',
        benefitPeriodStart: null,
        screeningDate: '2025-01-02',
      });
      expect(old.assessments.map((a) => [a.id, a.fundId])).toEqual([[assessmentId, '']]);
      // New screenings store their details and fund beside the old one, which stays in its own fund.
      const added = (await repo.createScreening(sampleScreening(key, { details: { policyVersion: 'p2' } }), { fundId: '1', clientId: 'a' }))
        .screening;
      expect((await repo.listScreenings(key, { fundId: '1', clientId: 'a' })).map((x) => [x.screening.id, x.screening.details])).toEqual([
        [added.id, { policyVersion: 'p2' }],
      ]);
      expect((await repo.listScreenings(key, legacy)).map((x) => x.screening.id)).toEqual([row.id]);
      // The audit entry written before tenancy is the operator's (fund null) to read, not a fund's.
      expect((await repo.listAudit({ fundId: '1', action: 'screening.create' })).entries.map((e) => e.screeningId)).toEqual([added.id]);
      const operatorView = (await repo.listAudit({ fundId: null, action: 'screening.create' })).entries;
      expect(operatorView.map((e) => [e.screeningId, e.fundId])).toEqual([[row.id, '']]);

      // Later migrations follow; these three are the ones this test is about.
      expect((await db.appliedMigrations()).slice(0, 3)).toEqual([
        { version: 1, name: firstMigration.name },
        { version: 2, name: 'screening details' },
        { version: 3, name: 'funds and screening timing' },
      ]);
      // The columns keep the screenings immutable and refuse what they must not hold.
      await expect(db.exec(`UPDATE screenings SET details = '{"x":1}'`)).rejects.toThrow(/immutable/);
      await expect(db.exec(`UPDATE screenings SET fund_id = '1'`)).rejects.toThrow(/immutable/);
      await expect(db.insertScreening({ ...row, id: '33333333-3333-4333-8333-333333333333', details: '[]' })).rejects.toThrow(
        /(CHECK constraint failed|violates check constraint).*details/,
      );
      for (const [column, value] of [
        ['fund_id', '015'],
        ['fund_id', '12345'],
        ['occasion', 'later'],
        ['benefit_period_start', '2025-02-30'],
        ['screening_date', '2025-13-01'],
      ]) {
        await expect(db.insertScreening({ ...row, id: '33333333-3333-4333-8333-333333333333', [column]: value })).rejects.toThrow(
          /CHECK constraint failed|violates check constraint|invalid input syntax|out of range/,
        );
      }
    } finally {
      await repo?.close();
      await db.dispose();
    }
  });
}
