import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteRepository } from '../../src/storage/sqlite/sqliteRepository.js';
import { auth, CPR, KEYS, sampleMember, startApp } from './helpers.js';

describe('SQLite locked by another connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-busy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 with Retry-After while the write lock is held, 201 once it is released', async () => {
    const path = join(dir, 'db.sqlite');
    const repository = await openSqliteRepository({ path, busyTimeoutMs: 100 });
    const t = await startApp('sqlite', {}, { repository });
    const other = new Database(path);
    try {
      const create = (key: string) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/screenings',
          headers: { ...auth(KEYS.create), 'idempotency-key': key },
          payload: { cpr: CPR[0], ...sampleMember() },
        });
      other.exec('BEGIN IMMEDIATE');
      const busy = await create('busy-1');
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.json().type).toMatch(/service-unavailable$/);
      other.exec('ROLLBACK');
      expect((await create('busy-1')).statusCode).toBe(201);
    } finally {
      other.close();
      await t.close();
      await repository.close();
    }
  });
});
