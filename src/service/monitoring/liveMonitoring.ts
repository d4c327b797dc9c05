/**
 * One monitoring pass of the service: the stored periods of a selection streamed from the repository
 * into the monitoring accumulator, with the loaded models' artifacts for drift and groupings.
 */
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { monitoringAccumulator, type MonitoringReport } from '../../monitoring/monitor.js';
import type { MonitoringSelection } from '../../monitoring/monitoringRow.js';
import type { Repository } from '../../storage/repository.js';
import type { ModelRegistry } from '../models/modelRegistry.js';

/** Computes the monitoring report of `selection` as of `asOf` (YYYY-MM-DD). */
export async function liveMonitoring(
  repository: Repository,
  models: ModelRegistry,
  selection: MonitoringSelection,
  asOf: string,
): Promise<MonitoringReport> {
  const artifacts = new Map<string, ModelArtifact>(models.list().map((m) => [m.version, m.artifact]));
  const acc = monitoringAccumulator({ asOf, artifacts });
  await repository.monitoring.scan(selection, (page) => {
    for (const row of page) acc.add(row);
  });
  return acc.finish(selection);
}
