/**
 * Keeps an instance's models in step with the database: every instance polls the life-cycle change
 * marker (one cheap query), and when it moves, loads artifacts published since and switches to the
 * active and shadow versions the latest events name, without a restart. Polling rather than
 * PostgreSQL's LISTEN/NOTIFY: it works the same on SQLite, survives a lost connection without a
 * re-subscription, and a poll every second keeps every instance within the 5 s the service promises.
 * A switch the instance cannot make (the model does not validate, needs an input the API does not
 * supply, or is simulated in production) is refused: the old model keeps serving and an error is logged.
 */
import type { FastifyBaseLogger } from 'fastify';
import { parseArtifact } from '../../model/artifact/artifactFile.js';
import type { ModelState, ModelStore, PublishedModel } from '../../storage/repository.js';
import { loadedModel, servingProblem, type ModelCatalog, type ServingRules } from './modelRegistry.js';

/** What a sync reports after it changed the serving models. */
export interface ModelSwitch {
  active: string;
  shadow: string | null;
}

/** The sync of one instance. */
export interface ModelSync {
  /** Reads the database once and applies what changed; resolves when done (errors are logged, not thrown, unless `strict`). */
  refresh(options?: { strict?: boolean }): Promise<void>;
  /** Starts polling every `pollMs`. */
  start(): void;
  /** Stops polling and waits for a poll under way. */
  stop(): Promise<void>;
}

/** A published row that cannot be served: the artifact does not validate or does not match its row. */
export function publishedModelProblem(row: PublishedModel): string | null {
  try {
    const artifact = parseArtifact(JSON.parse(row.artifact), `published model ${row.version}`);
    if (artifact.version !== row.version) return `published model ${row.version}: the artifact is of version ${artifact.version}`;
    if (artifact.checksum.value !== row.checksum) return `published model ${row.version}: the artifact's checksum differs from its row's`;
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Options of {@link createModelSync}. */
export interface ModelSyncOptions {
  catalog: ModelCatalog;
  store: ModelStore;
  /** The active version while the database has no activation (ACTIVE_MODEL_VERSION). */
  fallbackActive: string;
  rules: ServingRules;
  log: FastifyBaseLogger;
  pollMs: number;
  /** Called after the serving models changed (and once after the first refresh). */
  onSwitch(s: ModelSwitch): void;
  /** Called when a switch the database asks for is refused. */
  onRefused(role: 'active' | 'shadow', version: string, reason: string): void;
}

/** Error raised by a strict refresh (at start) when the database names a model this instance may not serve. */
export class ModelSwitchRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelSwitchRefusedError';
  }
}

/** Creates the sync; call `refresh({ strict: true })` once at start, then `start()`. */
export function createModelSync(o: ModelSyncOptions): ModelSync {
  let marker: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let first = true;
  let failing = false;
  // Published versions whose artifact was refused; not read again (published rows never change).
  const broken = new Set<string>();

  async function loadPublished(): Promise<void> {
    const known = o.catalog.list().map((m) => m.version);
    const rows = await o.store.listPublished([...known, ...broken]);
    for (const row of rows) {
      const problem = publishedModelProblem(row);
      if (problem !== null) {
        broken.add(row.version);
        o.log.error({ modelVersion: row.version }, `published model refused: ${problem}`);
        continue;
      }
      o.catalog.add(loadedModel(parseArtifact(JSON.parse(row.artifact)), null));
      o.log.info({ modelVersion: row.version, simulatedData: row.simulated }, `published model ${row.version} loaded`);
    }
  }

  /** The version a role should have, or why not; `current` when the database's wish cannot be served. */
  function decide(role: 'active' | 'shadow', wanted: string | null, current: string | null, strict: boolean): string | null {
    if (wanted === null || wanted === current) return wanted;
    const m = o.catalog.get(wanted);
    const problem =
      m === undefined ? `model ${wanted} is not loaded here (not in MODEL_DIR, not published)` : servingProblem(m, role, o.rules);
    if (problem === null) return wanted;
    if (strict && role === 'active') throw new ModelSwitchRefusedError(`the database's active model cannot be served: ${problem}`);
    o.onRefused(role, wanted, problem);
    o.log.error({ role, modelVersion: wanted, keeps: current }, `model switch refused, still serving ${current ?? 'none'}: ${problem}`);
    return current;
  }

  async function apply(state: ModelState, strict: boolean): Promise<void> {
    await loadPublished();
    const active = decide('active', state.active?.modelVersion ?? o.fallbackActive, o.catalog.active.version, strict)!;
    const shadow = decide('shadow', state.shadow?.modelVersion ?? null, o.catalog.shadow?.version ?? null, strict);
    const changed = active !== o.catalog.active.version || shadow !== (o.catalog.shadow?.version ?? null);
    if (changed || first) {
      const before = { active: o.catalog.active.version, shadow: o.catalog.shadow?.version ?? null };
      o.catalog.assign(active, shadow);
      first = false;
      if (changed) o.log.info({ before, active, shadow }, `serving model ${active}${shadow ? `, shadow ${shadow}` : ''}`);
      o.onSwitch({ active, shadow });
    }
    marker = state.marker;
  }

  async function once(strict: boolean): Promise<void> {
    // A cheap look first: the full state is read only when something was appended or published.
    if (marker !== null && (await o.store.marker()) === marker) return;
    await apply(await o.store.state(), strict);
  }

  const refresh: ModelSync['refresh'] = async (options = {}) => {
    const strict = options.strict === true;
    // One refresh at a time; a caller arriving meanwhile runs its own afterwards, so it sees its own write.
    while (running) await running.catch(() => {});
    running = once(strict);
    try {
      await running;
      if (failing) o.log.info('the model life cycle is read from the database again');
      failing = false;
    } catch (err) {
      if (strict && err instanceof ModelSwitchRefusedError) throw err;
      // Once per outage, not once per poll: a database down for minutes would otherwise fill the log.
      if (!failing) o.log.warn({ err }, 'could not read the model life cycle from the database; serving the current models');
      failing = true;
    } finally {
      running = null;
    }
  };

  return {
    refresh,
    start() {
      if (timer) return;
      timer = setInterval(() => void refresh(), o.pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running.catch(() => {});
    },
  };
}
