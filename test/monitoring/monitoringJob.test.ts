import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelRegistry, type ModelRegistry } from '../../src/service/models/modelRegistry.js';
import { monitoringGauges } from '../../src/service/monitoring/monitoringGauges.js';
import { monitoringJob } from '../../src/service/monitoring/monitoringJob.js';
import { openRepository } from '../../src/storage/openRepository.js';
import { openSqliteRepositoryOnDatabase } from '../../src/storage/sqlite/sqliteRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { logCapture } from '../service/helpers.js';
import { dropSchema, postgresProblem, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';

const pgProblem = await postgresProblem();

const root = new URL('../../', import.meta.url).pathname;
let repository: Repository;
let models: ModelRegistry;

beforeAll(async () => {
  repository = await openRepository({ kind: 'sqlite', path: ':memory:' });
  models = await loadModelRegistry(`${root}models`, 'sim-2026.12-1');
  const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
  for (let i = 0; i < 3; i++) {
    await repository.createScreening(
      sampleScreening(toKey(CPRS[i]), { modelVersion: 'sim-2026.12-1', benefitPeriodStart: '2024-01-01', screeningDate: '2024-01-05' }),
      { clientId: 'test', fundId: '15' },
    );
  }
});
afterAll(() => repository?.close());

/**
 * The stamp moves when a CPR-secret rotation re-keys rows (an UPDATE, so no count or seq moves), and
 * again when the same pair moves a second time: rows stored under the old key by an instance that did
 * not yet have the new secret. Each screening is its own period, so the report would be stale otherwise.
 */
async function stampSeesRekeying(repo: Repository): Promise<void> {
  const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
  const old = toKey(CPRS[3]);
  const next = toKey(CPRS[4]);
  const screen = (start: string) =>
    repo.createScreening(sampleScreening(old, { benefitPeriodStart: start, screeningDate: start }), { clientId: 'test', fundId: '15' });
  await screen('2024-03-04');
  const before = await repo.monitoring.stamp();
  expect(await repo.monitoring.stamp()).toBe(before);
  expect((await repo.keys.moveCitizenKey({ current: next, previous: old }, { clientId: 'ops' })).moved).toBeGreaterThan(0);
  const moved = await repo.monitoring.stamp();
  expect(moved).not.toBe(before);
  await screen('2024-05-06');
  const written = await repo.monitoring.stamp();
  expect(written).not.toBe(moved);
  // The clock must move on for the second move's time to differ from the first's.
  await new Promise((r) => setTimeout(r, 5));
  expect((await repo.keys.moveCitizenKey({ current: next, previous: old }, { clientId: 'ops' })).moved).toBeGreaterThan(0);
  expect(await repo.monitoring.stamp()).not.toBe(written);
}

describe('the monitoring scan', () => {
  it('gives the same periods whatever the page size, skipping a later screening of a period on any page', async () => {
    const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
    // A later screening of the first citizen's period: not the period's first, so never a row of its own.
    await repository.createScreening(
      sampleScreening(toKey(CPRS[0]), { modelVersion: 'later', benefitPeriodStart: '2024-01-01', screeningDate: '2024-03-01' }),
      { clientId: 'test', fundId: '15' },
    );
    const collect = async (pageSize?: number) => {
      const seen: string[] = [];
      let pages = 0;
      const n = await repository.monitoring.scan(
        { fundId: '15' },
        (page) => {
          pages++;
          for (const r of page) seen.push(`${r.modelVersion} ${r.probability} ${r.screeningDate}`);
        },
        { pageSize },
      );
      return { n, seen, pages };
    };
    const all = await collect();
    expect(all.n).toBe(3);
    expect(all.seen.every((s) => s.startsWith('sim-2026.12-1'))).toBe(true);
    for (const size of [1, 2, 3]) expect((await collect(size)).seen).toEqual(all.seen);
    expect((await collect(1)).pages).toBe(3);
    expect((await repository.monitoring.scan({ fundId: '42' }, () => {})).valueOf()).toBe(0);
  });
});

describe('the monitoring scan in period order', () => {
  it("applies the dates to a period's first screening only, reads a period longer than a page whole, and opens an input whose data key is not the citizen's first", async () => {
    const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
    const db = new Database(':memory:');
    const repo = await openSqliteRepositoryOnDatabase(db);
    try {
      const screen = (i: number, start: string, date: string, modelVersion = 'm') =>
        repo.createScreening(sampleScreening(toKey(CPRS[i]), { modelVersion, benefitPeriodStart: start, screeningDate: date }), {
          clientId: 'test',
          fundId: '15',
        });
      // Period A: first screened in January, again in March (the later one is never a row of its own).
      await screen(0, '2024-01-01', '2024-03-01', 'later');
      await screen(0, '2024-01-01', '2024-01-05');
      // Period B: five screenings, more than the pages of two below hold.
      for (const date of ['2024-02-20', '2024-02-10', '2024-02-12', '2024-02-11', '2024-02-25'])
        await screen(1, '2024-02-01', date, date === '2024-02-10' ? 'm' : 'later');
      // Period C, and a second period of the same citizen.
      await screen(2, '2024-02-01', '2024-02-03');
      await screen(2, '2025-01-01', '2025-01-02');
      const collect = async (selection: { from?: string; to?: string }, pageSize?: number) => {
        const seen: string[] = [];
        const n = await repo.monitoring.scan(
          { fundId: '15', ...selection },
          (page) => {
            for (const r of page)
              seen.push(`${r.modelVersion} ${r.benefitPeriodStart} ${r.screeningDate} ${r.input === null ? 'unread' : 'read'}`);
          },
          { pageSize },
        );
        return { n, seen: seen.sort() };
      };
      const all = await collect({});
      expect(all.seen).toEqual([
        'm 2024-01-01 2024-01-05 read',
        'm 2024-02-01 2024-02-03 read',
        'm 2024-02-01 2024-02-10 read',
        'm 2025-01-01 2025-01-02 read',
      ]);
      for (const size of [1, 2, 3, 5]) expect((await collect({}, size)).seen).toEqual(all.seen);
      // From February: period A's first screening is in January, so its March screening does not bring it in.
      expect((await collect({ from: '2024-02-01' }, 2)).seen).toEqual(all.seen.slice(1));
      expect((await collect({ to: '2024-02-05' }, 2)).seen).toEqual([all.seen[0], all.seen[1]]);

      // A second data key for citizen 0, created earlier than the one that sealed its rows: the scan's
      // "first key" is then not the sealing one, and the input must still open (read by its id).
      const [{ citizen_key: citizenKey }] = db
        .prepare("SELECT citizen_key FROM data_keys WHERE fund_id = '15' ORDER BY created_at LIMIT 1")
        .all() as { citizen_key: string }[];
      const [{ kek_id: kekId, wrapped }] = db.prepare('SELECT kek_id, wrapped FROM data_keys WHERE citizen_key = ?').all(citizenKey) as {
        kek_id: string;
        wrapped: string;
      }[];
      db.prepare(
        "INSERT INTO data_keys (id, fund_id, citizen_key, citizen_key_id, kek_id, wrapped, created_at) VALUES (?, '15', ?, NULL, ?, ?, '2000-01-01T00:00:00.000Z')",
      ).run(randomUUID(), citizenKey, kekId, wrapped);
      expect((await collect({}, 2)).seen).toEqual(all.seen);
    } finally {
      await repo.close();
    }
  });
});

describe('the monitoring stamp', () => {
  it('changes when a CPR-secret rotation re-keys rows, the first time and when the same pair moves again', async () => {
    const own = await openRepository({ kind: 'sqlite', path: ':memory:' });
    try {
      await stampSeesRekeying(own);
    } finally {
      await own.close();
    }
  });
});

describe('the monitoring job', () => {
  it('sets the gauges, audits the pass, logs a failed run and keeps the last values', async () => {
    const register = new Registry();
    const gauges = monitoringGauges(register);
    const log = logCapture();
    const logger = pino({ level: 'info' }, log.stream);
    let fail = false;
    const flaky: Repository = {
      ...repository,
      monitoring: {
        scan: (selection, visit) => (fail ? Promise.reject(new Error('disk on fire')) : repository.monitoring.scan(selection, visit)),
        stamp: () => repository.monitoring.stamp(),
      },
    };
    const job = monitoringJob({ repository: flaky, models, gauges, intervalMs: 60_000, log: logger });
    const first = await job.runOnce();
    expect(first!.screenings).toBe(3);
    expect(first!.versions.map((v) => v.model_version)).toEqual(['sim-2026.12-1']);
    const before = await register.getSingleMetricAsString('ledighedsprofil_target_group_2_share');
    expect(before).toContain('ledighedsprofil_target_group_2_share{model_version="sim-2026.12-1"} 1');
    // Two calls while one runs share it: the runs never overlap.
    fail = true;
    const [a, b] = [job.runOnce(), job.runOnce()];
    expect(a).toBe(b);
    expect(await a).toBeNull();
    expect(await register.getSingleMetricAsString('ledighedsprofil_target_group_2_share')).toBe(before);
    expect(log.text()).toContain('monitoring refresh failed');
    const audit = await repository.listAudit({ fundId: null, action: 'monitoring.read', limit: 10 });
    expect(audit.entries.map((e) => e.clientId)).toEqual(['monitoring-job']);
    await job.stop();
  });
});

describe.skipIf(pgProblem !== null && !process.env.CI)('the monitoring scan on PostgreSQL', () => {
  it('gives the same periods in pages of any size, for one fund and for every fund (the keyset on dates)', async () => {
    const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
    const schema = randomSchemaName();
    const pgRepo = await openRepository({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    try {
      for (let i = 0; i < 5; i++)
        for (const [start, dates] of [
          ['2024-01-01', ['2024-01-09', '2024-01-03']],
          ['2024-06-03', ['2024-06-04']],
        ] as const)
          for (const date of dates)
            await pgRepo.createScreening(sampleScreening(toKey(CPRS[i]), { benefitPeriodStart: start, screeningDate: date }), {
              clientId: 'test',
              fundId: i % 2 === 0 ? '15' : '42',
            });
      const collect = async (fundId: string | null, pageSize?: number) => {
        const seen: string[] = [];
        const n = await pgRepo.monitoring.scan(
          { fundId },
          (page) => void seen.push(...page.map((r) => `${r.benefitPeriodStart} ${r.screeningDate}`)),
          { pageSize },
        );
        return { n, seen };
      };
      const all = await collect(null);
      expect(all.n).toBe(10);
      expect(all.seen.filter((s) => s.startsWith('2024-01-01')).every((s) => s.endsWith('2024-01-03'))).toBe(true);
      const fund15 = await collect('15');
      expect(fund15.n).toBe(6);
      for (const size of [1, 2, 3]) {
        expect(await collect(null, size)).toEqual(all);
        expect(await collect('15', size)).toEqual(fund15);
      }
    } finally {
      await pgRepo.close();
      await dropSchema(schema);
    }
  });

  it('changes its stamp when a CPR-secret rotation re-keys rows, the first time and again', async () => {
    const schema = randomSchemaName();
    const pgRepo = await openRepository({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    try {
      await stampSeesRekeying(pgRepo);
    } finally {
      await pgRepo.close();
      await dropSchema(schema);
    }
  });

  it('reads a page holding only later screenings (no first screening, so no shadow-score lookup)', async () => {
    const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
    const schema = randomSchemaName();
    const pgRepo = await openRepository({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    try {
      for (const date of ['2024-01-05', '2024-02-05', '2024-03-05']) {
        await pgRepo.createScreening(sampleScreening(toKey(CPRS[0]), { benefitPeriodStart: '2024-01-01', screeningDate: date }), {
          clientId: 'test',
          fundId: '15',
        });
      }
      const seen: string[] = [];
      const n = await pgRepo.monitoring.scan(
        { fundId: '15' },
        (page) => {
          seen.push(...page.map((r) => r.screeningDate));
        },
        { pageSize: 1 },
      );
      expect(n).toBe(1);
      expect(seen).toEqual(['2024-01-05']);
    } finally {
      await pgRepo.close();
      await dropSchema(schema);
    }
  });
});
