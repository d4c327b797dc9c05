import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MigrationMismatchError } from '../../src/storage/errors.js';
import { migrationChecksum } from '../../src/storage/migrations/migration.js';
import { sqliteMigrations } from '../../src/storage/migrations/sqlite.js';
import { openRepository, storageConfigFromUrl } from '../../src/storage/openRepository.js';
import {
  openSqliteRepository,
  openSqliteRepositoryOnDatabase,
  WAL_AUTOCHECKPOINT_PAGES,
} from '../../src/storage/sqlite/sqliteRepository.js';
import { migrationUpgradeTest } from './migrationUpgrade.js';
import { CPRS, repositoryContract, sampleScreening, toKey, type RepositoryHarness } from './repositoryContract.js';

const tmpRoot = mkdtempSync(join(tmpdir(), 'ledighedsprofil-sqlite-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
let fileCounter = 0;
const newPath = () => join(tmpRoot, `run-${++fileCounter}`, 'screenings.sqlite');

function rawHelpers(db: Database.Database): Omit<RepositoryHarness, 'repo' | 'dispose'> {
  return {
    async allStoredText() {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      const out: string[] = [];
      for (const { name } of tables) {
        for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
          for (const v of Object.values(row)) if (v !== null) out.push(String(v));
        }
      }
      return out;
    },
    async count(table) {
      return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    },
    async exec(sql) {
      db.exec(sql);
    },
  };
}

repositoryContract('SQLite :memory:', async ({ now }) => {
  const db = new Database(':memory:');
  const repo = await openSqliteRepositoryOnDatabase(db, { now });
  return { repo, ...rawHelpers(db), dispose: () => repo.close() };
});

repositoryContract('SQLite file', async ({ now }) => {
  const path = newPath();
  const repo = await openSqliteRepository({ path, now });
  // A second connection, as an operator's tool would have: raw access without going through the repository.
  const raw = new Database(path);
  return {
    repo,
    ...rawHelpers(raw),
    dispose: async () => {
      raw.close();
      await repo.close();
    },
  };
});

describe('SQLite specifics', () => {
  it('creates the file and its directory on first open, in WAL mode, and keeps data across reopening', async () => {
    const path = newPath();
    expect(existsSync(path)).toBe(false);
    const repo = await openSqliteRepository({ path });
    expect(existsSync(path)).toBe(true);
    const { screening } = await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'a' });
    await repo.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(
      sqliteMigrations.map((m) => ({ version: m.version })),
    );
    raw.close();

    // Reopening applies nothing twice and finds the data.
    const again = await openSqliteRepository({ path });
    expect((await again.latestScreening(toKey(CPRS[0]), { fundId: '1', clientId: 'a' }))!.screening).toEqual(screening);
    await again.close();
    const raw2 = new Database(path, { readonly: true });
    expect(raw2.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: sqliteMigrations.length });
    raw2.close();
  });

  it('sets durability, scrubbing and the checkpoint interval on its connection', async () => {
    const path = newPath();
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    const repo = await openSqliteRepositoryOnDatabase(db);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    await repo.close();
  });

  it('leaves no CPR number in the bytes of the database file or its WAL', async () => {
    const path = newPath();
    const repo = await openSqliteRepository({ path });
    for (const cpr of CPRS) {
      const s = (await repo.createScreening(sampleScreening(toKey(cpr)), { fundId: '1', clientId: 'a' })).screening;
      await repo.addAssessment(
        { screeningId: s.id, correctedTargetGroup: 1, comment: 'Drøftet', caseworkerId: 'sb' },
        { fundId: '1', clientId: 'a' },
      );
    }
    await repo.eraseCitizen(toKey(CPRS[0]), { fundId: '1', clientId: 'admin' });
    const bytes = [path, path + '-wal']
      .filter(existsSync)
      .map((p) => readFileSync(p).toString('latin1'))
      .join('');
    expect(bytes).toContain(toKey(CPRS[1]));
    for (const cpr of CPRS) expect(bytes).not.toContain(cpr);
    await repo.close();
  });

  it('shares one file between two connections: idempotency holds across them', async () => {
    const path = newPath();
    const [a, b] = await Promise.all([openSqliteRepository({ path }), openSqliteRepository({ path })]);
    const key = toKey(CPRS[0]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).createScreening(sampleScreening(key), { fundId: '1', clientId: 'x', idempotencyKey: 'same' }),
      ),
    );
    expect(new Set(results.map((r) => r.screening.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await a.listScreenings(key, { fundId: '1', clientId: 'x' })).toHaveLength(1);
    await a.close();
    await b.close();
  });

  migrationUpgradeTest(sqliteMigrations[0], async () => {
    const path = newPath();
    mkdirSync(dirname(path), { recursive: true });
    const raw = new Database(path);
    const [m1] = sqliteMigrations;
    // The same statements applySqliteMigrations ran when version 1 was the latest.
    raw.exec(
      `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
    );
    raw.exec(m1.sql);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, ?)').run(1, m1.name, migrationChecksum(m1), '2025-01-01T00:00:00.000Z');
    return {
      async insertScreening(row) {
        const cols = Object.keys(row);
        const values = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));
        raw.prepare(`INSERT INTO screenings (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(values);
      },
      async exec(sql) {
        raw.exec(sql);
      },
      async appliedMigrations() {
        return raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
      },
      open: () => openSqliteRepository({ path }),
      async dispose() {
        raw.close();
      },
    };
  });

  it('refuses to start when an applied migration was edited', async () => {
    const path = newPath();
    await (await openSqliteRepository({ path })).close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_migrations SET checksum = 'edited'").run();
    raw.close();
    await expect(openSqliteRepository({ path })).rejects.toBeInstanceOf(MigrationMismatchError);
  });

  it("keeps a period's outcome revisions unique without a unique index: on insert and when a re-key would merge two", async () => {
    const path = newPath();
    await (await openSqliteRepository({ path })).close();
    const raw = new Database(path);
    try {
      const insert = raw.prepare(
        `INSERT INTO outcomes (id, fund_id, citizen_key, benefit_period_start, revision, created_at, long_term_state, client_id)
         VALUES (?, '15', ?, '2024-01-01', ?, '2024-06-01T00:00:00.000Z', 'pending', 'test')`,
      );
      const [a, b] = [toKey(CPRS[0]), toKey(CPRS[1])];
      insert.run('00000000-0000-4000-8000-000000000001', a, 1);
      insert.run('00000000-0000-4000-8000-000000000002', a, 2);
      insert.run('00000000-0000-4000-8000-000000000003', b, 1);
      expect(() => insert.run('00000000-0000-4000-8000-000000000004', a, 2)).toThrow(/UNIQUE constraint failed: outcomes/);
      // Another fund or period may use the same revision.
      raw
        .prepare(
          `INSERT INTO outcomes (id, fund_id, citizen_key, benefit_period_start, revision, created_at, long_term_state, client_id)
           VALUES ('00000000-0000-4000-8000-000000000005', '42', ?, '2024-01-01', 2, '2024-06-01T00:00:00.000Z', 'pending', 'test')`,
        )
        .run(a);
      expect(() => raw.prepare('UPDATE outcomes SET citizen_key = ? WHERE citizen_key = ?').run(a, b)).toThrow(
        /UNIQUE constraint failed: outcomes/,
      );
      // Updating another column of a row is no merge.
      raw.prepare("UPDATE outcomes SET citizen_key_id = 'k2' WHERE citizen_key = ?").run(a);
      expect(raw.prepare('SELECT count(*) AS n FROM outcomes').get()).toEqual({ n: 4 });
    } finally {
      raw.close();
    }
  });

  it('is chosen by openRepository from a sqlite: URL', async () => {
    const path = newPath();
    expect(storageConfigFromUrl('sqlite:' + path)).toEqual({ kind: 'sqlite', path });
    expect(storageConfigFromUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(storageConfigFromUrl('postgresql://u@h/db')).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
    expect(() => storageConfigFromUrl('mysql://user:secret@h/db')).toThrow(/expected postgres/);
    expect(() => storageConfigFromUrl('mysql://user:secret@h/db')).not.toThrow(/secret/);
    const repo = await openRepository(storageConfigFromUrl('sqlite:' + path));
    expect(repo.kind).toBe('sqlite');
    await repo.ping();
    await repo.close();
  });
});
