import { copenhagenDate } from '../screening/occasion.js';
import { parseRow } from './prepare.js';
import type { SealedAssessment, SealedScreening } from './sealing.js';
import { assessmentSchema, auditEntrySchema, screeningSchema, type Assessment, type AuditEntry, type Screening } from './records.js';

/** A database row as the driver returns it, by column name. */
export type Row = Record<string, unknown>;

/**
 * How a dialect's driver returns the column types that differ: PostgreSQL gives timestamps as Date,
 * JSON as parsed values and booleans as booleans; SQLite gives ISO text, JSON text and 0/1.
 */
export interface ColumnReader {
  time(v: unknown): unknown;
  /** A calendar date column (YYYY-MM-DD, or null). */
  date(v: unknown): unknown;
  json(v: unknown): unknown;
  bool(v: unknown): unknown;
}

/** A screening from its row, validated (a corrupt row raises CorruptRecordError); `opened` replaces the clear columns of a sealed row. */
export function screeningFromRow(r: Row, c: ColumnReader, opened?: SealedScreening): Screening {
  const createdAt = c.time(r.created_at);
  const screeningDate = c.date(r.screening_date);
  return parseRow(
    screeningSchema,
    {
      id: r.id,
      citizenKey: r.citizen_key,
      createdAt,
      modelVersion: r.model_version,
      input: opened ? opened.input : c.json(r.input),
      probability: r.probability,
      linearPredictor: r.linear_predictor,
      targetGroup: r.target_group,
      subgroup: r.subgroup,
      jobCentreReferral: c.bool(r.job_centre_referral),
      factors: opened ? opened.factors : c.json(r.factors),
      activities: opened ? opened.activities : c.json(r.activities),
      details: opened ? opened.details : c.json(r.details),
      caseworkerId: r.caseworker_id,
      clientId: r.client_id,
      fundId: r.fund_id,
      occasion: r.occasion,
      benefitPeriodStart: c.date(r.benefit_period_start),
      // Rows stored before migration 3 have no date of their own: they were screened the day they were stored.
      screeningDate: screeningDate === null && typeof createdAt === 'string' ? legacyScreeningDate(createdAt) : screeningDate,
    },
    'screenings',
  );
}

/** A caseworker's assessment from its row, validated; `opened` replaces the comment of a sealed row. */
export function assessmentFromRow(r: Row, c: ColumnReader, opened?: SealedAssessment): Assessment {
  return parseRow(
    assessmentSchema,
    {
      id: r.id,
      screeningId: r.screening_id,
      createdAt: c.time(r.created_at),
      correctedTargetGroup: r.corrected_target_group,
      correctedSubgroup: r.corrected_subgroup,
      // Rows from before migration 7 have the column as NULL.
      reason: r.reason ?? null,
      comment: opened ? opened.comment : r.comment,
      caseworkerId: r.caseworker_id,
      clientId: r.client_id,
      fundId: r.fund_id,
    },
    'assessments',
  );
}

/** An audit entry from its row, validated. */
export function auditFromRow(r: Row, c: ColumnReader): AuditEntry {
  return parseRow(
    auditEntrySchema,
    {
      id: String(r.id),
      at: c.time(r.at),
      clientId: r.client_id,
      fundId: r.fund_id,
      action: r.action,
      outcome: r.outcome,
      citizenKey: r.citizen_key,
      screeningId: r.screening_id,
      requestId: r.request_id,
      detail: r.detail,
    },
    'audit_log',
  );
}

/** A UUID in its text form: ids that cannot be one are not looked up at all. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Danish date of a stored time; an unreadable time is left for the schema to report. */
function legacyScreeningDate(createdAt: string): string | null {
  const t = new Date(createdAt);
  return Number.isNaN(t.getTime()) ? null : copenhagenDate(t);
}
