/**
 * Special-category data at rest, read from the database's own bytes rather than through the
 * repository: the member's input and the caseworker's comment are never stored in clear, a sealed value
 * moved to another row or opened under another key ring is refused, and after an erasure neither the
 * values nor the citizen's wrapped data key remain in the files (SQLite: the file, -wal and -shm;
 * PostgreSQL: the tables' files after a CHECKPOINT).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseKeyRing } from '../../src/privacy/keyRing.js';
import { CorruptRecordError } from '../../src/storage/errors.js';
import { openPostgresRepository } from '../../src/storage/postgres/postgresRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { openSqliteRepository } from '../../src/storage/sqlite/sqliteRepository.js';
import { dropSchema, postgresProblem, randomSchemaName, rawClient, TEST_DATABASE_URL } from './postgresTestSchema.js';
import { CPRS, sampleScreening, toKey } from './repositoryContract.js';

const tmp = mkdtempSync(join(tmpdir(), 'lp-at-rest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let files = 0;

/** Distinctive strings of one member: they occur nowhere in the database unless something leaks them. */
const MARK_INPUT = 'helbred-markoer-7f3a9c';
const MARK_COMMENT = 'Kommentar om misbrug, markoer 91b2e4';
const ring = parseKeyRing(JSON.stringify({ current: 'kek-a', keys: { 'kek-a': Buffer.alloc(32, 9).toString('base64') } }));
const otherRing = parseKeyRing(JSON.stringify({ current: 'kek-a', keys: { 'kek-a': Buffer.alloc(32, 8).toString('base64') } }));

async function storeMarked(repo: Repository, cpr: string) {
  const key = toKey(cpr);
  const base = sampleScreening(key);
  const s = (
    await repo.createScreening(
      { ...base, input: { ...base.input, note: MARK_INPUT } },
      { clientId: 'a', fundId: '1', idempotencyKey: `k-${toKey(cpr).slice(0, 8)}` },
    )
  ).screening;
  await repo.addAssessment(
    { screeningId: s.id, correctedTargetGroup: 2, comment: MARK_COMMENT, caseworkerId: 'sb' },
    { clientId: 'a', fundId: '1' },
  );
  return s;
}

describe('SQLite at rest', () => {
  const open = (path: string, dataKeys = ring) => openSqliteRepository({ path, core: { dataKeys } });
  const bytesOf = (path: string) =>
    [path, `${path}-wal`, `${path}-shm`]
      .filter(existsSync)
      .map((p) => readFileSync(p).toString('latin1'))
      .join('');

  it('stores input, factors, activities, details and comments sealed; the clear columns reveal nothing', async () => {
    const path = join(tmp, `a-${++files}.sqlite`);
    const repo = await open(path);
    const s = await storeMarked(repo, CPRS[0]);
    const raw = new Database(path, { readonly: true });
    const row = raw.prepare('SELECT * FROM screenings WHERE id = ?').get(s.id) as Record<string, string>;
    expect([row.input, row.factors, row.activities, row.details]).toEqual(['{}', '[]', '[]', '{}']);
    expect(row.sealed).toMatch(/^v1\.[0-9a-f-]{36}\./);
    expect(row.citizen_key_id).toBe('cpr-1');
    // Monitoring's columns stay in clear.
    expect(row.probability).toBe(sampleScreening(toKey(CPRS[0])).probability);
    const a = raw.prepare('SELECT comment, sealed FROM assessments').get() as Record<string, string | null>;
    expect(a.comment).toBeNull();
    expect(a.sealed?.split('.')[1]).toBe(row.sealed.split('.')[1]);
    const dk = raw.prepare('SELECT kek_id, wrapped FROM data_keys').all() as { kek_id: string; wrapped: string }[];
    expect(dk).toHaveLength(1);
    expect(dk[0].kek_id).toBe('kek-a');
    expect(dk[0].wrapped.split('.')[1]).toBe('kek-a');
    raw.close();
    const bytes = bytesOf(path);
    for (const mark of [MARK_INPUT, MARK_COMMENT, 'physical_health', 'Fysiske helbredsproblemer']) expect(bytes).not.toContain(mark);
    // …and read back through the repository as stored.
    const read = await repo.getScreening(s.id, { clientId: 'a', fundId: '1' });
    expect(read?.screening.input.note).toBe(MARK_INPUT);
    expect(read?.currentAssessment?.comment).toBe(MARK_COMMENT);
    await repo.close();
  });

  it('refuses a sealed value moved onto another row, and data under a key ring that does not hold its KEK', async () => {
    const path = join(tmp, `b-${++files}.sqlite`);
    const repo = await open(path);
    const s1 = await storeMarked(repo, CPRS[0]);
    const s2 = (await repo.createScreening(sampleScreening(toKey(CPRS[1])), { clientId: 'a', fundId: '1' })).screening;
    await repo.close();

    const wrong = await open(path, otherRing);
    await expect(wrong.getScreening(s1.id, { clientId: 'a', fundId: '1' })).rejects.toThrow(CorruptRecordError);
    await expect(wrong.getScreening(s1.id, { clientId: 'a', fundId: '1' })).rejects.not.toThrow(MARK_INPUT);
    await wrong.close();

    // An attacker with write access to the file swaps two rows' sealed values (past the trigger).
    const raw = new Database(path);
    raw.exec('DROP TRIGGER screenings_immutable');
    const sealed1 = (raw.prepare('SELECT sealed FROM screenings WHERE id = ?').get(s1.id) as { sealed: string }).sealed;
    raw.prepare('UPDATE screenings SET sealed = ? WHERE id = ?').run(sealed1, s2.id);
    raw.close();
    const again = await open(path);
    await expect(again.getScreening(s2.id, { clientId: 'a', fundId: '1' })).rejects.toThrow(/wrong key, wrong place or tampered/);
    expect((await again.getScreening(s1.id, { clientId: 'a', fundId: '1' }))?.screening.input.note).toBe(MARK_INPUT);
    await again.close();
  });

  it('keeps a data key per fund and citizen: one fund erasing the citizen leaves the other fund’s data readable', async () => {
    const path = join(tmp, `f-${++files}.sqlite`);
    const repo = await open(path);
    const key = toKey(CPRS[0]);
    const inFund = (fundId: string) => ({ clientId: 'a', fundId });
    const s1 = (await repo.createScreening(sampleScreening(key), inFund('1'))).screening;
    const s2 = (await repo.createScreening(sampleScreening(key), inFund('2'))).screening;
    await repo.addAssessment({ screeningId: s2.id, correctedTargetGroup: 1, comment: MARK_COMMENT, caseworkerId: 'sb' }, inFund('2'));
    const raw = new Database(path, { readonly: true });
    const funds = raw.prepare('SELECT fund_id FROM data_keys ORDER BY fund_id').all() as { fund_id: string }[];
    expect(funds.map((f) => f.fund_id)).toEqual(['1', '2']);
    const dkOf = (id: string) =>
      (raw.prepare('SELECT sealed FROM screenings WHERE id = ?').get(id) as { sealed: string }).sealed.split('.')[1];
    expect(dkOf(s1.id)).not.toBe(dkOf(s2.id));
    raw.close();
    expect(await repo.eraseCitizen(key, inFund('1'))).toEqual({ screenings: 1, assessments: 0, outcomes: 0 });
    const other = await repo.latestScreening(key, inFund('2'));
    expect(other?.screening.id).toBe(s2.id);
    expect(other?.currentAssessment?.comment).toBe(MARK_COMMENT);
    await repo.close();
  });

  it('leaves neither the values, a legacy plaintext row, nor the wrapped data key in the file, -wal or -shm after an erasure', async () => {
    const path = join(tmp, `c-${++files}.sqlite`);
    const repo = await open(path);
    await storeMarked(repo, CPRS[0]);
    await storeMarked(repo, CPRS[1]);
    // A row as stored between migrations 3 and 4: in clear, with no data key.
    const raw = new Database(path);
    const legacyMark = 'legacy-klartekst-5d0c11';
    raw
      .prepare(
        `INSERT INTO screenings (id, citizen_key, created_at, model_version, input, probability, linear_predictor, target_group,
           subgroup, job_centre_referral, factors, activities, client_id, fund_id)
         VALUES ('11111111-1111-4111-8111-111111111111', ?, '2025-01-01T00:00:00.000Z', 'm', ?, 0.5, 0, 1, NULL, 0, '[]', '[]', 'a', '1')`,
      )
      .run(toKey(CPRS[0]), JSON.stringify({ note: legacyMark }));
    const wrapped = (raw.prepare('SELECT wrapped FROM data_keys WHERE citizen_key = ?').get(toKey(CPRS[0])) as { wrapped: string }).wrapped;
    const kept = (raw.prepare('SELECT wrapped FROM data_keys WHERE citizen_key = ?').get(toKey(CPRS[1])) as { wrapped: string }).wrapped;
    raw.close();
    const legacy = await repo.getScreening('11111111-1111-4111-8111-111111111111', { clientId: 'a', fundId: '1' });
    expect(legacy?.screening.input).toEqual({ note: legacyMark });
    const before = bytesOf(path);
    expect(before).toContain(legacyMark);
    expect(before).toContain(wrapped);

    expect(await repo.eraseCitizen(toKey(CPRS[0]), { clientId: 'admin', fundId: '1' })).toEqual({
      screenings: 2,
      assessments: 1,
      outcomes: 0,
    });
    const after = bytesOf(path);
    expect(after).not.toContain(legacyMark);
    expect(after).not.toContain(wrapped);
    expect(after).not.toContain(MARK_INPUT);
    expect(after).not.toContain(MARK_COMMENT);
    // The other citizen's data key, and so their data, are untouched.
    expect(after).toContain(kept);
    // The checkpoint emptied the WAL, whose frames held the pages from before the delete.
    expect(existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).length : 0).toBe(0);
    expect((await repo.latestScreening(toKey(CPRS[1]), { clientId: 'a', fundId: '1' }))?.currentAssessment?.comment).toBe(MARK_COMMENT);
    await repo.close();
  });
});

const pgProblem = await postgresProblem();

describe.skipIf(pgProblem !== null && !process.env.CI)('PostgreSQL at rest', () => {
  it('stores no plaintext, and after an erasure and a CHECKPOINT the table files hold neither the comment nor the data key', async () => {
    const schema = randomSchemaName();
    const repo = await openPostgresRepository({ connectionString: TEST_DATABASE_URL, schema, core: { dataKeys: ring } });
    const raw = await rawClient(schema);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const s = await storeMarked(repo, CPRS[0]);
      await storeMarked(repo, CPRS[1]);
      const row = (await raw.query('SELECT input::text, factors::text, sealed FROM screenings WHERE id = $1', [s.id])).rows[0];
      expect(row.input).toBe('{}');
      expect(row.factors).toBe('[]');
      expect(row.sealed).toMatch(/^v1\./);
      expect((await raw.query('SELECT comment FROM assessments')).rows.every((r) => r.comment === null)).toBe(true);
      const wrapped = (await raw.query('SELECT wrapped FROM data_keys WHERE citizen_key = $1', [toKey(CPRS[0])])).rows[0].wrapped as string;

      const dataDir = (await admin.query("SELECT current_setting('data_directory') AS d")).rows[0].d as string;
      const tableBytes = async () => {
        await admin.query('CHECKPOINT');
        let text = '';
        for (const t of ['screenings', 'assessments', 'data_keys']) {
          const p = (await raw.query('SELECT pg_relation_filepath($1) AS p', [t])).rows[0].p as string;
          const file = join(dataDir, p);
          if (existsSync(file)) text += readFileSync(file).toString('latin1');
        }
        return text;
      };
      const before = await tableBytes();
      expect(before).toContain(wrapped);
      expect(before).not.toContain(MARK_COMMENT);
      expect(before).not.toContain(MARK_INPUT);

      // Another session holds a snapshot taken before the erasure (a long report, a pg_dump): the
      // clean-up must wait for it, or the rewrite copies the deleted data key into the new file.
      const reader = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await reader.connect();
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await reader.query('SELECT 1');
      let erased = false;
      const erasure = repo.eraseCitizen(toKey(CPRS[0]), { clientId: 'admin', fundId: '1' }).then(() => {
        erased = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(erased).toBe(false);
      await reader.query('COMMIT');
      await reader.end();
      await erasure;
      const after = await tableBytes();
      expect(after).not.toContain(wrapped);
      expect(after).not.toContain(MARK_COMMENT);
      expect(after).not.toContain(MARK_INPUT);
      expect((await repo.latestScreening(toKey(CPRS[1]), { clientId: 'a', fundId: '1' }))?.currentAssessment?.comment).toBe(MARK_COMMENT);
    } finally {
      await admin.end();
      await raw.end();
      await repo.close();
      await dropSchema(schema);
    }
  });
});
