import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelRegistry, type ModelRegistry } from '../../src/service/models/modelRegistry.js';
import { monitoringGauges } from '../../src/service/monitoring/monitoringGauges.js';
import { monitoringJob } from '../../src/service/monitoring/monitoringJob.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { logCapture } from '../service/helpers.js';

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
