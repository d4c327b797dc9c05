import fp from 'fastify-plugin';
import { retentionJob } from '../retention/retentionJob.js';

/**
 * Runs the configured retention (RETENTION_*) on a timer from when the app is ready, as
 * `app.retention` (null when nothing is configured to be deleted). The job is stopped before the
 * database closes; a run in progress ends at its next batch.
 */
export const retentionPlugin = fp(
  async (app) => {
    const c = app.config.retention;
    const job =
      c === null
        ? null
        : retentionJob({
            repository: app.repository,
            policy: c.policy,
            intervalMs: c.intervalMs,
            firstDelayMs: c.firstDelayMs,
            log: app.log,
          });
    app.decorate('retention', job);
    if (job === null) return;
    app.addHook('onReady', async () => job.start());
    app.addHook('preClose', async () => job.stop());
  },
  { name: 'retention', dependencies: ['config', 'database'] },
);
