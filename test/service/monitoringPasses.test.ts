/**
 * The shared monitoring passes: one pass for identical requests on unchanged data, a new one after any
 * stored or erased row, one pass at a time, a failed pass not kept; and GET /v1/monitoring served
 * from them while every request is still audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/service/app.js';
import { loadModelRegistry, type ModelRegistry } from '../../src/service/models/modelRegistry.js';
import { monitoringPasses } from '../../src/service/monitoring/monitoringPasses.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { CPRS, sampleScreening, toKey } from '../storage/repositoryContract.js';
import { auth, KEYS, testConfig } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
let repository: Repository;
let models: ModelRegistry;
const ctx = { clientId: 'test', fundId: '15' };
const screen = (i: number, start = '2024-01-01') =>
  repository.createScreening(
    sampleScreening(toKey(CPRS[i]), { modelVersion: 'sim-2026.12-1', benefitPeriodStart: start, screeningDate: start }),
    ctx,
  );

beforeAll(async () => {
  repository = await openRepository({ kind: 'sqlite', path: ':memory:' });
  models = await loadModelRegistry(`${root}models`, 'sim-2026.12-1');
  for (let i = 0; i < 3; i++) await screen(i);
});
afterAll(() => repository?.close());

describe('the shared monitoring passes', () => {
  it('make one pass for identical requests, in flight or done, and a new one once a row is stored or erased', async () => {
    const passes = monitoringPasses(repository, models);
    const [a, b] = await Promise.all([passes.report({ fundId: '15' }, '2026-12-01'), passes.report({ fundId: '15' }, '2026-12-01')]);
    expect(a).toBe(b);
    expect(passes.computed).toBe(1);
    expect(await passes.report({ fundId: '15' }, '2026-12-01')).toBe(a);
    expect(passes.computed).toBe(1);
    expect(a.screenings).toBe(3);
    // Another day or selection is another pass.
    await passes.report({ fundId: '15' }, '2026-11-30');
    await passes.report({ fundId: '15', from: '2024-01-01' }, '2026-12-01');
    expect(passes.computed).toBe(3);

    await screen(3, '2024-02-01');
    const after = await passes.report({ fundId: '15' }, '2026-12-01');
    expect(passes.computed).toBe(4);
    expect(after.screenings).toBe(4);

    // An older citizen erased: fewer rows, the same highest insertion number.
    await repository.eraseCitizen(toKey(CPRS[0]), ctx);
    const erased = await passes.report({ fundId: '15' }, '2026-12-01');
    expect(passes.computed).toBe(5);
    expect(erased.screenings).toBe(3);
  });

  it('run one pass at a time, and do not keep a failed one', async () => {
    let running = 0;
    let most = 0;
    let failNext = true;
    const watched: Repository = {
      ...repository,
      monitoring: {
        stamp: () => repository.monitoring.stamp(),
        scan: async (selection, visit, options) => {
          running++;
          most = Math.max(most, running);
          try {
            await new Promise((r) => setTimeout(r, 20));
            if (failNext) {
              failNext = false;
              throw new Error('disk on fire');
            }
            return await repository.monitoring.scan(selection, visit, options);
          } finally {
            running--;
          }
        },
      },
    };
    const passes = monitoringPasses(watched, models);
    const results = await Promise.allSettled(
      ['2026-12-01', '2026-11-01', '2026-10-01', '2026-09-01'].map((day) => passes.report({ fundId: null }, day)),
    );
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const again = await passes.report({ fundId: null }, '2026-12-01');
    expect(again.screenings).toBe(3);
    expect(passes.computed).toBe(5);
  });
});

describe('GET /v1/monitoring', () => {
  it('answers repeated requests from one pass and audits each', async () => {
    const app = await buildApp(testConfig({ MONITORING_REFRESH_SECONDS: '0' }));
    await app.ready();
    try {
      for (let i = 0; i < 2; i++) {
        const res = await app.inject({ method: 'GET', url: '/v1/monitoring?asOf=2026-12-01', headers: auth(KEYS.monitor) });
        expect(res.statusCode, res.body).toBe(200);
      }
      expect(app.monitoringPasses.computed).toBe(1);
      const audit = await app.repository.listAudit({ fundId: '15', action: 'monitoring.read', limit: 10 });
      expect(audit.entries).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});
