import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';

/** One model version as the version history lists it. */
export interface VersionEntry {
  version: string;
  current: boolean;
  trained_at: string;
  simulated_data: boolean;
  training_rows: number;
  training_period: { from: string; to: string } | null;
  cutoff: number;
  validation_auc: number | null;
  validation_kind: string | null;
  package_version: string;
  checksum: string;
  description: string;
}

/**
 * The version history: the card's model and the earlier artifacts given with --previous, oldest first
 * (by training time), each version once. The artifact records only itself, so earlier versions must be
 * supplied; a previous artifact with the current model's version but another checksum is an error,
 * since two different models must not share a version (screenings record the version).
 */
export function versionHistory(current: ModelArtifact, previous: readonly ModelArtifact[]): VersionEntry[] {
  const byVersion = new Map<string, ModelArtifact>([[current.version, current]]);
  for (const a of previous) {
    const seen = byVersion.get(a.version);
    if (seen && seen.checksum.value !== a.checksum.value)
      throw new RangeError(
        `two different artifacts have version "${a.version}" (checksums ${seen.checksum.value.slice(0, 12)}… and ${a.checksum.value.slice(0, 12)}…)`,
      );
    if (!seen) byVersion.set(a.version, a);
  }
  return [...byVersion.values()]
    .sort((a, b) => a.training.trainedAt.localeCompare(b.training.trainedAt) || a.version.localeCompare(b.version))
    .map((a) => ({
      version: a.version,
      current: a === current,
      trained_at: a.training.trainedAt,
      simulated_data: a.simulatedData,
      training_rows: a.training.rows,
      training_period: a.training.dateRange,
      cutoff: a.cutoff.probability,
      validation_auc: a.validation?.auc ?? null,
      validation_kind: a.validation?.kind ?? null,
      package_version: a.training.packageVersion,
      checksum: a.checksum.value,
      description: a.description,
    }));
}
