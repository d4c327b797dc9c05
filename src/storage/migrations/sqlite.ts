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
    // Tenancy and the screening's timing. ADD COLUMN only rewrites the schema text (see migration 2),
    // so the immutability triggers do not fire and rows stored before keep their values: fund '' (the
    // legacy fund, which no client's fund equals), occasion 'other', and no dates (the reader takes the
    // Danish date of created_at). The idempotency and lookup indexes are rebuilt with the fund first,
    // so every query is confined to one fund by its index as much as by its WHERE clause.
    version: 3,
    name: 'funds and screening timing',
    sql: `
ALTER TABLE screenings ADD COLUMN fund_id TEXT NOT NULL DEFAULT '' CHECK (fund_id = '' OR (length(fund_id) <= 4 AND fund_id GLOB '[1-9]*' AND fund_id NOT GLOB '*[^0-9]*'));
ALTER TABLE screenings ADD COLUMN occasion TEXT NOT NULL DEFAULT 'other' CHECK (occasion IN ('notice_period', 'first_interview', 'week_9', 'week_13', 'other'));
ALTER TABLE screenings ADD COLUMN benefit_period_start TEXT CHECK (benefit_period_start IS NULL OR date(benefit_period_start) IS benefit_period_start);
ALTER TABLE screenings ADD COLUMN screening_date TEXT CHECK (screening_date IS NULL OR date(screening_date) IS screening_date);
ALTER TABLE assessments ADD COLUMN fund_id TEXT NOT NULL DEFAULT '' CHECK (fund_id = '' OR (length(fund_id) <= 4 AND fund_id GLOB '[1-9]*' AND fund_id NOT GLOB '*[^0-9]*'));
ALTER TABLE audit_log ADD COLUMN fund_id TEXT DEFAULT '' CHECK (fund_id IS NULL OR fund_id = '' OR (length(fund_id) <= 4 AND fund_id GLOB '[1-9]*' AND fund_id NOT GLOB '*[^0-9]*'));

DROP INDEX screenings_idempotency;
CREATE UNIQUE INDEX screenings_idempotency ON screenings (fund_id, client_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
DROP INDEX assessments_idempotency;
CREATE UNIQUE INDEX assessments_idempotency ON assessments (fund_id, client_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
DROP INDEX screenings_citizen_latest;
CREATE INDEX screenings_citizen_latest ON screenings (fund_id, citizen_key, screening_date, created_at, seq);
CREATE INDEX audit_log_fund ON audit_log (fund_id, id);
`,
  },
  {
    // Special-category data sealed at rest, erasure that stays erased, CPR secrets with ids. New rows
    // keep their member input, factors, activities and details (and an assessment its comment) in
    // `sealed`, AES-256-GCM under the citizen's data key; the JSON columns then hold '{}' / '[]' and the
    // comment NULL. Rows stored before keep their clear columns and `sealed` NULL. A data key belongs to
    // one (fund, citizen) and is wrapped under the configured key-encryption key named by `kek_id`.
    // `erased_requests` holds the hashes of erased creates' (fund, client, Idempotency-Key), so a retry
    // does not bring an erased screening back. The citizen key (and its secret's id) is the one column
    // of a screening that may change, when the CPR secret is rotated: the immutability trigger lists
    // every other column (the columns of migration 3 among them); a later column must be added to it.
    version: 4,
    name: 'sealed values, data keys, erased requests',
    sql: `
CREATE TABLE data_keys (
  id             TEXT PRIMARY KEY CHECK (length(id) = 36),
  fund_id        TEXT NOT NULL DEFAULT '',
  citizen_key    TEXT NOT NULL CHECK (length(citizen_key) = 64 AND citizen_key NOT GLOB '*[^0-9a-f]*'),
  citizen_key_id TEXT,
  kek_id         TEXT NOT NULL,
  wrapped        TEXT NOT NULL,
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX data_keys_citizen ON data_keys (fund_id, citizen_key, created_at);
CREATE INDEX data_keys_citizen_key ON data_keys (citizen_key);
CREATE INDEX data_keys_kek ON data_keys (kek_id);

CREATE TABLE erased_requests (
  request_hash TEXT PRIMARY KEY CHECK (length(request_hash) = 64 AND request_hash NOT GLOB '*[^0-9a-f]*'),
  erased_at    TEXT NOT NULL
) STRICT;

CREATE TABLE citizen_key_moves (
  old_key  TEXT NOT NULL CHECK (length(old_key) = 64 AND old_key NOT GLOB '*[^0-9a-f]*'),
  new_key  TEXT NOT NULL CHECK (length(new_key) = 64 AND new_key NOT GLOB '*[^0-9a-f]*'),
  moved_at TEXT NOT NULL,
  PRIMARY KEY (old_key, new_key)
) STRICT;
CREATE INDEX citizen_key_moves_new ON citizen_key_moves (new_key);

ALTER TABLE screenings ADD COLUMN sealed TEXT;
ALTER TABLE screenings ADD COLUMN citizen_key_id TEXT;
ALTER TABLE assessments ADD COLUMN sealed TEXT;
CREATE INDEX screenings_citizen_key_id ON screenings (citizen_key_id);

DROP TRIGGER screenings_immutable;
CREATE TRIGGER screenings_immutable BEFORE UPDATE OF seq, id, created_at, model_version, input, probability, linear_predictor,
  target_group, subgroup, job_centre_referral, factors, activities, caseworker_id, client_id, idempotency_key,
  request_fingerprint, details, fund_id, occasion, benefit_period_start, screening_date, sealed ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings are immutable'); END;
`,
  },
  {
    // Retention (issue 10.6). The audit log stays append-only against UPDATE; a DELETE is allowed only
    // of a row older than the audit cut-off of a recorded retention run and older than 184 days by the
    // database's own clock (the longest six months: AI Act Art. 26(6)). A run's row is refused unless
    // its cut-off is itself at least 184 days old, cannot be deleted, and only its counters (upwards)
    // and its finish time (once) may change, so every deletion of audit entries leaves its run behind.
    version: 5,
    name: 'retention runs, audit deletion only by retention',
    sql: `
CREATE TABLE retention_runs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  screening_cutoff TEXT CHECK (screening_cutoff IS NULL OR screening_cutoff GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  audit_cutoff     TEXT CHECK (audit_cutoff IS NULL OR audit_cutoff GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  screenings       INTEGER NOT NULL DEFAULT 0 CHECK (screenings >= 0),
  assessments      INTEGER NOT NULL DEFAULT 0 CHECK (assessments >= 0),
  audit_entries    INTEGER NOT NULL DEFAULT 0 CHECK (audit_entries >= 0)
) STRICT;

CREATE TRIGGER retention_runs_audit_floor BEFORE INSERT ON retention_runs
WHEN NEW.audit_cutoff IS NOT NULL AND NEW.audit_cutoff > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-184 days')
BEGIN SELECT RAISE(ABORT, 'retention: the audit cut-off must be at least 184 days before the database clock (AI Act Art. 26(6))'); END;
CREATE TRIGGER retention_runs_no_rewrite BEFORE UPDATE ON retention_runs
WHEN NEW.id IS NOT OLD.id OR NEW.started_at IS NOT OLD.started_at OR NEW.screening_cutoff IS NOT OLD.screening_cutoff
  OR NEW.audit_cutoff IS NOT OLD.audit_cutoff OR (OLD.finished_at IS NOT NULL AND NEW.finished_at IS NOT OLD.finished_at)
  OR NEW.screenings < OLD.screenings OR NEW.assessments < OLD.assessments OR NEW.audit_entries < OLD.audit_entries
BEGIN SELECT RAISE(ABORT, 'retention runs are append-only: only their counters grow and their finish time is set once'); END;
CREATE TRIGGER retention_runs_no_delete BEFORE DELETE ON retention_runs
BEGIN SELECT RAISE(ABORT, 'retention runs are append-only'); END;

DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_delete_by_retention_only BEFORE DELETE ON audit_log
WHEN OLD.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-184 days')
  OR (SELECT max(audit_cutoff) FROM retention_runs) IS NULL
  OR OLD.at >= (SELECT max(audit_cutoff) FROM retention_runs)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only a retention run deletes entries older than its cut-off and 184 days'); END;
`,
  },
  {
    // Version 6: see the PostgreSQL migration of the same version.
    version: 6,
    name: 'seen request ids',
    sql: `
CREATE TABLE seen_request_ids (
  client_id  TEXT NOT NULL,
  request_id TEXT NOT NULL CHECK (length(request_id) BETWEEN 1 AND 200),
  seen_at    TEXT NOT NULL,
  PRIMARY KEY (client_id, request_id)
) STRICT;
CREATE INDEX seen_request_ids_seen_at ON seen_request_ids (seen_at);
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
  {
    // Version 8: see the PostgreSQL migration of the same version.
    version: 8,
    name: 'outcomes',
    sql: `
CREATE TABLE outcomes (
  seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
  id                   TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
  fund_id              TEXT NOT NULL CHECK (length(fund_id) BETWEEN 1 AND 4 AND fund_id GLOB '[1-9]*' AND fund_id NOT GLOB '*[^0-9]*'),
  citizen_key          TEXT NOT NULL CHECK (length(citizen_key) = 64 AND citizen_key NOT GLOB '*[^0-9a-f]*'),
  citizen_key_id       TEXT,
  benefit_period_start TEXT NOT NULL CHECK (date(benefit_period_start) IS benefit_period_start),
  revision             INTEGER NOT NULL CHECK (revision >= 1),
  created_at           TEXT NOT NULL,
  status_week_13       TEXT CHECK (status_week_13 IS NULL OR status_week_13 IN ('in_work', 'on_dagpenge', 'in_education', 'on_sickness_benefit', 'left_fund', 'unknown')),
  status_week_26       TEXT CHECK (status_week_26 IS NULL OR status_week_26 IN ('in_work', 'on_dagpenge', 'in_education', 'on_sickness_benefit', 'left_fund', 'unknown')),
  long_term_state      TEXT NOT NULL CHECK (long_term_state IN ('known', 'pending', 'not_given')),
  long_term            INTEGER CHECK ((long_term IS NULL OR long_term IN (0, 1)) AND ((long_term IS NULL) = (long_term_state <> 'known'))),
  long_term_source     TEXT CHECK (long_term_source IS NULL OR long_term_source IN ('given', 'hours')),
  label_code           TEXT,
  benefit_hours        REAL CHECK (benefit_hours IS NULL OR benefit_hours >= 0),
  weeks_reported       INTEGER CHECK (weeks_reported IS NULL OR weeks_reported >= 0),
  sealed               TEXT,
  correction_reason    TEXT,
  client_id            TEXT NOT NULL,
  idempotency_key      TEXT,
  request_fingerprint  TEXT,
  CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
) STRICT;
CREATE UNIQUE INDEX outcomes_revision ON outcomes (fund_id, citizen_key, benefit_period_start, revision);
CREATE UNIQUE INDEX outcomes_idempotency ON outcomes (fund_id, client_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX outcomes_period ON outcomes (fund_id, benefit_period_start);
CREATE INDEX outcomes_citizen_key ON outcomes (citizen_key);
CREATE TRIGGER outcomes_immutable BEFORE UPDATE OF seq, id, fund_id, benefit_period_start, revision, created_at, status_week_13,
  status_week_26, long_term_state, long_term, long_term_source, label_code, benefit_hours, weeks_reported, sealed,
  correction_reason, client_id, idempotency_key, request_fingerprint ON outcomes
BEGIN SELECT RAISE(ABORT, 'outcomes are immutable (a correction is a new revision)'); END;
`,
  },
  {
    // Version 9: see the PostgreSQL migration of the same version.
    version: 9,
    name: 'published models, model events, shadow scores',
    sql: `
CREATE TABLE models (
  version      TEXT PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 200),
  checksum     TEXT NOT NULL CHECK (length(checksum) = 64 AND checksum NOT GLOB '*[^0-9a-f]*'),
  artifact     TEXT NOT NULL,
  simulated    INTEGER NOT NULL CHECK (simulated IN (0, 1)),
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER models_immutable BEFORE UPDATE ON models
BEGIN SELECT RAISE(ABORT, 'published models are immutable'); END;
CREATE TRIGGER models_no_delete BEFORE DELETE ON models
BEGIN SELECT RAISE(ABORT, 'published models are immutable'); END;

CREATE TABLE model_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('active', 'shadow')),
  action        TEXT NOT NULL CHECK (action IN ('activate', 'rollback', 'shadow_start', 'shadow_stop')),
  model_version TEXT REFERENCES models (version),
  client_id     TEXT NOT NULL,
  reason        TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  CHECK ((model_version IS NULL) = (action = 'shadow_stop'))
) STRICT;
CREATE INDEX model_events_role ON model_events (role, id);
CREATE TRIGGER model_events_no_update BEFORE UPDATE ON model_events
BEGIN SELECT RAISE(ABORT, 'model events are append-only'); END;
CREATE TRIGGER model_events_no_delete BEFORE DELETE ON model_events
BEGIN SELECT RAISE(ABORT, 'model events are append-only'); END;

CREATE TABLE shadow_scores (
  screening_id     TEXT NOT NULL REFERENCES screenings (id),
  model_version    TEXT NOT NULL,
  fund_id          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  probability      REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
  linear_predictor REAL NOT NULL,
  target_group     INTEGER NOT NULL CHECK (target_group IN (1, 2)),
  PRIMARY KEY (screening_id, model_version)
) STRICT;
CREATE INDEX shadow_scores_version ON shadow_scores (model_version);
`,
  },
  {
    // Version 10: see the PostgreSQL migration of the same version.
    version: 10,
    name: 'indexes for the monitoring scan in period order',
    sql: `
CREATE INDEX screenings_period_first ON screenings (fund_id, citizen_key, benefit_period_start, screening_date, created_at, seq);
CREATE INDEX outcomes_current ON outcomes (fund_id, citizen_key, benefit_period_start, revision, long_term_state, long_term);
CREATE INDEX data_keys_first ON data_keys (fund_id, citizen_key, created_at, id, wrapped);
-- Its prefix is the old citizen index, which it replaces.
DROP INDEX data_keys_citizen;
`,
  },
  {
    // Version 11: see the PostgreSQL migration of the same version.
    version: 11,
    name: 'citizen key moves by time',
    sql: `
CREATE INDEX citizen_key_moves_at ON citizen_key_moves (moved_at);
`,
  },
  {
    // Version 12: see the PostgreSQL migration of the same version. SQLite's index has no INCLUDE and
    // cannot be unique on its first four columns only, so two triggers keep a period's revisions unique.
    version: 12,
    name: 'one index of outcomes by citizen',
    sql: `
CREATE INDEX outcomes_citizen_period ON outcomes (citizen_key, fund_id, benefit_period_start, revision, long_term_state, long_term);
DROP INDEX outcomes_revision;
DROP INDEX outcomes_current;
DROP INDEX outcomes_citizen_key;
CREATE TRIGGER outcomes_revision_unique BEFORE INSERT ON outcomes
WHEN EXISTS (SELECT 1 FROM outcomes WHERE citizen_key = NEW.citizen_key AND fund_id = NEW.fund_id
  AND benefit_period_start = NEW.benefit_period_start AND revision = NEW.revision)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: outcomes.fund_id, outcomes.citizen_key, outcomes.benefit_period_start, outcomes.revision'); END;
CREATE TRIGGER outcomes_revision_unique_rekeyed BEFORE UPDATE OF citizen_key ON outcomes
WHEN NEW.citizen_key IS NOT OLD.citizen_key AND EXISTS (SELECT 1 FROM outcomes WHERE citizen_key = NEW.citizen_key AND fund_id = NEW.fund_id
  AND benefit_period_start = NEW.benefit_period_start AND revision = NEW.revision)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: outcomes.fund_id, outcomes.citizen_key, outcomes.benefit_period_start, outcomes.revision'); END;
`,
  },
];
