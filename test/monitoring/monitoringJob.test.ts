import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelRegistry, type ModelRegistry } from '../../src/service/models/modelRegistry.js';
import { monitoringGauges } from '../../src/service/monitoring/monitoringGauges.js';
import { monitoringJob } from '../../src/service/monitoring/monitoringJob.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { logCapture } from '../service/helpers.js';
import { dropSchema, postgresProblem, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';

const pgProblem = await postgresProblem();

const root = new URL('../../', import.meta.url).pathname;
let repository: Repository;
let models: ModelRegistry;

beforeAll(async () => {
  repository = await openRepository({ kind: 'sqlite', path: ':memory:' });
  models = await loadModelRegistry(`${root}models`, 'sim-2026.11-1');
  const { sampleScreening, toKey, CPRS } = await import('../storage/repositoryContract.js');
  for (let i = 0; i < 3; i++) {
    await repository.createScreening(
      sampleScreening(toKey(CPRS[i]), { modelVersion: 'sim-2026.11-1', benefitPeriodStart: '2024-01-01', screeningDate: '2024-01-05' }),
      { clientId: 'test', fundId: '15' },
    );
  }
});
afterAll(() => repository?.close());

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
    expect(all.seen.every((s) => s.startsWith('sim-2026.11-1'))).toBe(true);
    for (const size of [1, 2, 3]) expect((await collect(size)).seen).toEqual(all.seen);
    expect((await collect(1)).pages).toBe(3);
    expect((await repository.monitoring.scan({ fundId: '42' }, () => {})).valueOf()).toBe(0);
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
      },
    };
    const job = monitoringJob({ repository: flaky, models, gauges, intervalMs: 60_000, log: logger });
    const first = await job.runOnce();
    expect(first!.screenings).toBe(3);
    expect(first!.versions.map((v) => v.model_version)).toEqual(['sim-2026.11-1']);
    const before = await register.getSingleMetricAsString('ledighedsprofil_target_group_2_share');
    expect(before).toContain('ledighedsprofil_target_group_2_share{model_version="sim-2026.11-1"} 1');
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
