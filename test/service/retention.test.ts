/**
 * The service's retention job: with RETENTION_* set it runs on its own timer once the app is ready,
 * records its run in the audit log, keeps going after a failed run without taking the process down,
 * and stops when the app closes. The repository runs on a fixed clock; the timer's interval is short.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/service/app.js';
import type { ServiceConfig } from '../../src/service/config.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import { testClock } from '../storage/repositoryContract.js';
import { databaseKinds, logCapture, testConfig } from './helpers.js';

/** A configuration whose retention deletes audit entries older than a year, every `intervalMs`. */
function retentionConfig(kind: 'sqlite' | 'postgres', schema: string, intervalMs: number): ServiceConfig {
  const env: Record<string, string> = kind === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } : {};
  const base = testConfig({ ...env, RETENTION_AUDIT_YEARS: '1', LOG_LEVEL: 'info' });
  return { ...base, retention: { ...base.retention!, intervalMs, firstDelayMs: intervalMs } };
}

async function retentionEntries(repo: Repository) {
  return (await repo.listAudit({ fundId: null, action: 'retention.run' })).entries;
}

describe.each(databaseKinds())('the retention job on %s', (kind) => {
  it('runs by itself on its timer once the app is ready, records the run, and stops with the app', async () => {
    const schema = randomSchemaName();
    const config = retentionConfig(kind, schema, 20);
    const clock = testClock('2024-03-01T00:00:00.000Z');
    const repository = await openRepository(config.database, { now: clock.now });
    const log = logCapture();
    try {
      await repository.appendAudit({ fundId: null, clientId: 'old', action: 'model.read', outcome: 'success' });
      clock.set('2026-01-10T12:00:00.000Z');
      const app = await buildApp(config, { repository, logDestination: log.stream });
      expect(app.retention).not.toBeNull();
      await app.ready();
      await vi.waitFor(async () => expect((await retentionEntries(repository)).length).toBeGreaterThan(0), { timeout: 10_000 });
      await app.close();
      const [first] = (await retentionEntries(repository)).slice(-1);
      expect(first).toMatchObject({ clientId: 'retention', outcome: 'success' });
      expect(first.detail).toMatch(
        /^run=\d+ screenings=0 assessments=0 audit_entries=1 screening_cutoff=none audit_cutoff=2025-01-10T12:00:00.000Z$/,
      );
      expect((await repository.listAudit({ fundId: null, action: 'model.read' })).entries).toEqual([]);
      expect(log.text()).toMatch(/"msg":"retention run finished"/);

      // Stopped with the app: no run starts after close.
      const runs = (await retentionEntries(repository)).length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await retentionEntries(repository)).length).toBe(runs);
    } finally {
      await repository.close();
      if (kind === 'postgres') await dropSchema(schema);
    }
  });

  it('logs a failed run, keeps the service answering and tries again at the next interval', async () => {
    const schema = randomSchemaName();
    const config = retentionConfig(kind, schema, 10);
    const repository = await openRepository(config.database);
    let calls = 0;
    const failing: Repository = {
      ...repository,
      async applyRetention() {
        calls++;
        throw new Error('disk on fire');
      },
    };
    const log = logCapture();
    try {
      const app = await buildApp(config, { repository: failing, logDestination: log.stream });
      await app.ready();
      await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      expect(await app.retention!.runOnce()).toBeNull();
      await app.close();
      expect(log.text()).toMatch(/"msg":"retention run failed; it is tried again at the next interval"/);
      expect(log.text()).toMatch(/disk on fire/);
    } finally {
      await repository.close();
      if (kind === 'postgres') await dropSchema(schema);
    }
  });

  it('is absent when nothing is configured to be deleted', async () => {
    const app = await buildApp(testConfig(), {});
    expect(app.retention).toBeNull();
    await app.close();
  });
});
