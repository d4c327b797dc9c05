/**
 * The repository's control flow, written once for both databases: idempotent inserts with their
 * fingerprint check, every operation's audit entry in the same transaction as its data, reads with
 * their corrections, erasure and audit paging. What differs between SQLite and PostgreSQL (how to
 * run a transaction, placeholders, column types, row locks) is the Dialect's business.
 *
 * Idempotent inserts try the insert first and let a unique index refuse the duplicate (ON CONFLICT DO
 * NOTHING): on PostgreSQL that waits for a concurrent insert with the same key to commit or roll back,
 * so two instances handling one retry cannot both insert; on SQLite the write lock already orders them.
 */
import { rows, run, type Dialect, type Work } from './dialect.js';
import { IdempotencyConflictError, ScreeningNotFoundError } from './errors.js';
import {
  auditFieldsForErase,
  auditFieldsForRead,
  prepareAssessment,
  prepareAudit,
  prepareAuditQuery,
  prepareScreening,
  prepareScreeningRequest,
  validate,
  withAssessments,
  type PreparedAudit,
  type WriteMeta,
} from './prepare.js';
import { citizenKeySchema, type AuditEntry, type NewAuditEntry, type Screening, type ScreeningWithAssessments } from './records.js';
import type { Repository, ScreeningExistence } from './repository.js';
import { assessmentFromRow, auditFromRow, screeningFromRow, UUID, type Row } from './rowMapping.js';

/** Options every dialect's opener passes on. */
export interface RepositoryCoreOptions {
  /** The clock, replaceable in tests. */
  now?: () => Date;
}

const INSERT_AUDIT = `INSERT INTO audit_log (at, client_id, action, outcome, citizen_key, screening_id, request_id, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`;

const INSERT_SCREENING = `INSERT INTO screenings (id, citizen_key, created_at, model_version, input, probability, linear_predictor,
    target_group, subgroup, job_centre_referral, factors, activities, details, caseworker_id, client_id,
    idempotency_key, request_fingerprint)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`;

const INSERT_ASSESSMENT = `INSERT INTO assessments (id, screening_id, created_at, corrected_target_group, corrected_subgroup, comment,
    caseworker_id, client_id, idempotency_key, request_fingerprint, reason)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`;

const LATEST_OF_CITIZEN = 'SELECT * FROM screenings WHERE citizen_key = ? ORDER BY created_at DESC, seq DESC LIMIT 1';
const ALL_OF_CITIZEN = 'SELECT * FROM screenings WHERE citizen_key = ? ORDER BY created_at DESC, seq DESC';

/** A first attempt can be erased between our conflict and our read of it; then the key is free again and we retry. */
const KEY_ATTEMPTS = 3;

const CONFLICT_DETAIL = 'idempotency key reused for a different request';
const REPLAY_DETAIL = 'idempotent replay';

/** The repository over a dialect's driver, which it then owns (`close` closes it). */
export function repositoryOver(d: Dialect, options: RepositoryCoreOptions = {}): Repository {
  const now = options.now ?? (() => new Date());
  let closed = false;
  const live = () => {
    if (closed) throw new Error('repository is closed');
  };

  function* insertAudit(e: PreparedAudit): Work<AuditEntry> {
    const [row] = yield* rows(INSERT_AUDIT, [e.at, e.clientId, e.action, e.outcome, e.citizenKey, e.screeningId, e.requestId, e.detail]);
    return auditFromRow(row, d.columns);
  }
  const audit = (entry: NewAuditEntry) => insertAudit(prepareAudit(entry, now()));

  function* withHistory(s: Screening): Work<ScreeningWithAssessments> {
    const found = yield* rows('SELECT * FROM assessments WHERE screening_id = ? ORDER BY created_at, seq', [s.id]);
    return withAssessments(
      s,
      found.map((r) => assessmentFromRow(r, d.columns)),
    );
  }

  /** The row this client stored earlier under the same Idempotency-Key, and whether it was for the same request. */
  function* earlier(table: 'screenings' | 'assessments', meta: WriteMeta): Work<{ row: Row; same: boolean } | null> {
    const [row] = yield* rows(`SELECT * FROM ${table} WHERE client_id = ? AND idempotency_key = ?`, [meta.clientId, meta.idempotencyKey]);
    return row === undefined ? null : { row, same: row.request_fingerprint === meta.fingerprint };
  }

  /** The first screening of an earlier create with this key (auditing the replay or the conflict), or null for an unused key. */
  function* replayOf(meta: WriteMeta, citizenKey: string): Work<Screening | 'conflict' | null> {
    const found = yield* earlier('screenings', meta);
    if (found === null) return null;
    const base = { clientId: meta.clientId, action: 'screening.create' as const, citizenKey, requestId: meta.requestId };
    if (!found.same) {
      yield* audit({ ...base, outcome: 'conflict', screeningId: null, detail: CONFLICT_DETAIL });
      return 'conflict';
    }
    const first = screeningFromRow(found.row, d.columns);
    yield* audit({ ...base, outcome: 'success', screeningId: first.id, detail: REPLAY_DETAIL });
    return first;
  }

  return {
    kind: d.kind,

    async createScreening(input, context) {
      live();
      const { screening: s, meta } = prepareScreening(input, context, now());
      const r = await d.transaction('write', function* () {
        for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
          const inserted = yield* run(INSERT_SCREENING, [
            s.id,
            s.citizenKey,
            s.createdAt,
            s.modelVersion,
            JSON.stringify(s.input),
            s.probability,
            s.linearPredictor,
            s.targetGroup,
            s.subgroup,
            s.jobCentreReferral ? 1 : 0,
            JSON.stringify(s.factors),
            JSON.stringify(s.activities),
            JSON.stringify(s.details),
            s.caseworkerId,
            meta.clientId,
            meta.idempotencyKey,
            meta.fingerprint,
          ]);
          if (inserted === 1) {
            const { clientId, requestId } = meta;
            yield* audit({
              clientId,
              action: 'screening.create',
              outcome: 'success',
              citizenKey: s.citizenKey,
              screeningId: s.id,
              requestId,
            });
            return { screening: s, replayed: false };
          }
          const first = yield* replayOf(meta, s.citizenKey);
          if (first === 'conflict') return first;
          if (first !== null) return { screening: first, replayed: true };
        }
        throw new Error('could not store the screening: its Idempotency-Key kept changing hands');
      });
      if (r === 'conflict') throw new IdempotencyConflictError('screening');
      return r;
    },

    async replayScreening(request, context) {
      live();
      const { citizenKey, meta } = prepareScreeningRequest(request, context);
      if (meta.idempotencyKey === null) return null;
      const r = await d.transaction('read', function* () {
        const first = yield* replayOf(meta, citizenKey);
        return first === null || first === 'conflict' ? first : yield* withHistory(first);
      });
      if (r === 'conflict') throw new IdempotencyConflictError('screening');
      return r;
    },

    async latestScreening(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.read');
      return d.transaction('read', function* () {
        const [row] = yield* rows(LATEST_OF_CITIZEN, [key]);
        const result = row ? yield* withHistory(screeningFromRow(row, d.columns)) : null;
        // The result is returned only once its access is logged.
        yield* audit({ ...c, outcome: result ? 'success' : 'not_found', citizenKey: key, screeningId: result?.screening.id ?? null });
        return result;
      });
    },

    async screeningExists(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.exists');
      return d.transaction('read', function* (): Work<ScreeningExistence> {
        const [row] = yield* rows(LATEST_OF_CITIZEN, [key]);
        const s = row ? screeningFromRow(row, d.columns) : null;
        yield* audit({ ...c, outcome: s ? 'success' : 'not_found', citizenKey: key, screeningId: s?.id ?? null });
        return s ? { exists: true, screeningId: s.id, createdAt: s.createdAt } : { exists: false };
      });
    },

    async getScreening(id, context) {
      live();
      const c = auditFieldsForRead(context, 'screening.read');
      // A malformed id is not recorded: it is untrusted text that could hold anything.
      if (typeof id !== 'string' || !UUID.test(id)) {
        await d.autocommit(() => audit({ ...c, outcome: 'invalid' }));
        return null;
      }
      const lower = id.toLowerCase();
      return d.transaction('read', function* () {
        const [row] = yield* rows('SELECT * FROM screenings WHERE id = ?', [lower]);
        const result = row ? yield* withHistory(screeningFromRow(row, d.columns)) : null;
        const citizenKey = result?.screening.citizenKey ?? null;
        yield* audit({ ...c, outcome: result ? 'success' : 'not_found', citizenKey, screeningId: lower });
        return result;
      });
    },

    async listScreenings(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForRead(context, 'screening.history');
      return d.transaction('read', function* () {
        const list: ScreeningWithAssessments[] = [];
        for (const r of yield* rows(ALL_OF_CITIZEN, [key])) list.push(yield* withHistory(screeningFromRow(r, d.columns)));
        yield* audit({ ...c, outcome: list.length ? 'success' : 'not_found', citizenKey: key, detail: `screenings=${list.length}` });
        return list;
      });
    },

    async addAssessment(input, context) {
      live();
      const { assessment: a, meta } = prepareAssessment(input, context, now());
      const r = await d.transaction('write', function* () {
        // FOR KEY SHARE holds the screening against a concurrent erasure until this correction commits;
        // an erasure that got there first makes the screening vanish here, and we report it missing.
        const lock = d.rowLocks ? ' FOR KEY SHARE' : '';
        const [target] = yield* rows(`SELECT citizen_key FROM screenings WHERE id = ?${lock}`, [a.screeningId]);
        const base = {
          clientId: meta.clientId,
          action: 'assessment.create' as const,
          citizenKey: target ? String(target.citizen_key) : null,
          screeningId: a.screeningId,
          requestId: meta.requestId,
        };
        if (!target) {
          yield* audit({ ...base, outcome: 'not_found' });
          return 'not_found' as const;
        }
        for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
          const inserted = yield* run(INSERT_ASSESSMENT, [
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
            a.reason,
          ]);
          if (inserted === 1) {
            yield* audit({ ...base, outcome: 'success' });
            return { assessment: a, replayed: false };
          }
          const found = yield* earlier('assessments', meta);
          if (found === null) continue;
          if (!found.same) {
            yield* audit({ ...base, outcome: 'conflict', detail: CONFLICT_DETAIL });
            return 'conflict' as const;
          }
          yield* audit({ ...base, outcome: 'success', detail: REPLAY_DETAIL });
          return { assessment: assessmentFromRow(found.row, d.columns), replayed: true };
        }
        throw new Error('could not store the assessment: its Idempotency-Key kept changing hands');
      });
      if (r === 'conflict') throw new IdempotencyConflictError('assessment');
      if (r === 'not_found') throw new ScreeningNotFoundError(a.screeningId);
      return r;
    },

    async eraseCitizen(citizenKey, context) {
      live();
      const key = validate(citizenKeySchema, citizenKey, 'citizen key');
      const c = auditFieldsForErase(context);
      return d.transaction('write', function* () {
        // Locking the screenings first makes a concurrent correction either finish before the deletes
        // (and be deleted with them) or find its screening gone; none is left pointing at nothing.
        if (d.rowLocks) yield* rows('SELECT id FROM screenings WHERE citizen_key = ? FOR UPDATE', [key]);
        const assessments = yield* run('DELETE FROM assessments WHERE screening_id IN (SELECT id FROM screenings WHERE citizen_key = ?)', [
          key,
        ]);
        const screenings = yield* run('DELETE FROM screenings WHERE citizen_key = ?', [key]);
        yield* audit({
          ...c,
          action: 'citizen.erase',
          outcome: screenings > 0 ? 'success' : 'not_found',
          citizenKey: key,
          detail: `screenings=${screenings} assessments=${assessments}`,
        });
        return { screenings, assessments };
      });
    },

    async appendAudit(entry) {
      live();
      const prepared = prepareAudit(entry, now());
      return d.autocommit(() => insertAudit(prepared));
    },

    async listAudit(query) {
      live();
      const q = prepareAuditQuery(query);
      const where: string[] = [];
      const params: (string | number)[] = [];
      const add = (sql: string, value: string) => {
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
      // Bound as text: PostgreSQL reads it as the bigint column's type, SQLite compares it as the integer it spells.
      if (q.cursor !== undefined) add('id < ?', q.cursor);
      const sql = 'SELECT * FROM audit_log' + (where.length ? ' WHERE ' + where.join(' AND ') : '') + ' ORDER BY id DESC LIMIT ?';
      // One row more than asked tells whether another page exists without a second query.
      const found = await d.autocommit(() => rows(sql, [...params, q.limit + 1]));
      const entries = found.slice(0, q.limit).map((r) => auditFromRow(r, d.columns));
      return { entries, nextCursor: found.length > q.limit ? entries[entries.length - 1].id : null };
    },

    async ping() {
      live();
      await d.autocommit(() => rows('SELECT 1'));
    },

    async close() {
      if (closed) return;
      closed = true;
      await d.close();
    },
  };
}
