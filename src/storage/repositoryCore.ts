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
import { DEVELOPMENT_KEY_RING_TEXT, parseKeyRing, type KeyRing } from '../privacy/keyRing.js';
import { citizenKeyCensus, keyOrMovedFrom, labelCitizenKey, moveCitizenKey, moveDetail } from './citizenKeyMoves.js';
import { dataKeysOver, type DataKey } from './dataKeys.js';
import { chunks, repeated } from './batches.js';
import { rows, run, type Dialect, type SqlValue, type Work } from './dialect.js';
import { CorruptRecordError, ErasedRequestError, IdempotencyConflictError, ScreeningNotFoundError } from './errors.js';
import { erasedRequestHash } from './fingerprint.js';
import { openAssessment, openScreening, SEALED_SCREENING_PLACEHOLDERS, sealAssessment, sealScreening } from './sealing.js';
import {
  auditFieldsForErase,
  lookupKeys,
  auditFieldsForRead,
  prepareAssessment,
  prepareAudit,
  prepareAudits,
  prepareAuditQuery,
  prepareRequestIdClaim,
  prepareScreening,
  prepareScreeningRequest,
  validate,
  withAssessments,
  type PreparedAudit,
  type WriteMeta,
} from './prepare.js';
import {
  clientIdSchema,
  LEGACY_FUND_ID,
  type AuditEntry,
  type NewAuditEntry,
  shadowScoreSchema,
  type Screening,
  type ScreeningWithAssessments,
} from './records.js';
import type { KeyMaintenance, Repository, ScreeningExistence } from './repository.js';
import { modelStoreOver } from './modelStore.js';
import { outcomeOperations } from './outcomes.js';
import { monitoringSourceOver } from './monitoringScan.js';
import { applyRetention } from './retention.js';
import { assessmentFromRow, auditFromRow, screeningFromRow, UUID, type Row } from './rowMapping.js';

/** Options every dialect's opener passes on. */
export interface RepositoryCoreOptions {
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** The key-encryption keys wrapping the citizens' data keys; default: the public development ring (tests, demos). */
  dataKeys?: KeyRing;
  /** The id of the CPR secret the citizen keys passed in are made with, stored beside them; default `cpr-1`. */
  citizenKeyId?: string;
  /** Where a failure of the clean-up after an erasure goes (the erasure itself is committed); default stderr. */
  onScrubError?: (err: Error) => void;
}

const INSERT_AUDITS =
  'INSERT INTO audit_log (at, client_id, fund_id, action, outcome, citizen_key, screening_id, request_id, detail) VALUES';
const AUDIT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_AUDIT = `${INSERT_AUDITS} ${AUDIT_ROW} RETURNING *`;

const INSERT_SCREENING = `INSERT INTO screenings (id, citizen_key, created_at, model_version, input, probability, linear_predictor,
    target_group, subgroup, job_centre_referral, factors, activities, details, caseworker_id, client_id,
    idempotency_key, request_fingerprint, fund_id, occasion, benefit_period_start, screening_date, sealed, citizen_key_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (fund_id, client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`;

const INSERT_ASSESSMENT = `INSERT INTO assessments (id, screening_id, created_at, corrected_target_group, corrected_subgroup, comment,
    caseworker_id, client_id, idempotency_key, request_fingerprint, fund_id, sealed, reason)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (fund_id, client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`;

// A conflicting row older than the retention window is taken over (the id counts as new again); a live
// one is left alone, and the statement then changes no row: the id is a repeat.
const CLAIM_REQUEST_ID = `INSERT INTO seen_request_ids (client_id, request_id, seen_at) VALUES (?, ?, ?)
  ON CONFLICT (client_id, request_id) DO UPDATE SET seen_at = excluded.seen_at WHERE seen_request_ids.seen_at < ?`;

/** Expired ids purged per claim: bounded work per request, still ahead of expiry at any steady rate. */
const REQUEST_ID_PURGE_BATCH = 100;

// Every read names the fund first: a row of another fund (or of none, before tenancy) is not there.
// Newest is by screening date, then created time, then insertion order (only rows stored before
// migration 3 lack a date, and they are in the legacy fund, which no query names).
const CITIZEN_NEWEST_FIRST =
  'FROM screenings WHERE fund_id = ? AND citizen_key = ? ORDER BY screening_date DESC NULLS LAST, created_at DESC, seq DESC';
const LATEST_OF_CITIZEN = `SELECT * ${CITIZEN_NEWEST_FIRST} LIMIT 1`;
const ALL_OF_CITIZEN = `SELECT * ${CITIZEN_NEWEST_FIRST}`;

/** Data keys re-wrapped per transaction by `rewrapDataKeys`. */
const REWRAP_BATCH = 500;

function reportToStderr(err: Error): void {
  console.error(`clean-up after an erasure failed: ${err.message}`);
}

/** A first attempt can be erased between our conflict and our read of it; then the key is free again and we retry. */
const KEY_ATTEMPTS = 3;

const CONFLICT_DETAIL = 'idempotency key reused for a different request';
const REPLAY_DETAIL = 'idempotent replay';

/** The repository over a dialect's driver, which it then owns (`close` closes it). */
export function repositoryOver(d: Dialect, options: RepositoryCoreOptions = {}): Repository {
  const now = options.now ?? (() => new Date());
  const keys = dataKeysOver(options.dataKeys ?? parseKeyRing(DEVELOPMENT_KEY_RING_TEXT));
  const citizenKeyId = options.citizenKeyId ?? 'cpr-1';
  const onScrubError = options.onScrubError ?? reportToStderr;
  let closed = false;
  const live = () => {
    if (closed) throw new Error('repository is closed');
  };

  function* insertAudit(e: PreparedAudit): Work<AuditEntry> {
    const [row] = yield* rows(INSERT_AUDIT, [
      e.at,
      e.clientId,
      e.fundId,
      e.action,
      e.outcome,
      e.citizenKey,
      e.screeningId,
      e.requestId,
      e.detail,
    ]);
    return auditFromRow(row, d.columns);
  }
  const audit = (entry: NewAuditEntry) => insertAudit(prepareAudit(entry, now()));
  /** Audit entries whose stored rows nobody reads back: no RETURNING, no parse, several a statement (a batch writes one per record). */
  function* auditMany(entries: readonly NewAuditEntry[]): Work<void> {
    for (const part of chunks(prepareAudits(entries, now()))) {
      const params: SqlValue[] = [];
      for (const e of part) {
        params.push(e.at, e.clientId, e.fundId, e.action, e.outcome, e.citizenKey, e.screeningId, e.requestId, e.detail);
      }
      yield* run(`${INSERT_AUDITS} ${repeated(AUDIT_ROW, part.length)}`, params);
    }
  }

  /** The data key a sealed value names; a value whose key is gone (erased meanwhile) is corrupt to this reader. */
  function* keyOf(envelope: string, table: string, cache: Map<string, DataKey | null>): Work<DataKey> {
    const dk = yield* keys.forSealed(envelope, cache);
    if (dk === null) throw new CorruptRecordError(table, 'the data key of a sealed value is gone');
    return dk;
  }

  /** A screening from its row, its sealed fields opened (rows stored before migration 4 are in clear). */
  function* screeningOf(r: Row, cache = new Map<string, DataKey | null>()): Work<Screening> {
    if (r.sealed === null || r.sealed === undefined) return screeningFromRow(r, d.columns);
    const sealed = String(r.sealed);
    return screeningFromRow(r, d.columns, openScreening(yield* keyOf(sealed, 'screenings', cache), String(r.id), sealed));
  }

  /** An assessment from its row, its comment opened when sealed. */
  function* assessmentOf(r: Row, cache = new Map<string, DataKey | null>()) {
    if (r.sealed === null || r.sealed === undefined) return assessmentFromRow(r, d.columns);
    const sealed = String(r.sealed);
    return assessmentFromRow(r, d.columns, openAssessment(yield* keyOf(sealed, 'assessments', cache), String(r.id), sealed));
  }

  function* withHistory(s: Screening, cache = new Map<string, DataKey | null>()): Work<ScreeningWithAssessments> {
    const found = yield* rows('SELECT * FROM assessments WHERE fund_id = ? AND screening_id = ? ORDER BY created_at, seq', [
      s.fundId,
      s.id,
    ]);
    const list = [];
    for (const r of found) list.push(yield* assessmentOf(r, cache));
    return withAssessments(s, list);
  }

  /**
   * Moves this fund's rows stored under the previous CPR secret's key to the current one (audited as
   * `citizen.rekey`), and labels rows of the current key stored before secret ids existed.
   */
  function* moveKeys(
    current: string,
    previous: string | null,
    who: { clientId: string; fundId: string | null; requestId: string | null },
  ): Work<void> {
    if (previous === null) return;
    const { clientId, fundId, requestId } = who;
    const moved = yield* moveCitizenKey(previous, current, citizenKeyId, now().toISOString(), fundId);
    yield* labelCitizenKey(current, citizenKeyId, fundId);
    if (moved.screenings + moved.dataKeys + moved.outcomes > 0) {
      yield* audit({
        clientId,
        fundId,
        requestId,
        action: 'citizen.rekey',
        outcome: 'success',
        citizenKey: current,
        detail: moveDetail(citizenKeyId, moved),
      });
    }
  }

  /** Refuses a create whose Idempotency-Key belonged to an erased screening of this fund and client. */
  function* refuseErased(meta: WriteMeta): Work<void> {
    if (meta.idempotencyKey === null) return;
    const [hit] = yield* rows('SELECT 1 AS hit FROM erased_requests WHERE request_hash = ?', [
      erasedRequestHash(meta.fundId, meta.clientId, meta.idempotencyKey),
    ]);
    if (hit) throw new ErasedRequestError();
  }

  /** The row this client stored earlier under the same Idempotency-Key, and whether it was for the same request. */
  function* earlier(table: 'screenings' | 'assessments', meta: WriteMeta): Work<{ row: Row; same: boolean } | null> {
    const [row] = yield* rows(`SELECT * FROM ${table} WHERE fund_id = ? AND client_id = ? AND idempotency_key = ?`, [
      meta.fundId,
      meta.clientId,
      meta.idempotencyKey,
    ]);
    if (row === undefined) return null;
    const f = row.request_fingerprint;
    return { row, same: f === meta.fingerprint || (meta.previousFingerprint !== null && f === meta.previousFingerprint) };
  }

  /** The first screening of an earlier create with this key (auditing the replay or the conflict), or null for an unused key. */
  function* replayOf(meta: WriteMeta, citizenKey: string): Work<Screening | 'conflict' | null> {
    const found = yield* earlier('screenings', meta);
    if (found === null) return null;
    const base = {
      clientId: meta.clientId,
      fundId: meta.fundId,
      action: 'screening.create' as const,
      citizenKey,
      requestId: meta.requestId,
    };
    if (!found.same) {
      yield* audit({ ...base, outcome: 'conflict', screeningId: null, detail: CONFLICT_DETAIL });
      return 'conflict';
    }
    const first = yield* screeningOf(found.row);
    yield* audit({ ...base, outcome: 'success', screeningId: first.id, detail: REPLAY_DETAIL });
    return first;
  }

  /** The operator's key maintenance (`ledighedsprofil rekey`): across every fund, audited without one. */
  function maintenance(): KeyMaintenance {
    return {
      async rewrapDataKeys() {
        live();
        let total = 0;
        for (;;) {
          const n = await d.transaction('write', () => keys.rewrap(REWRAP_BATCH));
          total += n;
          if (n < REWRAP_BATCH) break;
        }
        return { rewrapped: total, byKek: await d.transaction('read', () => keys.census()) };
      },
      async moveCitizenKey(lookup, operator) {
        live();
        const { current, previous } = lookupKeys(lookup);
        const clientId = validate(clientIdSchema, operator.clientId, 'operator client id');
        return d.transaction('write', function* () {
          const at = now().toISOString();
          const moved =
            previous === null
              ? { screenings: 0, dataKeys: 0, outcomes: 0 }
              : yield* moveCitizenKey(previous, current, citizenKeyId, at, null);
          const labelled = yield* labelCitizenKey(current, citizenKeyId, null);
          if (moved.screenings + moved.dataKeys + moved.outcomes > 0) {
            yield* audit({
              clientId,
              fundId: null,
              action: 'citizen.rekey',
              outcome: 'success',
              citizenKey: current,
              detail: moveDetail(citizenKeyId, moved),
            });
          }
          return { moved: moved.screenings + moved.dataKeys + moved.outcomes, labelled };
        });
      },
      async citizenKeyCensus() {
        live();
        return d.transaction('read', () => citizenKeyCensus());
      },
    };
  }

  const outcomes = outcomeOperations({ d, keys, now, citizenKeyId, audit, auditMany, keyOf, moveKeys, screeningOf });

  return {
    kind: d.kind,

    async createScreening(input, context, shadowInput) {
      live();
      const { screening: s, meta } = prepareScreening(input, context, now());
      const shadow = shadowInput == null ? null : validate(shadowScoreSchema, shadowInput, 'shadow score');
      const r = await d.transaction('write', function* () {
        yield* refuseErased(meta);
        yield* moveKeys(s.citizenKey, meta.previousCitizenKey, meta);
        // The special-category fields go into `sealed`; the JSON columns get placeholders.
        const dk = yield* keys.forCitizen(meta.fundId, s.citizenKey, citizenKeyId, s.createdAt);
        const sealed = sealScreening(dk, s.id, s);
        const clear = SEALED_SCREENING_PLACEHOLDERS;
        for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
          const inserted = yield* run(INSERT_SCREENING, [
            s.id,
            s.citizenKey,
            s.createdAt,
            s.modelVersion,
            clear.input,
            s.probability,
            s.linearPredictor,
            s.targetGroup,
            s.subgroup,
            s.jobCentreReferral ? 1 : 0,
            clear.factors,
            clear.activities,
            clear.details,
            s.caseworkerId,
            meta.clientId,
            meta.idempotencyKey,
            meta.fingerprint,
            meta.fundId,
            s.occasion,
            s.benefitPeriodStart,
            s.screeningDate,
            sealed,
            citizenKeyId,
          ]);
          if (inserted === 1) {
            const { clientId, fundId, requestId } = meta;
            yield* audit({
              clientId,
              fundId,
              action: 'screening.create',
              outcome: 'success',
              citizenKey: s.citizenKey,
              screeningId: s.id,
              requestId,
            });
            if (shadow !== null) {
              yield* run(
                `INSERT INTO shadow_scores (screening_id, model_version, fund_id, created_at, probability, linear_predictor, target_group)
                  VALUES (?, ?, ?, ?, ?, ?, ?)`,
                [s.id, shadow.modelVersion, fundId, s.createdAt, shadow.probability, shadow.linearPredictor, shadow.targetGroup],
              );
            }
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
      const r = await d.transaction(meta.previousCitizenKey === null ? 'read' : 'write', function* () {
        yield* refuseErased(meta);
        yield* moveKeys(citizenKey, meta.previousCitizenKey, meta);
        const first = yield* replayOf(meta, citizenKey);
        return first === null || first === 'conflict' ? first : yield* withHistory(first);
      });
      if (r === 'conflict') throw new IdempotencyConflictError('screening');
      return r;
    },

    async latestScreening(citizenKey, context) {
      live();
      const { current: key, previous } = lookupKeys(citizenKey);
      const c = auditFieldsForRead(context, 'screening.read');
      return d.transaction(previous === null ? 'read' : 'write', function* () {
        yield* moveKeys(key, previous, c);
        const [row] = yield* rows(LATEST_OF_CITIZEN, [c.fundId, key]);
        const result = row ? yield* withHistory(yield* screeningOf(row)) : null;
        // The result is returned only once its access is logged.
        yield* audit({ ...c, outcome: result ? 'success' : 'not_found', citizenKey: key, screeningId: result?.screening.id ?? null });
        return result;
      });
    },

    async screeningExists(citizenKey, context) {
      live();
      const { current: key, previous } = lookupKeys(citizenKey);
      const c = auditFieldsForRead(context, 'screening.exists');
      return d.transaction(previous === null ? 'read' : 'write', function* (): Work<ScreeningExistence> {
        yield* moveKeys(key, previous, c);
        const [row] = yield* rows(LATEST_OF_CITIZEN, [c.fundId, key]);
        const s = row ? yield* screeningOf(row) : null;
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
        const [row] = yield* rows('SELECT * FROM screenings WHERE id = ? AND fund_id = ?', [lower, c.fundId]);
        const result = row ? yield* withHistory(yield* screeningOf(row)) : null;
        const citizenKey = result?.screening.citizenKey ?? null;
        yield* audit({ ...c, outcome: result ? 'success' : 'not_found', citizenKey, screeningId: lower });
        return result;
      });
    },

    async listScreenings(citizenKey, context) {
      live();
      const { current: key, previous } = lookupKeys(citizenKey);
      const c = auditFieldsForRead(context, 'screening.history');
      return d.transaction(previous === null ? 'read' : 'write', function* () {
        yield* moveKeys(key, previous, c);
        const list: ScreeningWithAssessments[] = [];
        const cache = new Map<string, DataKey | null>();
        for (const r of yield* rows(ALL_OF_CITIZEN, [c.fundId, key])) list.push(yield* withHistory(yield* screeningOf(r, cache), cache));
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
        // Another fund's screening is as missing as an unknown one.
        const [target] = yield* rows(`SELECT citizen_key, citizen_key_id FROM screenings WHERE id = ? AND fund_id = ?${lock}`, [
          a.screeningId,
          meta.fundId,
        ]);
        const base = {
          clientId: meta.clientId,
          fundId: meta.fundId,
          action: 'assessment.create' as const,
          citizenKey: target ? String(target.citizen_key) : null,
          screeningId: a.screeningId,
          requestId: meta.requestId,
        };
        if (!target) {
          yield* audit({ ...base, outcome: 'not_found' });
          return 'not_found' as const;
        }
        // The comment is sealed under the data key of the screening's citizen in this fund.
        const targetKeyId = target.citizen_key_id === null ? null : String(target.citizen_key_id);
        const dk = yield* keys.forCitizen(meta.fundId, String(target.citizen_key), targetKeyId, a.createdAt);
        const sealed = sealAssessment(dk, a.id, a);
        for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
          const inserted = yield* run(INSERT_ASSESSMENT, [
            a.id,
            a.screeningId,
            a.createdAt,
            a.correctedTargetGroup,
            a.correctedSubgroup,
            null,
            a.caseworkerId,
            meta.clientId,
            meta.idempotencyKey,
            meta.fingerprint,
            meta.fundId,
            sealed,
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
          return { assessment: yield* assessmentOf(found.row), replayed: true };
        }
        throw new Error('could not store the assessment: its Idempotency-Key kept changing hands');
      });
      if (r === 'conflict') throw new IdempotencyConflictError('assessment');
      if (r === 'not_found') throw new ScreeningNotFoundError(a.screeningId);
      return r;
    },

    async eraseCitizen(citizenKey, context) {
      live();
      const { current: key, previous } = lookupKeys(citizenKey);
      const c = auditFieldsForErase(context);
      const ks = previous === null ? [key] : [key, previous];
      const marks = ks.map(() => '?').join(', ');
      const result = await d.transaction('write', function* () {
        // Locking the screenings first makes a concurrent correction either finish before the deletes
        // (and be deleted with them) or find its screening gone; none is left pointing at nothing.
        // Only the erasing fund's rows go: another fund's screenings of the same citizen are its own business.
        const f = c.fundId;
        const mine = `fund_id = ? AND citizen_key IN (${marks})`;
        if (d.rowLocks) yield* rows(`SELECT id FROM screenings WHERE ${mine} FOR UPDATE`, [f, ...ks]);
        // The erased creates' keys are remembered (hashed), so a retry does not bring a screening back.
        const creates = yield* rows(`SELECT client_id, idempotency_key FROM screenings WHERE ${mine} AND idempotency_key IS NOT NULL`, [
          f,
          ...ks,
        ]);
        const at = now().toISOString();
        for (const r of creates) {
          yield* run('INSERT INTO erased_requests (request_hash, erased_at) VALUES (?, ?) ON CONFLICT (request_hash) DO NOTHING', [
            erasedRequestHash(f, String(r.client_id), String(r.idempotency_key)),
            at,
          ]);
        }
        const assessments = yield* run(
          `DELETE FROM assessments WHERE fund_id = ? AND screening_id IN (SELECT id FROM screenings WHERE ${mine})`,
          [f, f, ...ks],
        );
        // Shadow scores reference their screening (a foreign key): they go first, with it.
        yield* run(`DELETE FROM shadow_scores WHERE screening_id IN (SELECT id FROM screenings WHERE ${mine})`, [f, ...ks]);
        const outcomes = yield* run(`DELETE FROM outcomes WHERE ${mine}`, [f, ...ks]);
        const screenings = yield* run(`DELETE FROM screenings WHERE ${mine}`, [f, ...ks]);
        // Deleting this fund's data keys of the citizen shreds every copy of their sealed values, wherever it survives.
        const dataKeys = yield* run(`DELETE FROM data_keys WHERE ${mine}`, [f, ...ks]);
        yield* audit({
          ...c,
          action: 'citizen.erase',
          outcome: screenings > 0 ? 'success' : 'not_found',
          citizenKey: key,
          // Outcomes are named only when some went, so the entries of citizens without any read as before.
          detail: `screenings=${screenings} assessments=${assessments}${outcomes > 0 ? ` outcomes=${outcomes}` : ''} data_keys=${dataKeys}`,
        });
        return { screenings, assessments, outcomes };
      });
      // Outside the transaction: what the deletes left in free pages, the WAL or dead tuples is cleared.
      await d.scrubAfterErasure().catch((err: unknown) => onScrubError(err as Error));
      return result;
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
      // The reader's scope comes first and is never optional: a fund sees its own entries; a client
      // without a fund sees those of clients without one and those written before tenancy.
      if (q.fundId !== null) add('fund_id = ?', q.fundId);
      else add('(fund_id IS NULL OR fund_id = ?)', LEGACY_FUND_ID);
      if (q.clientId !== undefined) add('client_id = ?', q.clientId);
      if (q.action !== undefined) add('action = ?', q.action);
      if (q.outcome !== undefined) add('outcome = ?', q.outcome);
      if (q.citizenKey !== undefined) add('citizen_key = ?', q.citizenKey);
      if (q.citizenKeys !== undefined) {
        const m = keyOrMovedFrom('citizen_key', q.citizenKeys);
        where.push(m.sql);
        params.push(...m.params);
      }
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

    async claimRequestId(claim) {
      live();
      const at = now();
      const { clientId, requestId, expiredBefore } = prepareRequestIdClaim(claim, at);
      // SKIP LOCKED: instances purging at once take different rows and never wait on each other (or on
      // a row a concurrent claim holds), so the purge adds no lock wait or deadlock to a request.
      const purge = `DELETE FROM seen_request_ids WHERE (client_id, request_id) IN (
        SELECT client_id, request_id FROM seen_request_ids WHERE seen_at < ? ORDER BY seen_at LIMIT ${REQUEST_ID_PURGE_BATCH}${
          d.rowLocks ? ' FOR UPDATE SKIP LOCKED' : ''
        })`;
      return d.transaction('write', function* () {
        const claimed = yield* run(CLAIM_REQUEST_ID, [clientId, requestId, at.toISOString(), expiredBefore]);
        yield* run(purge, [expiredBefore]);
        return claimed === 1;
      });
    },
    async recordOutcomes(items, context, options) {
      live();
      return outcomes.recordOutcomes(items, context, options);
    },

    async outcomeHistory(citizenKey, benefitPeriodStart, context) {
      live();
      return outcomes.outcomeHistory(citizenKey, benefitPeriodStart, context);
    },

    async exportScreenings(scope) {
      live();
      return outcomes.exportScreenings(scope);
    },

    keys: maintenance(),
    models: modelStoreOver(d, audit, now, live),
    monitoring: monitoringSourceOver(d, keys),
    async applyRetention(policy, options) {
      live();
      return applyRetention(d, audit, policy, now, options);
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
