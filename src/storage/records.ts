/**
 * The records the repository stores and returns, as zod schemas; the TypeScript types are inferred
 * from them. Every write is validated here before it reaches SQL, and every row read back is
 * validated again, so a corrupted or hand-edited database is reported instead of served.
 */
import { z } from 'zod';
import { CITIZEN_KEY_PATTERN } from '../privacy/citizenKey.js';
import { WEEKS_TEXT_PATTERN } from '../data/weeksText.js';
import { assessmentReasonSchema } from '../screening/assessmentReason.js';
import { calendarDateSchema, DEFAULT_OCCASION, occasionSchema } from '../screening/occasion.js';
import { subgroupSchema, targetGroupSchema } from '../screening/targetGroup.js';

/** The keyed hash of a CPR number (64 lowercase hex digits); a CPR in clear does not match it. */
export const citizenKeySchema = z
  .string()
  .regex(CITIZEN_KEY_PATTERN, 'citizen key must be the 64-hex-digit HMAC of a CPR number, never the CPR itself');

/**
 * Which citizen an operation is about: the citizen key, or, while a previous CPR secret is still tried,
 * the key under the current secret and the one under the previous (rows found under the previous key
 * move to the current one).
 */
export const citizenLookupSchema = z.union([
  citizenKeySchema,
  z.object({ current: citizenKeySchema, previous: citizenKeySchema.nullable() }).strict(),
]);

/** A citizen key, or the current and previous keys of one CPR number. */
export type CitizenLookup = z.input<typeof citizenLookupSchema>;

/** An identifier of a client, caseworker or model version: short, printable, no line breaks. */
const shortText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** Zod schema for client ids (the API key's client name). */
export const clientIdSchema = shortText(100);
/** Zod schema for caseworker ids (the fund's own user id, not a CPR number). */
export const caseworkerIdSchema = shortText(200);
/** Zod schema for a client-supplied Idempotency-Key. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be 1–255 visible ASCII characters');
/** Zod schema for a request id carried into the audit log for correlation with service logs. */
export const requestIdSchema = shortText(200);

/**
 * The unemployment fund (a-kasse) a client acts for, by its a-kasse number: 1–4 digits without leading
 * zeros, so one fund cannot be spelt two ways. Every screening, assessment and audit entry belongs to
 * one fund, and every read is confined to it.
 */
export const fundIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,3}$/, 'fund must be the a-kasse number: 1–4 digits without leading zeros, e.g. "15"');

/**
 * The fund of rows stored before tenancy (migration 3). No client's fund can equal it, so such rows
 * are returned to no fund's client; they stay in the database until an operator assigns or deletes them.
 */
export const LEGACY_FUND_ID = '';

/**
 * A fund as reads and erasures name it: a fund, or the legacy fund, so maintenance can still reach the
 * rows stored before tenancy (the service never names it: a client's fund is always a real one).
 * Writes always name a real fund.
 */
const readFundIdSchema = z.union([fundIdSchema, z.literal(LEGACY_FUND_ID)]);

const isoTimestamp = z.iso.datetime({ offset: false, precision: 3 });

/**
 * When a screening happened, as the request gave it: the occasion (default `other`), the first day of
 * the benefit period (null: not known) and the screening date (null: the Danish date of the day it is
 * stored). The request's own values, not the defaults, enter the Idempotency-Key fingerprint, so a
 * retry without a date after midnight is still the same request.
 */
const screeningTimingFields = {
  occasion: occasionSchema.default(DEFAULT_OCCASION),
  benefitPeriodStart: calendarDateSchema.nullable().default(null),
  screeningDate: calendarDateSchema.nullable().default(null),
};

/** Zod schema of what the service hands over to store a screening (the client id comes with the write context). */
export const newScreeningSchema = z
  .object({
    citizenKey: citizenKeySchema,
    modelVersion: shortText(200),
    /** Member characteristics and Q2/Q10 answers exactly as scored; personal data, but never the CPR. */
    input: z.record(z.string(), z.json()),
    probability: z.number().min(0).max(1),
    linearPredictor: z.number(),
    targetGroup: targetGroupSchema,
    subgroup: subgroupSchema.nullable().default(null),
    jobCentreReferral: z.boolean(),
    factors: z.array(z.json()),
    activities: z.array(z.json()),
    /** The rest of what the outcome showed (policy, cut-off, …), so it can be shown again exactly; storage does not look inside. */
    details: z.record(z.string(), z.json()).default({}),
    caseworkerId: caseworkerIdSchema.nullable().default(null),
    ...screeningTimingFields,
  })
  .strict()
  .refine((s) => s.subgroup === null || s.targetGroup === 2, {
    message: 'a subgroup (2a/2b) is only given within target group 2',
    path: ['subgroup'],
  });

/** A screening to store. */
export type NewScreening = z.input<typeof newScreeningSchema>;

/**
 * Zod schema of a shadow model's score of a new screening, stored beside it (`shadow_scores`) and never
 * shown: the monitoring compares it with the active model's on the same members.
 */
export const shadowScoreSchema = z
  .object({
    modelVersion: shortText(200),
    probability: z.number().min(0).max(1),
    linearPredictor: z.number().refine(Number.isFinite, 'must be finite'),
    targetGroup: targetGroupSchema,
  })
  .strict();

/** A shadow model's score to store with a new screening. */
export type ShadowScore = z.input<typeof shadowScoreSchema>;

/**
 * Zod schema of what identifies a create request for idempotency: the citizen, the input and the
 * caseworker, not the model's outcome, so a retry can be recognised before (and without) scoring it.
 */
export const screeningRequestSchema = z
  .object({
    citizenKey: citizenKeySchema,
    input: z.record(z.string(), z.json()),
    caseworkerId: caseworkerIdSchema.nullable().default(null),
    ...screeningTimingFields,
  })
  .strict();

/** A create request as its Idempotency-Key fingerprint sees it. */
export type ScreeningRequest = z.input<typeof screeningRequestSchema>;

/** Zod schema of a stored screening: the statistical result, immutable once written. */
export const screeningSchema = z.object({
  id: z.uuid(),
  citizenKey: citizenKeySchema,
  createdAt: isoTimestamp,
  modelVersion: z.string(),
  input: z.record(z.string(), z.json()),
  probability: z.number().min(0).max(1),
  linearPredictor: z.number(),
  targetGroup: targetGroupSchema,
  subgroup: subgroupSchema.nullable(),
  jobCentreReferral: z.boolean(),
  factors: z.array(z.json()),
  activities: z.array(z.json()),
  /** `{}` for screenings stored before the column existed (migration 2). */
  details: z.record(z.string(), z.json()),
  caseworkerId: z.string().nullable(),
  clientId: z.string(),
  /** The fund it belongs to; {@link LEGACY_FUND_ID} for screenings stored before migration 3. */
  fundId: z.string(),
  /** `other` for screenings stored before migration 3. */
  occasion: occasionSchema,
  /** YYYY-MM-DD, or null when not known (and for screenings stored before migration 3). */
  benefitPeriodStart: z.iso.date().nullable(),
  /** YYYY-MM-DD; for screenings stored before migration 3, the Danish date of `createdAt`. */
  screeningDate: z.iso.date(),
});

/** A stored screening. */
export type Screening = z.infer<typeof screeningSchema>;

/** Zod schema of a caseworker's correction to hand over for storage. */
export const newAssessmentSchema = z
  .object({
    screeningId: z.uuid(),
    correctedTargetGroup: targetGroupSchema,
    correctedSubgroup: subgroupSchema.nullable().default(null),
    /** Null only for assessments stored before reasons were recorded (migration 7); the API requires one. */
    reason: assessmentReasonSchema.nullable().default(null),
    comment: z.string().max(10_000).nullable().default(null),
    caseworkerId: caseworkerIdSchema,
  })
  .strict()
  .refine((a) => a.correctedSubgroup === null || a.correctedTargetGroup === 2, {
    message: 'a subgroup (2a/2b) is only given within target group 2',
    path: ['correctedSubgroup'],
  });

/** A correction to store. */
export type NewAssessment = z.input<typeof newAssessmentSchema>;

/** Zod schema of a stored correction; append-only, the latest is the current one. */
export const assessmentSchema = z.object({
  id: z.uuid(),
  screeningId: z.uuid(),
  createdAt: isoTimestamp,
  correctedTargetGroup: targetGroupSchema,
  correctedSubgroup: subgroupSchema.nullable(),
  /** Null for an assessment stored before reasons were recorded. */
  reason: assessmentReasonSchema.nullable(),
  comment: z.string().nullable(),
  caseworkerId: z.string(),
  clientId: z.string(),
  /** The fund of its screening; {@link LEGACY_FUND_ID} for corrections stored before migration 3. */
  fundId: z.string(),
});

/** A stored correction. */
export type Assessment = z.infer<typeof assessmentSchema>;

/** A screening with its corrections, oldest first; `currentAssessment` is the latest or null. */
export interface ScreeningWithAssessments {
  screening: Screening;
  assessments: Assessment[];
  currentAssessment: Assessment | null;
}

/** What the audit log records; extend here (the database stores the text, so no migration is needed). */
export const AUDIT_ACTIONS = [
  'screening.create',
  'screening.read',
  'screening.read_pdf',
  'screening.read_letter',
  'screening.exists',
  'screening.history',
  'assessment.create',
  'citizen.erase',
  'citizen.rekey',
  'model.read',
  'model.publish',
  'model.activate',
  'model.rollback',
  'model.shadow_start',
  'model.shadow_stop',
  'audit.read',
  'monitoring.read',
  'auth.denied',
  'retention.run',
  'outcome.create',
  'outcome.correct',
  'outcome.batch',
  'outcome.history',
  'screening.export',
] as const;

/** Zod schema for audit actions written by this version. */
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
/** An audit action. */
export type AuditAction = z.infer<typeof auditActionSchema>;

/** How an audited operation ended. */
export const AUDIT_OUTCOMES = ['success', 'not_found', 'denied', 'invalid', 'conflict', 'error'] as const;
/** Zod schema for audit outcomes. */
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
/** An audit outcome. */
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** Zod schema of an audit entry to append; `detail` is short, free of personal data, and checked for CPR numbers. */
export const newAuditEntrySchema = z
  .object({
    clientId: clientIdSchema,
    /** The acting client's fund; null for a client without one (an operator's monitoring client). */
    fundId: readFundIdSchema.nullable(),
    action: auditActionSchema,
    outcome: auditOutcomeSchema,
    citizenKey: citizenKeySchema.nullable().default(null),
    screeningId: z.uuid().nullable().default(null),
    requestId: requestIdSchema.nullable().default(null),
    detail: z.string().max(500).nullable().default(null),
  })
  .strict();

/** An audit entry to append. */
export type NewAuditEntry = z.input<typeof newAuditEntrySchema>;

/** Zod schema of a stored audit entry. `action` is read leniently so a newer version's actions do not break older readers. */
export const auditEntrySchema = z.object({
  id: z.string().regex(/^\d+$/),
  at: isoTimestamp,
  clientId: z.string(),
  /** The acting client's fund; null for a client without one; {@link LEGACY_FUND_ID} for entries written before migration 3. */
  fundId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  citizenKey: citizenKeySchema.nullable(),
  screeningId: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.string().nullable(),
});

/** A stored audit entry; `id` is a decimal sequence number (as text: PostgreSQL's bigint exceeds JS numbers). */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * Zod schema of an audit query: filters combine with AND; newest first; `cursor` is the previous page's
 * `nextCursor`. `fundId` is the reader's scope and always required: a fund's entries, or for null (an
 * operator without a fund) the entries of clients without one and those written before tenancy.
 */
export const auditQuerySchema = z
  .object({
    fundId: fundIdSchema.nullable(),
    clientId: z.string().optional(),
    action: z.string().optional(),
    outcome: z.string().optional(),
    citizenKey: citizenKeySchema.optional(),
    /**
     * Any of these citizen keys (a CPR number's keys under the current and the previous secret); entries
     * under a key that has since moved to one of them are found too. Combines with `citizenKey` by AND.
     */
    citizenKeys: z.array(citizenKeySchema).min(1).max(4).optional(),
    screeningId: z.uuid().optional(),
    /** Inclusive lower bound on `at`. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive upper bound on `at`. */
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, 'cursor must be a nextCursor returned earlier')
      .optional(),
  })
  .strict();

/** An audit query. */
export type AuditQuery = z.input<typeof auditQuerySchema>;

/** One page of audit entries; `nextCursor` is null on the last page. */
export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** Who writes, for the row and the audit entry. */
export const writeContextSchema = z
  .object({
    clientId: clientIdSchema,
    /** The fund the client acts for: the operation sees and writes only this fund's rows. */
    fundId: fundIdSchema,
    requestId: requestIdSchema.nullable().optional(),
    /** A client-supplied key: a retried write with the same key returns the first result. */
    idempotencyKey: idempotencyKeySchema.nullable().optional(),
    /**
     * The citizen's key under the previous CPR secret, while one is configured: rows stored under it
     * move to the written key, and a retry first stored under it is still recognised.
     */
    previousCitizenKey: citizenKeySchema.nullable().optional(),
  })
  .strict();

/** Who writes. */
export type WriteContext = z.input<typeof writeContextSchema>;

/** The read actions a caller may name; the audit entry records which kind of read it was. */
export const readActionSchema = z.enum([
  'screening.read',
  'screening.read_pdf',
  'screening.read_letter',
  'screening.exists',
  'screening.history',
]);

/** Zod schema of who reads, recorded in the audit log. */
export const readContextSchema = z
  .object({
    clientId: clientIdSchema,
    /** The fund the client acts for: the operation sees and writes only this fund's rows. */
    fundId: readFundIdSchema,
    requestId: requestIdSchema.nullable().optional(),
    /** Overrides the operation's default action, e.g. `screening.read_pdf` when the result becomes a PDF. */
    action: readActionSchema.optional(),
  })
  .strict();

/** Who reads. */
export type ReadContext = z.input<typeof readContextSchema>;

/**
 * How long a client's request id (the STAR compatibility layer's X-Request-Id) is remembered: a repeat
 * within this many days of its first use is refused; after it the id counts as new and its row is purged.
 */
export const REQUEST_ID_RETENTION_DAYS = 30;

/** Zod schema of a request id a client sent, to be remembered so a repeat can be refused. */
export const requestIdClaimSchema = z.object({ clientId: clientIdSchema, requestId: requestIdSchema }).strict();

/** A client's request id to remember. */
export type RequestIdClaim = z.input<typeof requestIdClaimSchema>;

/** Zod schema of who erases. */
export const eraseContextSchema = z
  .object({ clientId: clientIdSchema, fundId: readFundIdSchema, requestId: requestIdSchema.nullable().optional() })
  .strict();

/** Who erases. */
export type EraseContext = z.input<typeof eraseContextSchema>;

/** A member's status at the 13- and 26-week follow-up (sealed: sickness benefit is health data). */
export const FOLLOW_UP_STATUSES = ['in_work', 'on_dagpenge', 'in_education', 'on_sickness_benefit', 'left_fund', 'unknown'] as const;
/** Zod schema of a follow-up status. */
export const followUpStatusSchema = z.enum(FOLLOW_UP_STATUSES);

/** Zod schema of the weeks of dagpenge hours as stored: `YYYYWW:hours;…`, canonical weeks and exact decimal hours. */
const storedWeeksSchema = z.string().regex(WEEKS_TEXT_PATTERN, 'weeks are YYYYWW:hours pairs joined by ";", at most 520');

/**
 * The fields of an outcome that say what became of the period; two revisions with equal fields are the
 * same outcome (a replay), with different ones a correction. `longTermState` 'known' carries `longTerm`;
 * 'pending' means the 52 weeks are not over (censored, not "no"); 'not_given' means this record has no
 * 52-week outcome (only follow-up statuses).
 */
const outcomeContentFields = {
  statusWeek13: followUpStatusSchema.nullable(),
  statusWeek26: followUpStatusSchema.nullable(),
  longTermState: z.enum(['known', 'pending', 'not_given']),
  longTerm: z.boolean().nullable(),
  longTermSource: z.enum(['given', 'hours']).nullable(),
  /** The rule that made the label from hours (null when the label was given). */
  labelCode: shortText(100).nullable(),
  /** Hours in the 52-week window (from hours only). */
  benefitHours: z.number().min(0).nullable(),
  /** Weeks sent that fall inside the window (from hours only). */
  weeksReported: z.number().int().min(0).nullable(),
  /** The weeks as sent, canonical, in week order (from hours only); see data/weeksText.ts. */
  weeklyHours: storedWeeksSchema.nullable(),
  /** The last week the extract covered (from hours only). */
  hoursThroughWeek: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
};

/** Zod schema of an outcome to store (the service computes the label from hours before it comes here). */
export const newOutcomeSchema = z
  .object({
    citizenKey: citizenKeySchema,
    benefitPeriodStart: calendarDateSchema,
    ...outcomeContentFields,
    /** True for a deliberate correction of a different earlier outcome; needs `correctionReason`. */
    correction: z.boolean().default(false),
    correctionReason: z.string().min(1).max(2000).nullable().default(null),
  })
  .strict()
  .refine((o) => (o.longTerm === null) === (o.longTermState !== 'known'), {
    message: 'longTerm is given exactly when the 52-week outcome is known',
    path: ['longTerm'],
  })
  .refine((o) => (o.longTermSource === null) === (o.longTermState === 'not_given'), {
    message: 'a 52-week outcome (known or pending) names its source, given or hours',
    path: ['longTermSource'],
  })
  .refine((o) => o.longTermSource === 'hours' || (o.weeklyHours === null && o.labelCode === null && o.benefitHours === null), {
    message: 'hours, label code and window hours come only with an outcome computed from hours',
    path: ['weeklyHours'],
  })
  .refine((o) => !o.correction || o.correctionReason !== null, {
    message: 'a correction needs a reason',
    path: ['correctionReason'],
  });

/** An outcome to store. */
export type NewOutcome = z.input<typeof newOutcomeSchema>;

/** Zod schema of a stored outcome revision: immutable; the highest revision is the period's current outcome. */
export const outcomeSchema = z.object({
  id: z.uuid(),
  citizenKey: citizenKeySchema,
  fundId: z.string(),
  benefitPeriodStart: z.iso.date(),
  revision: z.number().int().min(1),
  createdAt: isoTimestamp,
  ...outcomeContentFields,
  correctionReason: z.string().nullable(),
  clientId: z.string(),
});

/** A stored outcome revision. */
export type Outcome = z.infer<typeof outcomeSchema>;
