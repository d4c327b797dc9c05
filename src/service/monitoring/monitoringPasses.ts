/**
 * The service's monitoring passes, shared: a pass over a million periods takes a minute or two of the
 * event loop, so requests for the same figures (selection, as-of day) on unchanged data (the
 * repository's monitoring stamp) and the same loaded models get one pass, whether it is still running
 * or done; and passes run one at a time, so a burst of different selections queues instead of
 * starving the screening requests. The gauges' refresh goes through the same passes, so an operator's
 * GET /v1/monitoring of all funds as of today usually finds its report made.
 */
import type { MonitoringReport } from '../../monitoring/monitor.js';
import type { MonitoringSelection } from '../../monitoring/monitoringRow.js';
import type { Repository } from '../../storage/repository.js';
import type { ModelRegistry } from '../models/modelRegistry.js';
import { liveMonitoring } from './liveMonitoring.js';

/** Reports kept: a few selections (the gauges', each fund's usual query), a few MB each at most. */
export const MONITORING_REPORTS_KEPT = 16;

/** Monitoring reports, computed at most once per selection, day, data and models. */
export interface MonitoringPasses {
  /** The report of `selection` as of `asOf` (YYYY-MM-DD): a kept one when nothing it reads changed since. */
  report(selection: MonitoringSelection, asOf: string): Promise<MonitoringReport>;
  /** How many passes were computed (not served from another request's): for tests and logs. */
  readonly computed: number;
}

/** Makes the shared passes over `repository` with the artifacts `models` holds at each request. */
export function monitoringPasses(repository: Repository, models: ModelRegistry): MonitoringPasses {
  const kept = new Map<string, Promise<MonitoringReport>>();
  let queue: Promise<unknown> = Promise.resolve();
  let computed = 0;
  return {
    get computed() {
      return computed;
    },
    async report(selection, asOf) {
      const stamp = await repository.monitoring.stamp();
      const modelKey = models
        .list()
        .map((m) => `${m.version}@${m.artifact.checksum.value}`)
        .join(',');
      const key = JSON.stringify([selection.fundId, selection.from ?? null, selection.to ?? null, asOf, stamp, modelKey]);
      const found = kept.get(key);
      if (found !== undefined) {
        // Most recently used last, so the oldest is the one dropped.
        kept.delete(key);
        kept.set(key, found);
        return found;
      }
      const pass = queue.then(() => {
        computed++;
        return liveMonitoring(repository, models, selection, asOf);
      });
      queue = pass.catch(() => undefined);
      kept.set(key, pass);
      // A failed pass is not kept: the next request tries again.
      pass.catch(() => kept.delete(key));
      while (kept.size > MONITORING_REPORTS_KEPT) kept.delete(kept.keys().next().value as string);
      return pass;
    },
  };
}
