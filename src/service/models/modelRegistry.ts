/**
 * Every model artifact in the model folder, loaded at start. Keeping old versions loaded is what lets a
 * screening made by an older model be explained with that model after a newer one is activated.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { createScorer, type Scorer } from '../../model/scorer.js';
import { unsuppliedColumns } from '../../screening/member/modelInput.js';

/** A model ready to score. */
export interface LoadedModel {
  readonly version: string;
  readonly artifact: ModelArtifact;
  readonly scorer: Scorer;
  /** The artifact file it was read from. */
  readonly file: string;
}

/** The loaded models and which one new screenings use. */
export interface ModelRegistry {
  readonly active: LoadedModel;
  /** The model of a version, or undefined when it is not loaded. */
  get(version: string): LoadedModel | undefined;
  /** All loaded models, newest first by creation time. */
  list(): LoadedModel[];
}

/** Raised when the model folder cannot be served; the message names the file or version. */
export class ModelRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelRegistryError';
  }
}

/**
 * Loads every `*.json` artifact in `dir` (each must pass its checksum and schema: a broken file stops
 * the start rather than silently leaving old results unexplainable), and checks that the active model
 * exists and that the API supplies every input column it needs.
 */
export async function loadModelRegistry(dir: string, activeVersion: string): Promise<ModelRegistry> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new ModelRegistryError(`MODEL_DIR ${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const byVersion = new Map<string, LoadedModel>();
  for (const name of names) {
    const file = join(dir, name);
    let artifact: ModelArtifact;
    try {
      artifact = await readArtifact(file);
    } catch (err) {
      throw new ModelRegistryError(`model file ${(err as Error).message}`);
    }
    const other = byVersion.get(artifact.version);
    if (other) throw new ModelRegistryError(`model version ${artifact.version} is in two files: ${other.file} and ${file}`);
    byVersion.set(artifact.version, Object.freeze({ version: artifact.version, artifact, scorer: createScorer(artifact), file }));
  }
  const active = byVersion.get(activeVersion);
  if (!active) {
    const known = [...byVersion.keys()];
    throw new ModelRegistryError(
      `ACTIVE_MODEL_VERSION ${activeVersion}: no such model in ${dir} (found: ${known.length ? known.join(', ') : 'none'})`,
    );
  }
  const missing = unsuppliedColumns(active.scorer.encoder.columns);
  if (missing.length > 0) {
    throw new ModelRegistryError(
      `model ${activeVersion} needs input columns the API does not supply: ${missing.join(', ')} (see src/screening/member/modelInput.ts)`,
    );
  }
  const list = [...byVersion.values()].sort(
    (a, b) => b.artifact.createdAt.localeCompare(a.artifact.createdAt) || a.version.localeCompare(b.version),
  );
  return {
    active,
    get: (version) => byVersion.get(version),
    list: () => [...list],
  };
}
