import fp from 'fastify-plugin';
import { monitoringGauges } from '../monitoring/monitoringGauges.js';
import { monitoringJob } from '../monitoring/monitoringJob.js';
import { monitoringPasses } from '../monitoring/monitoringPasses.js';

/**
 * The shared monitoring passes (`app.monitoringPasses`, for GET /v1/monitoring and the gauges) and the
 * monitoring gauges on the metrics registry, refreshed every MONITORING_REFRESH_SECONDS from when the
 * app is ready (`app.monitoring`, null when the refresh is off); stopped before the database closes.
 */
export const monitoringPlugin = fp(
  async (app) => {
    const passes = monitoringPasses(app.repository, app.models);
    app.decorate('monitoringPasses', passes);
    const c = app.config.monitoring;
    if (c === undefined || c.refreshMs === 0) {
      app.decorate('monitoring', null);
      return;
    }
    const job = monitoringJob({
      repository: app.repository,
      models: app.models,
      gauges: monitoringGauges(app.metricsRegistry),
      intervalMs: c.refreshMs,
      firstDelayMs: c.firstDelayMs,
      log: app.log,
      passes,
    });
    app.decorate('monitoring', job);
    app.addHook('onReady', async () => job.start());
    app.addHook('preClose', async () => job.stop());
  },
  { name: 'monitoring', dependencies: ['config', 'database', 'metrics', 'models'] },
);
