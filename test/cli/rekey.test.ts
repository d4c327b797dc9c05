/**
 * `ledighedsprofil rekey` end to end on a real database (SQLite file, and PostgreSQL when it answers):
 * data written under one key-encryption key and CPR secret reads back after the ring rotated, the old
 * key left the ring and the citizen keys moved from the member register; bad register rows are named by
 * file:line:column without their content and nothing moves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createCitizenKeyer } from '../../src/privacy/citizenKey.js';
import { parseKeyRing } from '../../src/privacy/keyRing.js';
import { openRepository, type StorageConfig } from '../../src/storage/openRepository.js';
import { dropSchema, postgresProblem, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import { sampleScreening } from '../storage/repositoryContract.js';
import { runCli } from './runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'lp-rekey-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const KEK1 = Buffer.alloc(32, 1).toString('base64');
const KEK2 = Buffer.alloc(32, 2).toString('base64');
const OLD_SECRET = '33'.repeat(32);
const NEW_SECRET = '44'.repeat(32);
const CPRS = ['0707614285', '2902964321'];

const pgProblem = await postgresProblem();
const kinds = pgProblem === null ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(kinds)('rekey (%s)', (kind) => {
  let n = 0;
  const database = (): { env: Record<string, string>; config: StorageConfig; drop: () => Promise<void> } => {
    if (kind === 'postgres') {
      const schema = randomSchemaName();
      return {
        env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
        config: { kind: 'postgres', url: TEST_DATABASE_URL, schema },
        drop: () => dropSchema(schema),
      };
    }
    const path = join(tmp, `db-${++n}.sqlite`);
    return { env: { DATABASE_URL: `sqlite:${path}` }, config: { kind: 'sqlite', path }, drop: async () => {} };
  };
  const stub = (env: Record<string, string>) => {
    for (const [k, v] of Object.entries({ NODE_ENV: 'test', ...env })) vi.stubEnv(k, v);
  };

  it('re-wraps data keys under the new KEK and moves citizen keys from the member register; old data still reads', async () => {
    const db = database();
    try {
      const oldKey = createCitizenKeyer(OLD_SECRET);
      const ring1 = parseKeyRing(JSON.stringify({ current: 'kek-1', keys: { 'kek-1': KEK1 } }));
      const before = await openRepository(db.config, { dataKeys: ring1, citizenKeyId: 'cpr-old' });
      const made = [];
      for (const cpr of CPRS) {
        const s = (await before.createScreening(sampleScreening(oldKey(cpr)), { clientId: 'a', fundId: '1' })).screening;
        await before.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 1, comment: 'Ønsker omskoling', caseworkerId: 'sb' },
          { clientId: 'a', fundId: '1' },
        );
        made.push(s);
      }
      await before.close();

      const register = join(tmp, `register-${n}-${kind}.txt`);
      writeFileSync(register, `cpr\n${CPRS[0].slice(0, 6)}-${CPRS[0].slice(6)}\n\n# end of file\n`);
      stub({
        ...db.env,
        DATA_ENCRYPTION_KEYS: JSON.stringify({ current: 'kek-2', keys: { 'kek-1': KEK1, 'kek-2': KEK2 } }),
        CPR_HMAC_SECRET: NEW_SECRET,
        CPR_HMAC_SECRET_ID: 'cpr-new',
        CPR_HMAC_SECRET_PREVIOUS: OLD_SECRET,
        CPR_HMAC_SECRET_PREVIOUS_ID: 'cpr-old',
      });
      const r = await runCli(['rekey', '--cpr-file', register]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('data keys re-wrapped under kek-2: 2');
      expect(r.stdout).toContain('data keys by wrapping key: kek-2 2');
      expect(r.stdout).toContain('every data key is under kek-2');
      expect(r.stdout).toContain('CPR numbers read: 1; citizens whose stored keys moved or were labelled: 1');
      expect(r.stdout).toContain('stored citizen keys by CPR secret id: cpr-new 1, cpr-old 1');
      expect(r.stdout).toContain('stored citizen keys not under cpr-new: 1; keep CPR_HMAC_SECRET_PREVIOUS');
      // Idempotent: a second run re-wraps nothing.
      expect((await runCli(['rekey'])).stdout).toContain('data keys re-wrapped under kek-2: 0');

      // The old KEK leaves the ring: everything still opens under the new one alone.
      const newKey = createCitizenKeyer(NEW_SECRET);
      const ring2 = parseKeyRing(JSON.stringify({ current: 'kek-2', keys: { 'kek-2': KEK2 } }));
      const after = await openRepository(db.config, { dataKeys: ring2, citizenKeyId: 'cpr-new' });
      try {
        const moved = await after.latestScreening(newKey(CPRS[0]), { clientId: 'a', fundId: '1' });
        expect(moved?.screening.id).toBe(made[0].id);
        expect(moved?.screening.input).toEqual(sampleScreening(newKey(CPRS[0])).input);
        expect(moved?.currentAssessment?.comment).toBe('Ønsker omskoling');
        // The citizen not in the register is still under the old key, and reads there.
        expect((await after.latestScreening(oldKey(CPRS[1]), { clientId: 'a', fundId: '1' }))?.currentAssessment?.comment).toBe(
          'Ønsker omskoling',
        );
        const audit = await after.listAudit({ fundId: null, citizenKeys: [newKey(CPRS[0])], action: 'citizen.rekey' });
        expect(audit.entries).toHaveLength(1);
        expect(audit.entries[0]).toMatchObject({ clientId: 'ledighedsprofil-rekey', outcome: 'success' });
      } finally {
        await after.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('names bad rows of the register by file:line:column without their content, and moves nothing', async () => {
    const db = database();
    try {
      const register = join(tmp, `bad-${n}-${kind}.txt`);
      writeFileSync(register, `${CPRS[0]}\n  3213999999\n12345\n`);
      stub({ ...db.env, CPR_HMAC_SECRET: NEW_SECRET, CPR_HMAC_SECRET_PREVIOUS: OLD_SECRET, CPR_HMAC_SECRET_PREVIOUS_ID: 'cpr-old' });
      const r = await runCli(['rekey', '--cpr-file', register]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('2 invalid rows');
      expect(r.stderr).toMatch(new RegExp(`${register.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3: cpr: `));
      expect(r.stderr).toContain(':3:1: cpr: ');
      expect(r.stderr).not.toContain('3213999999');
      expect(r.stderr).not.toContain('12345');
      expect(r.stdout).toBe('');
      expect((await runCli(['rekey', '--cpr-file', join(tmp, 'missing.txt')])).stderr).toMatch(/--cpr-file .*missing\.txt: file not found/);
    } finally {
      await db.drop();
    }
  });
});

describe('rekey usage', () => {
  it('explains itself, prints a new key, and refuses a bad key ring by its variable', async () => {
    const help = await runCli(['rekey', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--cpr-file <file>/);
    expect(help.stdout).toMatch(/CPR_HMAC_SECRET_PREVIOUS/);
    const key = await runCli(['rekey', '--new-key']);
    expect(Buffer.from(key.stdout.trim(), 'base64')).toHaveLength(32);
    vi.stubEnv('DATA_ENCRYPTION_KEYS', '{"current":"a","keys":{}}');
    vi.stubEnv('DATABASE_URL', ':memory:');
    const bad = await runCli(['rekey']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/DATA_ENCRYPTION_KEYS: /);
  });
});
