/**
 * Refreshes the monitoring gauges on a timer: one pass over every fund's periods (the gauges are the
 * operator's, served to the admin role at /metrics), as of the day of the run. As the retention job,
 * the timer is unref'd and the next run is scheduled only when the last one finished, so runs never
 * overlap (src/service/periodicJob.ts); a failing run is logged and the gauges keep their last values.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MonitoringReport } from '../../monitoring/monitor.js';
import type { Repository } from '../../storage/repository.js';
import type { ModelRegistry } from '../models/modelRegistry.js';
import { liveMonitoring } from './liveMonitoring.js';
import type { MonitoringGauges } from './monitoringGauges.js';
import type { MonitoringPasses } from './monitoringPasses.js';
import { periodicJob } from '../periodicJob.js';

/** The client id of the refresh's audit entries. */
export const MONITORING_JOB_CLIENT = 'monitoring-job';

/** What the job needs. */
export interface MonitoringJobOptions {
  repository: Repository;
  models: ModelRegistry;
  gauges: MonitoringGauges;
  intervalMs: number;
  /** From `start()` to the first run; default a minute, or the interval if shorter (as retention). */
  firstDelayMs?: number;
  log: FastifyBaseLogger;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** The service's shared passes, so a request for the same figures reuses the refresh's; default a pass of its own each run. */
  passes?: MonitoringPasses;
}

/** A monitoring timer. */
export interface MonitoringJob {
  start(): void;
  /** Refreshes now, or joins the refresh in progress; null when it failed (logged). */
  runOnce(): Promise<MonitoringReport | null>;
  stop(): Promise<void>;
}

/** Makes the job; nothing runs until `start()` or `runOnce()`. */
export function monitoringJob(o: MonitoringJobOptions): MonitoringJob {
  const now = o.now ?? (() => new Date());

  async function runIt(): Promise<MonitoringReport | null> {
    try {
      const asOf = now().toISOString().slice(0, 10);
      const report = o.passes
        ? await o.passes.report({ fundId: null }, asOf)
        : await liveMonitoring(o.repository, o.models, { fundId: null }, asOf);
      // The pass opens every period's sealed input: audited as one aggregate read, by the service itself.
      await o.repository.appendAudit({
        clientId: MONITORING_JOB_CLIENT,
        fundId: null,
        action: 'monitoring.read',
        outcome: 'success',
        detail: `gauges refreshed: ${report.screenings} periods, all funds`,
      });
      o.gauges.update(report, o.log);
      o.log.debug({ periods: report.screenings }, 'monitoring gauges refreshed');
      return report;
    } catch (err) {
      o.log.error({ err }, 'monitoring refresh failed; the gauges keep their last values until the next interval');
      return null;
    }
  }

  return periodicJob(runIt, o);
}
