/**
 * The repository on PostgreSQL (pg), for one or several service instances sharing a database.
 * Correctness across instances rests on the database, not on process memory: idempotency on unique
 * constraints with ON CONFLICT DO NOTHING, the corrections/erasure race on row locks, migrations on
 * an advisory lock.
 */
import pg from 'pg';
import { IdempotencyConflictError, ScreeningNotFoundError, StorageValidationError } from '../errors.js';
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
import { applyPostgresMigrations } from './migrate.js';

/** How to reach the database. */
export interface PostgresRepositoryOptions {
  /** A `postgres://` URL (DATABASE_URL). Do not also put `options` in it: it would replace the search path set here. */
  connectionString: string;
  /** Schema for the tables (created if missing); default: the server's search path (usually `public`). */
  schema?: string;
  /** Most connections this instance holds. */
  poolSize?: number;
  /** Shown in pg_stat_activity, to tell instances apart; default `ledighedsprofil`. */
  applicationName?: string;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** Called when an idle connection fails (the pool drops it); without a handler such errors would crash the process. */
  onPoolError?: (err: Error) => void;
}

/** Schema names are put into SQL text, so only plain identifiers are allowed. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** pg returns timestamptz as Date, jsonb parsed and booleans as booleans. */
const columns: ColumnReader = {
  time: (v) => (v instanceof Date ? v.toISOString() : v),
  json: (v) => v,
  bool: (v) => v,
};

type Queryable = Pick<pg.PoolClient, 'query'>;

async function insertAudit(db: Queryable, e: PreparedAudit): Promise<AuditEntry> {
  const r = await db.query(
    `INSERT INTO audit_log (at, client_id, action, outcome, citizen_key, screening_id, request_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [e.at, e.clientId, e.action, e.outcome, e.citizenKey, e.screeningId, e.requestId, e.detail],
  );
  return auditFromRow(r.rows[0], columns);
}

/**
 * Runs `fn` in a transaction on one connection; rolls back on any error. Reads use REPEATABLE READ so a
 * screening and its corrections come from one snapshot; they only insert (the audit entry), which
 * cannot meet a serialization failure.
 */
async function transaction<T>(
  pool: pg.Pool,
  fn: (c: pg.PoolClient) => Promise<T>,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ' = 'READ COMMITTED',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (rollbackErr) {
      // The connection is in an unknown state: destroy it rather than hand it to the next request.
      client.release(rollbackErr as Error);
    }
    throw err;
  }
}

/** Opens a pool, applies pending migrations (safely alongside other instances) and returns the repository. */
export async function openPostgresRepository(options: PostgresRepositoryOptions): Promise<Repository> {
  const schema = options.schema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new StorageValidationError('PostgreSQL options', [
      { path: 'schema', message: 'must be a lowercase identifier (a-z, 0-9, _), at most 63 characters' },
    ]);
  }
  const now = options.now ?? (() => new Date());
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'ledighedsprofil',
    ...(schema !== null ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', options.onPoolError ?? (() => {}));
  try {
    await applyPostgresMigrations(pool, schema);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const assessmentsOf = async (db: Queryable, screeningId: string): Promise<Assessment[]> =>
    (await db.query('SELECT * FROM assessments WHERE screening_id = $1 ORDER BY created_at, seq', [screeningId])).rows.map((r) =>
      assessmentFromRow(r, columns),
    );
  const withHistory = async (db: Queryable, s: Screening): Promise<ScreeningWithAssessments> =>
    withAssessments(s, await assessmentsOf(db, s.id));
  const latestRow = async (db: Queryable, citizenKey: string): Promise<Row | undefined> =>
    (await db.query('SELECT * FROM screenings WHERE citizen_key = $1 ORDER BY created_at DESC, seq DESC LIMIT 1', [citizenKey]))
      .rows[0];

  let closed = false;
  const live = () => {
    if (closed) throw new Error('repository is closed');
  };

  return {
    kind: 'postgres',

    async createScreening(input, context) {
      live();
      const { screening: s, meta } = prepareScreening(input, context, now());
      const audit = (db: Queryable, outcome: 'success' | 'conflict', screeningId: string | null, detail: string | null) =>
        insertAudit(
          db,
          prepareAudit(
            { clientId: meta.clientId, action: 'screening.create', outcome, citizenKey: s.citizenKey, screeningId, requestId: meta.requestId, detail },
            now(),
          ),
        );
      const r = await transaction(pool, async (db) => {
        // A first attempt can be erased between our conflict and our read of it; then the key is free again.
        for (let attempt = 0; attempt < 3; attempt++) {
          // ON CONFLICT waits for a concurrent insert with the same key to commit or roll back, so two
          // instances handling the same retry cannot both insert.
          const inserted = await db.query(
            `INSERT INTO screenings (id, citizen_key, created_at, model_version, input, probability, linear_predictor,
               target_group, subgroup, job_centre_referral, factors, activities, details, caseworker_id, client_id,
               idempotency_key, request_fingerprint)
             VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14, $15, $16, $17)
             ON CONFLICT ON CONSTRAINT screenings_idempotency DO NOTHING
             RETURNING id`,
            [
              s.id,
              s.citizenKey,
              s.createdAt,
              s.modelVersion,
              JSON.stringify(s.input),
              s.probability,
              s.linearPredictor,
              s.targetGroup,
              s.subgroup,
              s.jobCentreReferral,
              JSON.stringify(s.factors),
              JSON.stringify(s.activities),
              JSON.stringify(s.details),
              s.caseworkerId,
              meta.clientId,
              meta.idempotencyKey,
              meta.fingerprint,
            ],
          );
          if (inserted.rowCount === 1) {
            await audit(db, 'success', s.id, null);
            return { conflict: false as const, screening: s, replayed: false };
          }
          const existing = (
            await db.query('SELECT * FROM screenings WHERE client_id = $1 AND idempotency_key = $2', [
              meta.clientId,
              meta.idempotencyKey,
            ])
          ).rows[0] as Row | undefined;
          if (!existing) continue;
          if (existing.request_fingerprint !== meta.fingerprint) {
            await audit(db, 'conflict', null, 'idempotency key reused for a different request');
            return { conflict: true as const };
          }
          const first = screeningFromRow(existing, columns);
          await audit(db, 'success', first.id, 'idempotent replay');
          return { conflict: false as const, screening: first, replayed: true };
        }
        throw new Error('could not store the screening: its Idempotency-Key kept changing hands');
      });
      if (r.conflict) throw new IdempotencyConflictError('screening');
      return { screening: r.screening, replayed: r.replayed };
    },

    async latestScreening(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.read');
      return transaction(
        pool,
        async (db) => {
          const row = await latestRow(db, key);
          const result = row ? await withHistory(db, screeningFromRow(row, columns)) : null;
          // The result is returned only once its access is logged.
          await insertAudit(
            db,
            prepareAudit({ ...c, outcome: result ? 'success' : 'not_found', citizenKey: key, screeningId: result?.screening.id ?? null }, now()),
          );
          return result;
        },
        'REPEATABLE READ',
      );
    },

    async screeningExists(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.exists');
      const row = await latestRow(pool, key);
      const s = row ? screeningFromRow(row, columns) : null;
      await insertAudit(pool, prepareAudit({ ...c, outcome: s ? 'success' : 'not_found', citizenKey: key, screeningId: s?.id ?? null }, now()));
      const existence: ScreeningExistence = s ? { exists: true, screeningId: s.id, createdAt: s.createdAt } : { exists: false };
      return existence;
    },

    async getScreening(id, context) {
      live();
      const c = auditFieldsForRead(context, 'screening.read');
      // A malformed id is not recorded: it is untrusted text that could hold anything.
      if (typeof id !== 'string' || !UUID.test(id)) {
        await insertAudit(pool, prepareAudit({ ...c, outcome: 'invalid' }, now()));
        return null;
      }
      const lower = id.toLowerCase();
      return transaction(
        pool,
        async (db) => {
          const row = (await db.query('SELECT * FROM screenings WHERE id = $1', [lower])).rows[0] as Row | undefined;
          const result = row ? await withHistory(db, screeningFromRow(row, columns)) : null;
          await insertAudit(
            db,
            prepareAudit(
              { ...c, outcome: result ? 'success' : 'not_found', citizenKey: result?.screening.citizenKey ?? null, screeningId: lower },
              now(),
            ),
          );
          return result;
        },
        'REPEATABLE READ',
      );
    },

    async listScreenings(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.history');
      return transaction(
        pool,
        async (db) => {
          const rows = (await db.query('SELECT * FROM screenings WHERE citizen_key = $1 ORDER BY created_at DESC, seq DESC', [key]))
            .rows as Row[];
          const list: ScreeningWithAssessments[] = [];
          for (const r of rows) list.push(await withHistory(db, screeningFromRow(r, columns)));
          await insertAudit(
            db,
            prepareAudit({ ...c, outcome: list.length ? 'success' : 'not_found', citizenKey: key, detail: `screenings=${list.length}` }, now()),
          );
          return list;
        },
        'REPEATABLE READ',
      );
    },

    async addAssessment(input, context) {
      live();
      const { assessment: a, meta } = prepareAssessment(input, context, now());
      const r = await transaction(pool, async (db) => {
        // FOR KEY SHARE holds the screening against a concurrent erasure until this correction commits;
        // an erasure that got there first makes the screening vanish here, and we report it missing.
        const target = (await db.query('SELECT citizen_key FROM screenings WHERE id = $1 FOR KEY SHARE', [a.screeningId]))
          .rows[0] as Row | undefined;
        const citizenKey = target ? String(target.citizen_key) : null;
        const audit = (outcome: 'success' | 'conflict' | 'not_found', detail: string | null) =>
          insertAudit(
            db,
            prepareAudit(
              { clientId: meta.clientId, action: 'assessment.create', outcome, citizenKey, screeningId: a.screeningId, requestId: meta.requestId, detail },
              now(),
            ),
          );
        if (!target) {
          await audit('not_found', null);
          return { outcome: 'not_found' as const };
        }
        for (let attempt = 0; attempt < 3; attempt++) {
          const inserted = await db.query(
            `INSERT INTO assessments (id, screening_id, created_at, corrected_target_group, corrected_subgroup, comment,
               caseworker_id, client_id, idempotency_key, request_fingerprint)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT ON CONSTRAINT assessments_idempotency DO NOTHING
             RETURNING id`,
            [
              a.id,
              a.screeningId,
              a.createdAt,
              a.correctedTargetGroup,
              a.correctedSubgroup,
              a.comment,
              a.caseworkerId,
              meta.clientId,
              meta.idempotencyKey,
              meta.fingerprint,
            ],
          );
          if (inserted.rowCount === 1) {
            await audit('success', null);
            return { outcome: 'ok' as const, assessment: a, replayed: false };
          }
          const existing = (
            await db.query('SELECT * FROM assessments WHERE client_id = $1 AND idempotency_key = $2', [meta.clientId, meta.idempotencyKey])
          ).rows[0] as Row | undefined;
          if (!existing) continue;
          if (existing.request_fingerprint !== meta.fingerprint) {
            await audit('conflict', 'idempotency key reused for a different request');
            return { outcome: 'conflict' as const };
          }
          await audit('success', 'idempotent replay');
          return { outcome: 'ok' as const, assessment: assessmentFromRow(existing, columns), replayed: true };
        }
        throw new Error('could not store the assessment: its Idempotency-Key kept changing hands');
      });
      if (r.outcome === 'conflict') throw new IdempotencyConflictError('assessment');
      if (r.outcome === 'not_found') throw new ScreeningNotFoundError(a.screeningId);
      return { assessment: r.assessment, replayed: r.replayed };
    },

    async eraseCitizen(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForErase(context);
      return transaction(pool, async (db) => {
        // Locking the screenings first makes a concurrent correction either finish before the deletes
        // (and be deleted with them) or find its screening gone; none is left pointing at nothing.
        await db.query('SELECT id FROM screenings WHERE citizen_key = $1 FOR UPDATE', [key]);
        const assessments =
          (await db.query('DELETE FROM assessments WHERE screening_id IN (SELECT id FROM screenings WHERE citizen_key = $1)', [key]))
            .rowCount ?? 0;
        const screenings = (await db.query('DELETE FROM screenings WHERE citizen_key = $1', [key])).rowCount ?? 0;
        await insertAudit(
          db,
          prepareAudit(
            {
              ...c,
              action: 'citizen.erase',
              outcome: screenings > 0 ? 'success' : 'not_found',
              citizenKey: key,
              detail: `screenings=${screenings} assessments=${assessments}`,
            },
            now(),
          ),
        );
        return { screenings, assessments };
      });
    },

    async appendAudit(entry) {
      live();
      return insertAudit(pool, prepareAudit(entry, now()));
    },

    async listAudit(query) {
      live();
      const q = prepareAuditQuery(query);
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (q.clientId !== undefined) add('client_id = ?', q.clientId);
      if (q.action !== undefined) add('action = ?', q.action);
      if (q.outcome !== undefined) add('outcome = ?', q.outcome);
      if (q.citizenKey !== undefined) add('citizen_key = ?', q.citizenKey);
      if (q.screeningId !== undefined) add('screening_id = ?::uuid', q.screeningId.toLowerCase());
      if (q.from !== undefined) add('at >= ?::timestamptz', q.from);
      if (q.to !== undefined) add('at < ?::timestamptz', q.to);
      if (q.cursor !== undefined) add('id < ?::bigint', q.cursor);
      params.push(q.limit + 1);
      const sql =
        'SELECT * FROM audit_log' +
        (where.length ? ' WHERE ' + where.join(' AND ') : '') +
        ` ORDER BY id DESC LIMIT $${params.length}`;
      // One row more than asked tells whether another page exists without a second query.
      const rows = (await pool.query(sql, params)).rows as Row[];
      const entries = rows.slice(0, q.limit).map((r) => auditFromRow(r, columns));
      return { entries, nextCursor: rows.length > q.limit ? entries[entries.length - 1].id : null };
    },

    async ping() {
      live();
      await pool.query('SELECT 1');
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
