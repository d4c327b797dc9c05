import type { Migration } from './migration.js';

/**
 * SQLite schema. STRICT tables so a wrong type is an error, not a silent conversion; times are UTC ISO
 * text with milliseconds, which sorts correctly as text; `seq` orders rows written in the same
 * millisecond. Triggers make screenings and corrections immutable and the audit log append-only even
 * against hand-written SQL.
 */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'screenings, assessments, audit log',
    sql: `
CREATE TABLE screenings (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  id                  TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
  citizen_key         TEXT NOT NULL CHECK (length(citizen_key) = 64 AND citizen_key NOT GLOB '*[^0-9a-f]*'),
  created_at          TEXT NOT NULL,
  model_version       TEXT NOT NULL,
  input               TEXT NOT NULL CHECK (json_valid(input) AND json_type(input) = 'object'),
  probability         REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
  linear_predictor    REAL NOT NULL,
  target_group        INTEGER NOT NULL CHECK (target_group IN (1, 2)),
  subgroup            TEXT CHECK (subgroup IS NULL OR (subgroup IN ('2a', '2b') AND target_group = 2)),
  job_centre_referral INTEGER NOT NULL CHECK (job_centre_referral IN (0, 1)),
  factors             TEXT NOT NULL CHECK (json_valid(factors) AND json_type(factors) = 'array'),
  activities          TEXT NOT NULL CHECK (json_valid(activities) AND json_type(activities) = 'array'),
  caseworker_id       TEXT,
  client_id           TEXT NOT NULL,
  idempotency_key     TEXT,
  request_fingerprint TEXT,
  CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
) STRICT;
CREATE UNIQUE INDEX screenings_idempotency ON screenings (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX screenings_citizen_latest ON screenings (citizen_key, created_at, seq);

CREATE TABLE assessments (
  seq                    INTEGER PRIMARY KEY AUTOINCREMENT,
  id                     TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
  screening_id           TEXT NOT NULL REFERENCES screenings (id),
  created_at             TEXT NOT NULL,
  corrected_target_group INTEGER NOT NULL CHECK (corrected_target_group IN (1, 2)),
  corrected_subgroup     TEXT CHECK (corrected_subgroup IS NULL OR (corrected_subgroup IN ('2a', '2b') AND corrected_target_group = 2)),
  comment                TEXT,
  caseworker_id          TEXT NOT NULL,
  client_id              TEXT NOT NULL,
  idempotency_key        TEXT,
  request_fingerprint    TEXT,
  CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
) STRICT;
CREATE UNIQUE INDEX assessments_idempotency ON assessments (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX assessments_screening ON assessments (screening_id, created_at, seq);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  client_id    TEXT NOT NULL,
  action       TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  citizen_key  TEXT CHECK (citizen_key IS NULL OR (length(citizen_key) = 64 AND citizen_key NOT GLOB '*[^0-9a-f]*')),
  screening_id TEXT,
  request_id   TEXT,
  detail       TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_citizen ON audit_log (citizen_key) WHERE citizen_key IS NOT NULL;
CREATE INDEX audit_log_client ON audit_log (client_id, id);

CREATE TRIGGER screenings_immutable BEFORE UPDATE ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings are immutable'); END;
CREATE TRIGGER assessments_immutable BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
  },
  {
    // ADD COLUMN only rewrites the schema text, so the BEFORE UPDATE trigger on screenings does not
    // fire and rows stored before stay untouched; they read the default '{}'. A CHECK is tested
    // against the existing rows, which all hold the default.
    version: 2,
    name: 'screening details',
    sql: `
ALTER TABLE screenings ADD COLUMN details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details) AND json_type(details) = 'object');
`,
  },
  {
    // The caseworker's reason from a fixed list (src/storage/records.ts ASSESSMENT_REASONS; validated
    // there, so the list can grow without a migration). Assessments stored before read NULL.
    version: 7,
    name: 'assessment reason',
    sql: `
ALTER TABLE assessments ADD COLUMN reason TEXT CHECK (reason IS NULL OR (length(reason) BETWEEN 1 AND 64 AND reason NOT GLOB '*[^a-z0-9_]*'));
`,
  },
];
