/**
 * The models this instance can score with: every artifact in the model folder, loaded at start, and
 * every artifact published to the database, added as the instance learns of it (modelSync.ts). Keeping
 * every version loaded is what lets a screening made by an older model be explained with that model
 * after a newer one is activated. Which one is active (and which one, if any, scores in the shadow)
 * can change while the service runs; a request reads `active` once and uses that model throughout.
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
  /** The artifact file it was read from; null for a model published to the database. */
  readonly file: string | null;
}

/** The loaded models and which ones new screenings use. */
export interface ModelRegistry {
  /** The model new screenings and scores use. */
  readonly active: LoadedModel;
  /** The candidate that scores every new screening beside the active one, never shown; null when none. */
  readonly shadow: LoadedModel | null;
  /** The model of a version, or undefined when it is not loaded. */
  get(version: string): LoadedModel | undefined;
  /** All loaded models, newest first by creation time. */
  list(): LoadedModel[];
}

/** A registry whose models and roles the life-cycle sync changes while the service runs. */
export interface ModelCatalog extends ModelRegistry {
  /** Adds a model (a published one, read from the database); refuses a second artifact of a loaded version. */
  add(model: LoadedModel): void;
  /** Makes `active` (and `shadow`) the serving models; both must be loaded. */
  assign(active: string, shadow: string | null): void;
}

/** Raised when the model folder cannot be served; the message names the file or version. */
export class ModelRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelRegistryError';
  }
}

/** Where a model is about to be served, for {@link servingProblem}. */
export interface ServingRules {
  /** NODE_ENV=production. */
  production: boolean;
  /** ALLOW_SIMULATED_MODEL=true: a model trained on simulated data may be active in production. */
  allowSimulated: boolean;
}

/**
 * Why a model may not be the active one here, or null when it may: it needs an input column the API
 * does not supply, or it was trained on simulated data and this is production without
 * ALLOW_SIMULATED_MODEL. A shadow model is held to the first rule only: its scores are never shown.
 */
export function servingProblem(model: LoadedModel, role: 'active' | 'shadow', rules: ServingRules): string | null {
  const missing = unsuppliedColumns(model.scorer.encoder.columns);
  if (missing.length > 0) {
    return `model ${model.version} needs input columns the API does not supply: ${missing.join(', ')} (see src/screening/member/modelInput.ts)`;
  }
  if (role === 'active' && model.artifact.simulatedData && rules.production && !rules.allowSimulated) {
    return `model ${model.version} was trained on simulated data and NODE_ENV is production: refused (set ALLOW_SIMULATED_MODEL=true to allow it, for demonstration only)`;
  }
  return null;
}

/** A model ready to score from a validated artifact. */
export function loadedModel(artifact: ModelArtifact, file: string | null): LoadedModel {
  return Object.freeze({ version: artifact.version, artifact, scorer: createScorer(artifact), file });
}

/**
 * Loads every `*.json` artifact in `dir` (each must pass its checksum and schema: a broken file stops
 * the start rather than silently leaving old results unexplainable), and checks that the active model
 * exists and that the API supplies every input column it needs.
 */
export async function loadModelRegistry(dir: string, activeVersion: string): Promise<ModelCatalog> {
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
    byVersion.set(artifact.version, loadedModel(artifact, file));
  }
  const active = byVersion.get(activeVersion);
  if (!active) {
    const known = [...byVersion.keys()];
    throw new ModelRegistryError(
      `ACTIVE_MODEL_VERSION ${activeVersion}: no such model in ${dir} (found: ${known.length ? known.join(', ') : 'none'})`,
    );
  }
  const problem = servingProblem(active, 'shadow', { production: false, allowSimulated: true });
  if (problem !== null) throw new ModelRegistryError(problem);
  return catalogOf(byVersion, active);
}

function catalogOf(byVersion: Map<string, LoadedModel>, initial: LoadedModel): ModelCatalog {
  let active = initial;
  let shadow: LoadedModel | null = null;
  let list: LoadedModel[] = [];
  const sort = () => {
    list = [...byVersion.values()].sort(
      (a, b) => b.artifact.createdAt.localeCompare(a.artifact.createdAt) || a.version.localeCompare(b.version),
    );
  };
  sort();
  const need = (version: string) => {
    const m = byVersion.get(version);
    if (!m) throw new ModelRegistryError(`model ${version} is not loaded`);
    return m;
  };
  return {
    get active() {
      return active;
    },
    get shadow() {
      return shadow;
    },
    get: (version) => byVersion.get(version),
    list: () => [...list],
    add(model) {
      const other = byVersion.get(model.version);
      if (other) {
        if (other.artifact.checksum.value === model.artifact.checksum.value) return;
        throw new ModelRegistryError(
          `model version ${model.version} is loaded already with another checksum (${other.file ?? 'published'})`,
        );
      }
      byVersion.set(model.version, model);
      sort();
    },
    assign(activeVersion, shadowVersion) {
      const a = need(activeVersion);
      const s = shadowVersion === null ? null : need(shadowVersion);
      active = a;
      shadow = s;
    },
  };
}
