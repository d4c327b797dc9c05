/**
 * The repository on SQLite (better-sqlite3), for a single service instance or a test. The driver is
 * synchronous; the methods are async only to share the interface with PostgreSQL. Write transactions
 * are BEGIN IMMEDIATE so two processes on one file queue on the write lock (busy_timeout) instead of
 * failing halfway through a read-then-write.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IdempotencyConflictError, ScreeningNotFoundError } from '../errors.js';
import {
  auditFieldsForErase,
  prepareAssessment,
  prepareAudit,
  prepareAuditQuery,
  prepareScreening,
  auditFieldsForRead,
  validate,
  withAssessments,
  type PreparedAudit,
} from '../prepare.js';
import {
  citizenKeySchema,
  type Assessment,
  type AuditEntry,
  type Screening,
  type ScreeningWithAssessments,
} from '../records.js';
import { assessmentFromRow, auditFromRow, screeningFromRow, UUID, type ColumnReader, type Row } from '../rowMapping.js';
import type { Repository, ScreeningExistence } from '../repository.js';
import { applySqliteMigrations } from './migrate.js';

/** Where and how to open the SQLite database. */
export interface SqliteRepositoryOptions {
  /** File path (created with its directory on first open), or `:memory:` for tests. */
  path: string;
  /** Milliseconds to wait for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** The clock, replaceable in tests. */
  now?: () => Date;
}

/** SQLite stores times as ISO text, JSON as text and booleans as 0/1. */
const columns: ColumnReader = {
  time: (v) => v,
  json: (v) => JSON.parse(String(v)),
  bool: (v) => v === 1,
};

/** Opens (creating and migrating if needed) a SQLite repository on a file, or in memory for `:memory:`. */
export async function openSqliteRepository(options: SqliteRepositoryOptions): Promise<Repository> {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  try {
    return await openSqliteRepositoryOnDatabase(db, options);
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

/**
 * The repository on an already open connection, which it then owns (`close` closes it). For tests
 * and tools that need the same connection, e.g. to inspect an in-memory database.
 */
export async function openSqliteRepositoryOnDatabase(
  db: Database.Database,
  options: Omit<SqliteRepositoryOptions, 'path'> = {},
): Promise<Repository> {
  const now = options.now ?? (() => new Date());
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('journal_mode = WAL');
  // FULL, not the WAL-usual NORMAL: a screening acknowledged to a client must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  applySqliteMigrations(db);

  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at, client_id, action, outcome, citizen_key, screening_id, request_id, detail)
     VALUES (@at, @clientId, @action, @outcome, @citizenKey, @screeningId, @requestId, @detail)
     RETURNING *`,
  );
  const appendAuditRow = (e: PreparedAudit): AuditEntry => auditFromRow(insertAudit.get(e) as Row, columns);

  const screeningByIdempotency = db.prepare('SELECT * FROM screenings WHERE client_id = ? AND idempotency_key = ?');
  const insertScreening = db.prepare(
    `INSERT INTO screenings (id, citizen_key, created_at, model_version, input, probability, linear_predictor,
       target_group, subgroup, job_centre_referral, factors, activities, details, caseworker_id, client_id,
       idempotency_key, request_fingerprint)
     VALUES (@id, @citizenKey, @createdAt, @modelVersion, @input, @probability, @linearPredictor,
       @targetGroup, @subgroup, @jobCentreReferral, @factors, @activities, @details, @caseworkerId, @clientId,
       @idempotencyKey, @fingerprint)`,
  );
  const screeningById = db.prepare('SELECT * FROM screenings WHERE id = ?');
  const latestByCitizen = db.prepare(
    'SELECT * FROM screenings WHERE citizen_key = ? ORDER BY created_at DESC, seq DESC LIMIT 1',
  );
  const allByCitizen = db.prepare('SELECT * FROM screenings WHERE citizen_key = ? ORDER BY created_at DESC, seq DESC');
  const assessmentsOf = db.prepare('SELECT * FROM assessments WHERE screening_id = ? ORDER BY created_at, seq');
  const assessmentByIdempotency = db.prepare('SELECT * FROM assessments WHERE client_id = ? AND idempotency_key = ?');
  const insertAssessment = db.prepare(
    `INSERT INTO assessments (id, screening_id, created_at, corrected_target_group, corrected_subgroup, comment,
       caseworker_id, client_id, idempotency_key, request_fingerprint)
     VALUES (@id, @screeningId, @createdAt, @correctedTargetGroup, @correctedSubgroup, @comment,
       @caseworkerId, @clientId, @idempotencyKey, @fingerprint)`,
  );
  const deleteAssessmentsOfCitizen = db.prepare(
    'DELETE FROM assessments WHERE screening_id IN (SELECT id FROM screenings WHERE citizen_key = ?)',
  );
  const deleteScreeningsOfCitizen = db.prepare('DELETE FROM screenings WHERE citizen_key = ?');

  const withHistory = (s: Screening): ScreeningWithAssessments =>
    withAssessments(s, (assessmentsOf.all(s.id) as Row[]).map((r) => assessmentFromRow(r, columns)));

  let closed = false;

  const createTx = db.transaction((p: ReturnType<typeof prepareScreening>) => {
    const { screening: s, meta } = p;
    const audit = (outcome: 'success' | 'conflict', screeningId: string | null, detail: string | null) =>
      appendAuditRow(
        prepareAudit(
          { clientId: meta.clientId, action: 'screening.create', outcome, citizenKey: s.citizenKey, screeningId, requestId: meta.requestId, detail },
          now(),
        ),
      );
    if (meta.idempotencyKey !== null) {
      const existing = screeningByIdempotency.get(meta.clientId, meta.idempotencyKey) as Row | undefined;
      if (existing) {
        if (existing.request_fingerprint !== meta.fingerprint) {
          audit('conflict', null, 'idempotency key reused for a different request');
          return { conflict: true as const };
        }
        const first = screeningFromRow(existing, columns);
        audit('success', first.id, 'idempotent replay');
        return { conflict: false as const, screening: first, replayed: true };
      }
    }
    insertScreening.run({
      ...s,
      input: JSON.stringify(s.input),
      factors: JSON.stringify(s.factors),
      activities: JSON.stringify(s.activities),
      details: JSON.stringify(s.details),
      jobCentreReferral: s.jobCentreReferral ? 1 : 0,
      idempotencyKey: meta.idempotencyKey,
      fingerprint: meta.fingerprint,
    });
    audit('success', s.id, null);
    return { conflict: false as const, screening: s, replayed: false };
  });

  const assessTx = db.transaction((p: ReturnType<typeof prepareAssessment>) => {
    const { assessment: a, meta } = p;
    const target = screeningById.get(a.screeningId) as Row | undefined;
    const citizenKey = target ? String(target.citizen_key) : null;
    const audit = (outcome: 'success' | 'conflict' | 'not_found', detail: string | null) =>
      appendAuditRow(
        prepareAudit(
          { clientId: meta.clientId, action: 'assessment.create', outcome, citizenKey, screeningId: a.screeningId, requestId: meta.requestId, detail },
          now(),
        ),
      );
    if (!target) {
      audit('not_found', null);
      return { outcome: 'not_found' as const };
    }
    if (meta.idempotencyKey !== null) {
      const existing = assessmentByIdempotency.get(meta.clientId, meta.idempotencyKey) as Row | undefined;
      if (existing) {
        if (existing.request_fingerprint !== meta.fingerprint) {
          audit('conflict', 'idempotency key reused for a different request');
          return { outcome: 'conflict' as const };
        }
        audit('success', 'idempotent replay');
        return { outcome: 'ok' as const, assessment: assessmentFromRow(existing, columns), replayed: true };
      }
    }
    insertAssessment.run({ ...a, idempotencyKey: meta.idempotencyKey, fingerprint: meta.fingerprint });
    audit('success', null);
    return { outcome: 'ok' as const, assessment: a, replayed: false };
  });

  const eraseTx = db.transaction((citizenKey: string, ctx: { clientId: string; requestId: string | null }) => {
    const assessments = deleteAssessmentsOfCitizen.run(citizenKey).changes;
    const screenings = deleteScreeningsOfCitizen.run(citizenKey).changes;
    appendAuditRow(
      prepareAudit(
        {
          clientId: ctx.clientId,
          action: 'citizen.erase',
          outcome: screenings > 0 ? 'success' : 'not_found',
          citizenKey,
          requestId: ctx.requestId,
          detail: `screenings=${screenings} assessments=${assessments}`,
        },
        now(),
      ),
    );
    return { screenings, assessments };
  });

  // Reads write their audit entry, so they take the write lock up front like any other write.
  const readTxn = db.transaction((fn: () => unknown) => fn());
  const readTx = { immediate: <T>(fn: () => T): T => readTxn.immediate(fn) as T };

  const live = () => {
    if (closed) throw new Error('repository is closed');
  };

  return {
    kind: 'sqlite',

    async createScreening(input, context) {
      live();
      const prepared = prepareScreening(input, context, now());
      const r = createTx.immediate(prepared);
      if (r.conflict) throw new IdempotencyConflictError('screening');
      return { screening: r.screening, replayed: r.replayed };
    },

    async latestScreening(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.read');
      return readTx.immediate(() => {
        const row = latestByCitizen.get(key) as Row | undefined;
        const result = row ? withHistory(screeningFromRow(row, columns)) : null;
        appendAuditRow(
          prepareAudit(
            { ...c, outcome: result ? 'success' : 'not_found', citizenKey: key, screeningId: result?.screening.id ?? null },
            now(),
          ),
        );
        return result;
      });
    },

    async screeningExists(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.exists');
      return readTx.immediate((): ScreeningExistence => {
        const row = latestByCitizen.get(key) as Row | undefined;
        const s = row ? screeningFromRow(row, columns) : null;
        appendAuditRow(
          prepareAudit({ ...c, outcome: s ? 'success' : 'not_found', citizenKey: key, screeningId: s?.id ?? null }, now()),
        );
        return s ? { exists: true, screeningId: s.id, createdAt: s.createdAt } : { exists: false };
      });
    },

    async getScreening(id, context) {
      live();
      const c = auditFieldsForRead(context, 'screening.read');
      // A malformed id is not recorded: it is untrusted text that could hold anything.
      if (typeof id !== 'string' || !UUID.test(id)) {
        appendAuditRow(prepareAudit({ ...c, outcome: 'invalid' }, now()));
        return null;
      }
      const lower = id.toLowerCase();
      return readTx.immediate(() => {
        const row = screeningById.get(lower) as Row | undefined;
        const result = row ? withHistory(screeningFromRow(row, columns)) : null;
        appendAuditRow(
          prepareAudit(
            { ...c, outcome: result ? 'success' : 'not_found', citizenKey: result?.screening.citizenKey ?? null, screeningId: lower },
            now(),
          ),
        );
        return result;
      });
    },

    async listScreenings(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.history');
      return readTx.immediate(() => {
        const list = (allByCitizen.all(key) as Row[]).map((r) => withHistory(screeningFromRow(r, columns)));
        appendAuditRow(
          prepareAudit(
            { ...c, outcome: list.length ? 'success' : 'not_found', citizenKey: key, detail: `screenings=${list.length}` },
            now(),
          ),
        );
        return list;
      });
    },

    async addAssessment(input, context) {
      live();
      const prepared = prepareAssessment(input, context, now());
      const r = assessTx.immediate(prepared);
      if (r.outcome === 'conflict') throw new IdempotencyConflictError('assessment');
      if (r.outcome === 'not_found') throw new ScreeningNotFoundError(prepared.assessment.screeningId);
      return { assessment: r.assessment, replayed: r.replayed };
    },

    async eraseCitizen(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      return eraseTx.immediate(key, auditFieldsForErase(context));
    },

    async appendAudit(entry) {
      live();
      return appendAuditRow(prepareAudit(entry, now()));
    },

    async listAudit(query) {
      live();
      const q = prepareAuditQuery(query);
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        where.push(sql);
        params.push(value);
      };
      if (q.clientId !== undefined) add('client_id = ?', q.clientId);
      if (q.action !== undefined) add('action = ?', q.action);
      if (q.outcome !== undefined) add('outcome = ?', q.outcome);
      if (q.citizenKey !== undefined) add('citizen_key = ?', q.citizenKey);
      if (q.screeningId !== undefined) add('screening_id = ?', q.screeningId.toLowerCase());
      if (q.from !== undefined) add('at >= ?', q.from);
      if (q.to !== undefined) add('at < ?', q.to);
      if (q.cursor !== undefined) add('id < ?', BigInt(q.cursor));
      const sql =
        'SELECT * FROM audit_log' + (where.length ? ' WHERE ' + where.join(' AND ') : '') + ' ORDER BY id DESC LIMIT ?';
      // One row more than asked tells whether another page exists without a second query.
      const rows = db.prepare(sql).all(...params, q.limit + 1) as Row[];
      const entries = rows.slice(0, q.limit).map((r) => auditFromRow(r, columns));
      return { entries, nextCursor: rows.length > q.limit ? entries[entries.length - 1].id : null };
    },

    async ping() {
      live();
      db.prepare('SELECT 1').get();
    },

    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
