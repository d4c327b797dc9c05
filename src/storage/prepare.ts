/**
 * Validation and preparation of writes, shared by both implementations so they store exactly the same
 * values and compute the same idempotency fingerprints.
 */
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { copenhagenDate, DEFAULT_OCCASION, screeningTimingIssues } from '../screening/occasion.js';
import { CorruptRecordError, StorageValidationError } from './errors.js';
import { requestFingerprint } from './fingerprint.js';
import { assertNoCpr } from './personalDataGuard.js';
import { withinCodePoints } from './schemaMirrors.js';
import { CITIZEN_KEY_PATTERN } from '../privacy/citizenKey.js';
import {
  auditQuerySchema,
  citizenLookupSchema,
  type CitizenLookup,
  eraseContextSchema,
  newAssessmentSchema,
  newAuditEntrySchema,
  newScreeningSchema,
  readContextSchema,
  REQUEST_ID_RETENTION_DAYS,
  requestIdClaimSchema,
  screeningRequestSchema,
  writeContextSchema,
  type Assessment,
  type AuditAction,
  type AuditQuery,
  type EraseContext,
  type NewAssessment,
  type NewAuditEntry,
  type NewScreening,
  type ReadContext,
  type RequestIdClaim,
  type Screening,
  type ScreeningRequest,
  type ScreeningWithAssessments,
  type WriteContext,
} from './records.js';

/** Parses `value` with `schema`, or throws StorageValidationError naming `what`. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw StorageValidationError.fromZod(what, r.error);
  return r.data;
}

/** Parses a row read back from `table`, or throws CorruptRecordError. */
export function parseRow<S extends z.ZodType>(schema: S, value: unknown, table: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new CorruptRecordError(table, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return r.data;
}

/** Context fields as stored: optional ones become null. */
export interface WriteMeta {
  clientId: string;
  fundId: string;
  requestId: string | null;
  idempotencyKey: string | null;
  fingerprint: string | null;
  /** The citizen's key under the previous CPR secret (rows under it move to the written key), or null. */
  previousCitizenKey: string | null;
  /** The fingerprint the same request had under the previous key (a retry that spans the move), or null. */
  previousFingerprint: string | null;
}

type ValidContext = z.output<typeof writeContextSchema>;

/** The context's fields that the CPR guard checks beside the record's own. */
function contextText(c: ValidContext) {
  return { clientId: c.clientId, requestId: c.requestId, idempotencyKey: c.idempotencyKey };
}

/**
 * The context as stored; the fingerprint is computed only when an Idempotency-Key asks for it, and
 * under the previous citizen key too when the request names one (`fingerprintUnder` then takes it).
 */
function writeMetaOf(c: ValidContext, fingerprint: () => string, fingerprintUnder?: (citizenKey: string) => string): WriteMeta {
  const idempotencyKey = c.idempotencyKey ?? null;
  const previousCitizenKey = c.previousCitizenKey ?? null;
  return {
    clientId: c.clientId,
    fundId: c.fundId,
    requestId: c.requestId ?? null,
    idempotencyKey,
    fingerprint: idempotencyKey === null ? null : fingerprint(),
    previousCitizenKey,
    previousFingerprint:
      idempotencyKey === null || previousCitizenKey === null || fingerprintUnder === undefined
        ? null
        : fingerprintUnder(previousCitizenKey),
  };
}

/** A validated screening ready to insert, with its new id and time. */
export interface PreparedScreening {
  screening: Screening;
  meta: WriteMeta;
}

/** Validates a screening and its context, refuses CPR numbers in clear, assigns id and created time. */
export function prepareScreening(input: NewScreening, context: WriteContext, now: Date): PreparedScreening {
  const s = validate(newScreeningSchema, input, 'screening');
  const c = validate(writeContextSchema, context, 'write context');
  const today = copenhagenDate(now);
  const screeningDate = s.screeningDate ?? today;
  const timing = screeningTimingIssues({ occasion: s.occasion, benefitPeriodStart: s.benefitPeriodStart, screeningDate }, today);
  if (timing.length > 0) throw new StorageValidationError('screening', timing);
  assertNoCpr({
    input: s.input,
    factors: s.factors,
    activities: s.activities,
    details: s.details,
    modelVersion: s.modelVersion,
    caseworkerId: s.caseworkerId,
    ...contextText(c),
  });
  return {
    screening: { id: randomUUID(), createdAt: now.toISOString(), clientId: c.clientId, fundId: c.fundId, ...s, screeningDate },
    meta: writeMetaOf(
      c,
      () => screeningFingerprint(s),
      (k) => screeningFingerprint({ ...s, citizenKey: k }),
    ),
  };
}

// The model's output (factors, activities, details) is left out on purpose: a retry after a new
// model or policy was published is the same request and must return the first result.
// The timing enters as requested (a date left out stays null), so a retry after midnight still
// matches; each field only when it is not the default, so a request without timing keeps the
// fingerprint it had before the fields existed.
function screeningFingerprint(r: z.output<typeof screeningRequestSchema>): string {
  return requestFingerprint({
    citizenKey: r.citizenKey,
    input: r.input,
    caseworkerId: r.caseworkerId,
    ...(r.occasion !== DEFAULT_OCCASION && { occasion: r.occasion }),
    ...(r.benefitPeriodStart !== null && { benefitPeriodStart: r.benefitPeriodStart }),
    ...(r.screeningDate !== null && { screeningDate: r.screeningDate }),
  });
}

/** A validated create request and its context, for looking up an earlier create by its Idempotency-Key. */
export interface PreparedScreeningRequest {
  citizenKey: string;
  meta: WriteMeta;
}

/** Validates a create request and its context; the fingerprint equals the one prepareScreening stores for it. */
export function prepareScreeningRequest(request: ScreeningRequest, context: WriteContext): PreparedScreeningRequest {
  const r = validate(screeningRequestSchema, request, 'screening request');
  const c = validate(writeContextSchema, context, 'write context');
  assertNoCpr({
    input: r.input,
    caseworkerId: r.caseworkerId,
    ...contextText(c),
  });
  return {
    citizenKey: r.citizenKey,
    meta: writeMetaOf(
      c,
      () => screeningFingerprint(r),
      (k) => screeningFingerprint({ ...r, citizenKey: k }),
    ),
  };
}

/** A validated correction ready to insert. */
export interface PreparedAssessment {
  assessment: Assessment;
  meta: WriteMeta;
}

/** Validates a correction and its context, refuses CPR numbers in clear, assigns id and time. */
export function prepareAssessment(input: NewAssessment, context: WriteContext, now: Date): PreparedAssessment {
  const a = validate(newAssessmentSchema, input, 'assessment');
  const c = validate(writeContextSchema, context, 'write context');
  assertNoCpr({
    comment: a.comment,
    caseworkerId: a.caseworkerId,
    ...contextText(c),
  });
  return {
    assessment: { id: randomUUID(), createdAt: now.toISOString(), clientId: c.clientId, fundId: c.fundId, ...a },
    // Without a reason the fingerprint is the one stored before reasons existed, so such a retry still matches.
    meta: writeMetaOf(c, () => requestFingerprint(a.reason === null ? (({ reason: _r, ...rest }) => rest)(a) : a)),
  };
}

/** An audit entry as stored, before the database assigns its id. */
export interface PreparedAudit {
  at: string;
  clientId: string;
  fundId: string | null;
  action: string;
  outcome: string;
  citizenKey: string | null;
  screeningId: string | null;
  requestId: string | null;
  detail: string | null;
}

/** Validates an audit entry and refuses CPR numbers in clear. */
export function prepareAudit(entry: NewAuditEntry, now: Date): PreparedAudit {
  const e = validate(newAuditEntrySchema, entry, 'audit entry');
  assertNoCpr({ clientId: e.clientId, requestId: e.requestId, detail: e.detail });
  return { at: now.toISOString(), ...e };
}

const AUDIT_KEYS = new Set(['clientId', 'fundId', 'action', 'outcome', 'citizenKey', 'screeningId', 'requestId', 'detail']);

/**
 * Many audit entries as prepareAudit prepares them, for a batch's one entry per record: the fields
 * the entries share (client, fund, request id, action, outcome) are validated once, with the whole of
 * the first entry that has them; every later entry with the same values (compared as given) only has
 * its own fields checked (citizen key, detail), against the same rules. Any entry that differs
 * otherwise, or holds a screening id, is prepared by prepareAudit itself.
 */
export function prepareAudits(entries: readonly NewAuditEntry[], now: Date): PreparedAudit[] {
  const at = now.toISOString();
  const out: PreparedAudit[] = new Array(entries.length);
  let ref: NewAuditEntry | null = null;
  let refPrepared: PreparedAudit | null = null;
  const cleanDetails = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (ref !== null && refPrepared !== null && sharesFields(entry, ref)) {
      const citizenKey = entry.citizenKey ?? null;
      const detail = entry.detail ?? null;
      if (
        (entry.screeningId === undefined || entry.screeningId === null) &&
        (citizenKey === null || (typeof citizenKey === 'string' && CITIZEN_KEY_PATTERN.test(citizenKey))) &&
        (detail === null || (typeof detail === 'string' && withinCodePoints(detail, 500)))
      ) {
        if (detail !== null && !cleanDetails.has(detail)) {
          assertNoCpr({ detail });
          cleanDetails.add(detail);
        }
        const { clientId, fundId, action, outcome, requestId } = refPrepared;
        out[i] = { at, clientId, fundId, action, outcome, citizenKey, screeningId: null, requestId, detail };
        continue;
      }
    }
    out[i] = prepareAudit(entry, now);
    ref = entry;
    refPrepared = out[i];
  }
  return out;
}

/** Whether `e` has only audit-entry keys and the same shared fields, as given, as `ref`. */
function sharesFields(e: NewAuditEntry, ref: NewAuditEntry): boolean {
  if (typeof e !== 'object' || e === null || Object.getPrototypeOf(e) !== Object.prototype) return false;
  for (const k in e) if (!AUDIT_KEYS.has(k)) return false;
  return (
    e.clientId === ref.clientId &&
    e.fundId === ref.fundId &&
    e.requestId === ref.requestId &&
    e.action === ref.action &&
    e.outcome === ref.outcome
  );
}

/** The validated read context with the operation's default action applied. */
export function auditFieldsForRead(
  context: ReadContext,
  defaultAction: AuditAction,
): { clientId: string; fundId: string; requestId: string | null; action: AuditAction } {
  const c = validate(readContextSchema, context, 'read context');
  assertNoCpr({ clientId: c.clientId, requestId: c.requestId });
  return { clientId: c.clientId, fundId: c.fundId, requestId: c.requestId ?? null, action: c.action ?? defaultAction };
}

/** The validated erase context. */
export function auditFieldsForErase(context: EraseContext): { clientId: string; fundId: string; requestId: string | null } {
  const c = validate(eraseContextSchema, context, 'erase context');
  assertNoCpr({ clientId: c.clientId, requestId: c.requestId });
  return { clientId: c.clientId, fundId: c.fundId, requestId: c.requestId ?? null };
}

/** A validated request id claim and the time before which a remembered id has expired (ISO). */
export function prepareRequestIdClaim(claim: RequestIdClaim, now: Date): { clientId: string; requestId: string; expiredBefore: string } {
  const c = validate(requestIdClaimSchema, claim, 'request id');
  assertNoCpr({ clientId: c.clientId, requestId: c.requestId });
  const expiredBefore = new Date(now.getTime() - REQUEST_ID_RETENTION_DAYS * 86_400_000).toISOString();
  return { clientId: c.clientId, requestId: c.requestId, expiredBefore };
}

/** The current and previous keys of a citizen lookup (previous null when there is none, or it is the same key). */
export function lookupKeys(lookup: CitizenLookup): { current: string; previous: string | null } {
  const l = validate(citizenLookupSchema, lookup, 'citizen key');
  if (typeof l === 'string') return { current: l, previous: null };
  return { current: l.current, previous: l.previous === l.current ? null : l.previous };
}

/** The validated audit query. */
export function prepareAuditQuery(query: AuditQuery): z.output<typeof auditQuerySchema> {
  const q = validate(auditQuerySchema, query, 'audit query');
  // Stored times are UTC with milliseconds; normalising lets SQLite compare them as text.
  return {
    ...q,
    from: q.from === undefined ? undefined : new Date(q.from).toISOString(),
    to: q.to === undefined ? undefined : new Date(q.to).toISOString(),
  };
}

/** Pairs a screening with its corrections, which the caller passes oldest first. */
export function withAssessments(screening: Screening, assessments: Assessment[]): ScreeningWithAssessments {
  return { screening, assessments, currentAssessment: assessments.length ? assessments[assessments.length - 1] : null };
}
