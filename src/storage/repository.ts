/**
 * What the service needs from storage. Two implementations (SQLite for one instance, PostgreSQL for
 * several) pass the same contract tests. Every operation on a citizen's data writes its audit entry
 * itself — writes in the same transaction as the data — so access is logged whichever code path
 * calls it, and an audit failure fails the operation instead of leaving an unlogged access.
 *
 * Every context names a fund (a-kasse number), and every operation is confined to it: a citizen's
 * screenings in another fund are not there, another fund's screening id is unknown, an erasure erases
 * the fund's rows only, and each audit entry records the fund. Rows stored before tenancy (migration 3)
 * belong to the legacy fund '' (LEGACY_FUND_ID), which reads and erasures may name and writes may not.
 */
import type {
  Assessment,
  CitizenLookup,
  AuditEntry,
  AuditPage,
  AuditQuery,
  EraseContext,
  NewAssessment,
  NewAuditEntry,
  NewScreening,
  ReadContext,
  RequestIdClaim,
  Screening,
  ScreeningRequest,
  ScreeningWithAssessments,
  ShadowScore,
  WriteContext,
} from './records.js';
import type { ModelStore } from './modelStore.js';

import type { ExportedPeriod, OutcomeItem, RecordedOutcome } from './outcomes.js';
import type { Outcome } from './records.js';
import type { MonitoringSource } from './monitoringScan.js';
import type { RetentionOptions, RetentionResult } from './retention.js';
import type { RetentionPolicy } from './retentionPolicy.js';

export type * from './records.js';
export type { ExportedPeriod, OutcomeItem, RecordedOutcome, RetentionOptions, RetentionPolicy, RetentionResult };
export type {
  ModelActor,
  ModelEvent,
  ModelEventAction,
  ModelState,
  ModelStore,
  NewModelEvent,
  NewPublishedModel,
  PublishedModel,
} from './modelStore.js';

/** Result of a create: `replayed` is true when an earlier request with the same Idempotency-Key is returned. */
export interface CreateScreeningResult {
  screening: Screening;
  replayed: boolean;
}

/** Result of adding a correction. */
export interface AddAssessmentResult {
  assessment: Assessment;
  replayed: boolean;
}

/** Whether a citizen has a screening, and when the latest was made. */
export type ScreeningExistence = { exists: false } | { exists: true; screeningId: string; createdAt: string };

/** What an erasure removed. */
export interface ErasureResult {
  screenings: number;
  assessments: number;
  outcomes: number;
}

/** What `rewrapDataKeys` did, and how many data keys each KEK id wraps afterwards. */
export interface RewrapResult {
  rewrapped: number;
  byKek: Record<string, number>;
}

/** The operator's key maintenance behind `ledighedsprofil rekey`. */
export interface KeyMaintenance {
  /** Re-wraps every data key not under the current KEK (in batches, each its own transaction); screenings are not touched. */
  rewrapDataKeys(): Promise<RewrapResult>;
  /**
   * Moves a citizen's rows in every fund from the key under the previous CPR secret to the current one
   * (audited as `citizen.rekey` by the operator, without a fund), and records the current secret's id on rows of the current key stored before ids existed.
   */
  moveCitizenKey(lookup: CitizenLookup, operator: { clientId: string }): Promise<{ moved: number; labelled: number }>;
  /** Distinct stored citizen keys by the id of the CPR secret that made them ('' for keys stored before ids existed). */
  citizenKeyCensus(): Promise<Record<string, number>>;
}

/** Persistence for screenings, corrections and the audit log. */
export interface Repository {
  /** Which implementation this is. */
  readonly kind: 'sqlite' | 'postgres';

  /**
   * Stores a screening and its `screening.create` audit entry in one transaction. With an
   * Idempotency-Key already used by this client for the same request (same citizen key, input and
   * caseworker), returns the first screening (`replayed: true`) and stores nothing new but the audit
   * entry; for a different request, throws IdempotencyConflictError (and audits the conflict). A
   * `shadow` score (the shadow model's, never shown) is stored with a new screening in the same
   * transaction; a replay stores none.
   */
  createScreening(screening: NewScreening, context: WriteContext, shadow?: ShadowScore | null): Promise<CreateScreeningResult>;

  /**
   * Looks up a create by its Idempotency-Key before anything is scored, so a retry is answered with the
   * first result even when the active model could not score the member any more. Returns the first
   * screening with its corrections (audited as a `screening.create` replay) when this client used the
   * key for the same request; null when the key is unused or the context has none (nothing audited);
   * throws IdempotencyConflictError for a different request (and audits the conflict).
   */
  replayScreening(request: ScreeningRequest, context: WriteContext): Promise<ScreeningWithAssessments | null>;

  /** The latest screening of a citizen in the context's fund (by screening date, then created time, then insertion order), with its corrections; audited. */
  latestScreening(citizenKey: CitizenLookup, context: ReadContext): Promise<ScreeningWithAssessments | null>;

  /** Whether the citizen has any screening, and the latest one's id and time; audited as `screening.exists`. */
  screeningExists(citizenKey: CitizenLookup, context: ReadContext): Promise<ScreeningExistence>;

  /** One screening by id, with its corrections; null for an unknown or malformed id, or one of another fund; audited. */
  getScreening(id: string, context: ReadContext): Promise<ScreeningWithAssessments | null>;

  /** All screenings of a citizen in the context's fund, newest first (as latestScreening orders), each with its corrections; audited as `screening.history`. */
  listScreenings(citizenKey: CitizenLookup, context: ReadContext): Promise<ScreeningWithAssessments[]>;

  /**
   * Appends a caseworker's correction (and its `assessment.create` audit entry) in one transaction;
   * throws ScreeningNotFoundError when the screening does not exist in the context's fund. Idempotency as for screenings.
   */
  addAssessment(assessment: NewAssessment, context: WriteContext): Promise<AddAssessmentResult>;

  /**
   * Deletes every screening and correction of a citizen in the context's fund, and the citizen's data
   * keys in that fund, in one transaction, with a `citizen.erase` audit entry carrying the citizen key;
   * returns how many rows went. Another fund's rows and data keys of the same citizen are untouched.
   * The erased creates' Idempotency-Keys are remembered (hashed), so a retry is refused with
   * ErasedRequestError. Afterwards the database's residue is cleared (SQLite: the WAL is checkpointed
   * into the file, whose freed pages secure_delete has zeroed; PostgreSQL: the data-key table is
   * rewritten, once transactions older than the erasure have ended, waiting at most 15 s). Audit entries are kept: they record who accessed whom and hold only the keyed hash.
   */
  eraseCitizen(citizenKey: CitizenLookup, context: EraseContext): Promise<ErasureResult>;

  /** The model life cycle: published artifacts, activations, rollbacks and the shadow model. */
  readonly models: ModelStore;
  /**
   * Records outcomes of benefit periods (one, or a batch) in one transaction, each a new revision of its
   * (fund, citizen, benefit period start) with its `outcome.create` / `outcome.correct` audit entry (a
   * batch adds one `outcome.batch` entry with the counts). A record equal to the current outcome is a
   * replay (`unchanged`, nothing stored). Throws, storing nothing, OutcomePeriodNotFoundError when the
   * fund has no screening of the citizen with that period start, OutcomeConflictError when a record
   * changes what was known without `correction`, IdempotencyConflictError for a reused key; the refusal
   * is audited. The statuses, hours and correction reason are sealed under the citizen's data key.
   */
  recordOutcomes(items: readonly OutcomeItem[], context: WriteContext, options?: { batch?: boolean }): Promise<RecordedOutcome[]>;

  /** Every outcome revision of a citizen in the context's fund (of one benefit period, or all), oldest first; audited as `outcome.history`. */
  outcomeHistory(citizenKey: CitizenLookup, benefitPeriodStart: string | null, context: ReadContext): Promise<Outcome[]>;

  /**
   * Every benefit period with a known first day (of one fund, or of all for null): its first screening,
   * member input opened, and its current outcome; audited as one `screening.export` per fund, with counts.
   */
  exportScreenings(scope: { fundId: string | null; clientId: string }): Promise<ExportedPeriod[]>;

  /** Key maintenance for the operator's `rekey` command. */
  readonly keys: KeyMaintenance;

  /**
   * The benefit periods monitoring reads (first screening, latest correction, current outcome, opened
   * input, shadow scores), streamed page by page. Not audited here: the caller audits `monitoring.read`.
   */
  readonly monitoring: MonitoringSource;

  /** Appends an audit entry for operations outside this interface (model reads, refused requests). */
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;

  /**
   * Reads the audit log, newest first, filtered and paged, within the query's `fundId`: a fund's entries,
   * or for null those of clients without a fund and those from before tenancy. Does not audit itself:
   * the caller logs `audit.read`.
   */
  listAudit(query: AuditQuery): Promise<AuditPage>;

  /**
   * Remembers that a client sent a request id (the STAR compatibility layer's X-Request-Id) and says
   * whether it is new: false when the same client sent it within the last REQUEST_ID_RETENTION_DAYS
   * days, on any instance. An older id counts as new again; each call purges a batch of expired ids.
   * Refuses an id holding a CPR number (PersonalDataError).
   */
  claimRequestId(claim: RequestIdClaim): Promise<boolean>;

  /**
   * Deletes what `policy` no longer keeps, as of the repository's clock: screenings (with their
   * assessments) whose benefit period ended more than `screeningMonths` ago, and audit entries older
   * than `auditMonths` (never younger than 184 days: the database refuses). Bounded batches, each one
   * transaction; one `retention.run` audit entry with the counts. Returns `busy` without doing
   * anything while another instance runs it; throws RetentionRefusedError when the database's guard
   * refuses the audit cut-off.
   */
  applyRetention(policy: RetentionPolicy, options?: RetentionOptions): Promise<RetentionResult>;

  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;

  /** Releases connections; the repository is unusable afterwards. */
  close(): Promise<void>;
}
