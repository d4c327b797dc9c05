/**
 * The model life cycle's storage, written once for both databases (migration 9): published artifacts
 * (immutable rows), the append-only log of activations, rollbacks and shadow changes, and the cheap
 * change marker every instance polls. Each event and publication writes its audit entry in the same
 * transaction. Storage keeps the artifact as text and does not interpret it: the service verifies the
 * checksum and schema before it publishes and again before it serves a row read back.
 */
import { z } from 'zod';
import { rows, run, type Dialect, type Work } from './dialect.js';
import { StorageError } from './errors.js';
import { assertNoCpr } from './personalDataGuard.js';
import { parseRow, validate } from './prepare.js';
import { clientIdSchema, type AuditEntry, type NewAuditEntry } from './records.js';
import type { Row } from './rowMapping.js';

const versionSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\s]+$/u, 'must not contain spaces or control characters');

/** Zod schema of an artifact to publish: its version, checksum, canonical JSON text and simulated-data flag. */
export const newPublishedModelSchema = z
  .object({
    version: versionSchema,
    checksum: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 as 64 lowercase hex digits'),
    artifact: z.string().min(2),
    simulated: z.boolean(),
  })
  .strict();

/** An artifact to publish. */
export type NewPublishedModel = z.input<typeof newPublishedModelSchema>;

/** A published artifact as stored. */
export interface PublishedModel {
  version: string;
  checksum: string;
  /** The artifact's canonical JSON text, exactly as published. */
  artifact: string;
  simulated: boolean;
  publishedAt: string;
  publishedBy: string;
}

/** What a model event does; the role it changes follows from it. */
export const MODEL_EVENT_ACTIONS = ['activate', 'rollback', 'shadow_start', 'shadow_stop'] as const;
/** A model event's action. */
export type ModelEventAction = (typeof MODEL_EVENT_ACTIONS)[number];

/** Zod schema of a model event to append: `modelVersion` is null exactly for `shadow_stop`. */
export const newModelEventSchema = z
  .object({
    action: z.enum(MODEL_EVENT_ACTIONS),
    modelVersion: versionSchema.nullable(),
    reason: z
      .string()
      .trim()
      .min(1, 'a reason is required')
      .max(2000)
      .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  })
  .strict()
  .refine((e) => (e.modelVersion === null) === (e.action === 'shadow_stop'), {
    message: 'a version is given for every action but shadow_stop',
    path: ['modelVersion'],
  });

/** A model event to append. */
export type NewModelEvent = z.input<typeof newModelEventSchema>;

const modelEventSchema = z.object({
  id: z.string().regex(/^\d+$/),
  at: z.string(),
  role: z.enum(['active', 'shadow']),
  action: z.enum(MODEL_EVENT_ACTIONS),
  modelVersion: z.string().nullable(),
  clientId: z.string(),
  reason: z.string(),
});

/** A stored model event; `id` is its decimal sequence number. */
export type ModelEvent = z.infer<typeof modelEventSchema>;

/**
 * The life-cycle state as the latest events give it: the active and shadow events (null when none was
 * ever recorded, or for shadow after a `shadow_stop`), and the change marker it was read at.
 */
export interface ModelState {
  marker: string;
  active: ModelEvent | null;
  shadow: ModelEvent | null;
}

/** Who changes the models, for the event and the audit entry. */
export interface ModelActor {
  clientId: string;
  fundId: string | null;
  requestId?: string | null;
}

/** A version is already published with another checksum: published artifacts never change. */
export class ModelVersionConflictError extends StorageError {
  readonly version: string;

  constructor(version: string) {
    super(`model version ${version} is already published with a different checksum; publish a changed model under a new version`);
    this.version = version;
  }
}

/** An event names a version that is not published (and no artifact came with it). */
export class ModelNotPublishedError extends StorageError {
  readonly version: string;

  constructor(version: string) {
    super(`model version ${version} is not published`);
    this.version = version;
  }
}

/** The life-cycle operations of the repository (`repository.models`). */
export interface ModelStore {
  /**
   * Stores an artifact and its `model.publish` audit entry in one transaction. The same version with
   * the same checksum again is an idempotent replay (`replayed: true`, nothing stored but the audit
   * entry); with another checksum it throws ModelVersionConflictError (and audits the conflict).
   */
  publish(model: NewPublishedModel, actor: ModelActor): Promise<{ model: PublishedModel; replayed: boolean }>;
  /** Every published artifact, oldest first; `except` leaves out versions the caller already holds. */
  listPublished(except?: readonly string[]): Promise<PublishedModel[]>;
  /**
   * Appends an event (activate, rollback, shadow start or stop) with its audit entry in one transaction.
   * `publish` also stores the artifact first when its version is not published yet (a model from
   * MODEL_DIR becoming active or shadow), so every instance can load it; throws ModelNotPublishedError
   * for an unpublished version without one, ModelVersionConflictError when the checksums differ.
   */
  recordEvent(event: NewModelEvent, actor: ModelActor, publish?: NewPublishedModel): Promise<ModelEvent>;
  /** The latest active and shadow events. */
  state(): Promise<ModelState>;
  /** A short text that changes whenever an event is appended or a model published: one cheap query, for polling. */
  marker(): Promise<string>;
  /** The active role's events, newest first (for a rollback and the history). */
  activeHistory(limit: number): Promise<ModelEvent[]>;
}

const ROLE_OF: Record<ModelEventAction, 'active' | 'shadow'> = {
  activate: 'active',
  rollback: 'active',
  shadow_start: 'shadow',
  shadow_stop: 'shadow',
};

const AUDIT_ACTION_OF = {
  activate: 'model.activate',
  rollback: 'model.rollback',
  shadow_start: 'model.shadow_start',
  shadow_stop: 'model.shadow_stop',
} as const;

const MARKER_SQL = 'SELECT (SELECT max(id) FROM model_events) AS e, (SELECT count(*) FROM models) AS m';

/** The model store over a dialect; `audit` writes an audit entry inside the current transaction. */
export function modelStoreOver(
  d: Dialect,
  audit: (entry: NewAuditEntry) => Work<AuditEntry>,
  now: () => Date,
  live: () => void,
): ModelStore {
  const modelOf = (r: Row): PublishedModel =>
    parseRow(
      z.object({
        version: z.string(),
        checksum: z.string(),
        artifact: z.string(),
        simulated: z.boolean(),
        publishedAt: z.string(),
        publishedBy: z.string(),
      }),
      {
        version: r.version,
        checksum: r.checksum,
        artifact: r.artifact,
        simulated: Boolean(d.columns.bool(r.simulated)),
        publishedAt: d.columns.time(r.published_at),
        publishedBy: r.published_by,
      },
      'models',
    );
  const eventOf = (r: Row): ModelEvent =>
    parseRow(
      modelEventSchema,
      {
        id: String(r.id),
        at: d.columns.time(r.at),
        role: r.role,
        action: r.action,
        modelVersion: r.model_version ?? null,
        clientId: r.client_id,
        reason: r.reason,
      },
      'model_events',
    );
  const actorOf = (a: ModelActor) => {
    const clientId = validate(clientIdSchema, a.clientId, 'client id');
    assertNoCpr({ clientId, requestId: a.requestId });
    return { clientId, fundId: a.fundId, requestId: a.requestId ?? null };
  };

  /** Inserts the artifact unless its version is there; returns the stored row and whether it was new. */
  function* insertModel(m: z.output<typeof newPublishedModelSchema>, by: string): Work<{ row: PublishedModel; inserted: boolean }> {
    const inserted = yield* run(
      `INSERT INTO models (version, checksum, artifact, simulated, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (version) DO NOTHING`,
      [m.version, m.checksum, m.artifact, m.simulated ? 1 : 0, now().toISOString(), by],
    );
    const [row] = yield* rows('SELECT * FROM models WHERE version = ?', [m.version]);
    return { row: modelOf(row), inserted: inserted === 1 };
  }

  function* latest(role: 'active' | 'shadow'): Work<ModelEvent | null> {
    const [row] = yield* rows('SELECT * FROM model_events WHERE role = ? ORDER BY id DESC LIMIT 1', [role]);
    return row ? eventOf(row) : null;
  }

  function* markerNow(): Work<string> {
    const [r] = yield* rows(MARKER_SQL);
    return `${r.e === null ? '0' : String(r.e)}:${String(r.m)}`;
  }

  return {
    async publish(model, actor) {
      live();
      const m = validate(newPublishedModelSchema, model, 'model');
      const who = actorOf(actor);
      assertNoCpr({ version: m.version });
      const r = await d.transaction('write', function* () {
        const { row, inserted } = yield* insertModel(m, who.clientId);
        const same = row.checksum === m.checksum;
        yield* audit({
          ...who,
          action: 'model.publish',
          outcome: same ? 'success' : 'conflict',
          detail: `version=${m.version} checksum=${groupedHex(m.checksum)} simulated=${m.simulated}${inserted ? '' : same ? ' (replay)' : ' (version taken)'}`,
        });
        return same ? { model: row, replayed: !inserted } : ('conflict' as const);
      });
      if (r === 'conflict') throw new ModelVersionConflictError(m.version);
      return r;
    },

    async listPublished(except = []) {
      live();
      const skip = new Set(except);
      // The versions first: an instance polling after each change then reads only the artifacts it lacks.
      return d.transaction('read', function* () {
        const wanted = (yield* rows('SELECT version FROM models ORDER BY published_at, version'))
          .map((r) => String(r.version))
          .filter((v) => !skip.has(v));
        const found: PublishedModel[] = [];
        for (const v of wanted) {
          const [row] = yield* rows('SELECT * FROM models WHERE version = ?', [v]);
          found.push(modelOf(row));
        }
        return found;
      });
    },

    async recordEvent(event, actor, publish) {
      live();
      const e = validate(newModelEventSchema, event, 'model event');
      const who = actorOf(actor);
      assertNoCpr({ reason: e.reason, modelVersion: e.modelVersion });
      const p = publish === undefined ? undefined : validate(newPublishedModelSchema, publish, 'model');
      if (p !== undefined && p.version !== e.modelVersion) throw new Error('the artifact published with an event must be of its version');
      const r = await d.transaction('write', function* () {
        if (e.modelVersion !== null) {
          if (p !== undefined) {
            const { row } = yield* insertModel(p, who.clientId);
            if (row.checksum !== p.checksum) return 'conflict' as const;
          } else {
            const [hit] = yield* rows('SELECT 1 AS hit FROM models WHERE version = ?', [e.modelVersion]);
            if (!hit) return 'unpublished' as const;
          }
        }
        const [row] = yield* rows(
          'INSERT INTO model_events (at, role, action, model_version, client_id, reason) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
          [now().toISOString(), ROLE_OF[e.action], e.action, e.modelVersion, who.clientId, e.reason],
        );
        const stored = eventOf(row);
        const detail = `event=${stored.id} version=${e.modelVersion ?? '-'} reason=${e.reason}`;
        yield* audit({ ...who, action: AUDIT_ACTION_OF[e.action], outcome: 'success', detail: detail.slice(0, 500) });
        return stored;
      });
      if (r === 'conflict') throw new ModelVersionConflictError(e.modelVersion!);
      if (r === 'unpublished') throw new ModelNotPublishedError(e.modelVersion!);
      return r;
    },

    async state() {
      live();
      return d.transaction('read', function* () {
        const marker = yield* markerNow();
        const active = yield* latest('active');
        const shadow = yield* latest('shadow');
        return { marker, active, shadow: shadow?.action === 'shadow_stop' ? null : shadow };
      });
    },

    async marker() {
      live();
      return d.autocommit(() => markerNow());
    },

    async activeHistory(limit) {
      live();
      const n = Math.max(1, Math.min(1000, Math.trunc(limit)));
      const found = await d.autocommit(() => rows("SELECT * FROM model_events WHERE role = 'active' ORDER BY id DESC LIMIT ?", [n]));
      return found.map(eventOf);
    },
  };
}

/**
 * A checksum in groups of four (`ab07:0761:…`) for an audit detail. About one SHA-256 in a hundred has
 * ten digits in a row that read as a CPR number, which the guard on stored text refuses, and refused
 * such an artifact for good; no run of digits crosses a colon, and the checksum is still all there.
 */
function groupedHex(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1:');
}
