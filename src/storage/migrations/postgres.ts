import type { Migration } from './migration.js';

/**
 * PostgreSQL schema. Unqualified names: the tables go into the schema first on the search path, so
 * one database can hold several independent installations (and test runs). The idempotency unique
 * constraints are what make retries safe across service instances; NULL keys never conflict.
 * Triggers make screenings and corrections immutable and the audit log append-only.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'screenings, assessments, audit log',
    sql: `
CREATE TABLE screenings (
  seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  id                  uuid PRIMARY KEY,
  citizen_key         text NOT NULL CHECK (citizen_key ~ '^[0-9a-f]{64}$'),
  created_at          timestamptz NOT NULL,
  model_version       text NOT NULL,
  input               jsonb NOT NULL CHECK (jsonb_typeof(input) = 'object'),
  probability         double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
  linear_predictor    double precision NOT NULL,
  target_group        smallint NOT NULL CHECK (target_group IN (1, 2)),
  subgroup            text CHECK (subgroup IS NULL OR (subgroup IN ('2a', '2b') AND target_group = 2)),
  job_centre_referral boolean NOT NULL,
  factors             jsonb NOT NULL CHECK (jsonb_typeof(factors) = 'array'),
  activities          jsonb NOT NULL CHECK (jsonb_typeof(activities) = 'array'),
  caseworker_id       text,
  client_id           text NOT NULL,
  idempotency_key     text,
  request_fingerprint text,
  CONSTRAINT screenings_idempotency UNIQUE (client_id, idempotency_key),
  CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
);
CREATE INDEX screenings_citizen_latest ON screenings (citizen_key, created_at DESC, seq DESC);

CREATE TABLE assessments (
  seq                    bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  id                     uuid PRIMARY KEY,
  screening_id           uuid NOT NULL REFERENCES screenings (id),
  created_at             timestamptz NOT NULL,
  corrected_target_group smallint NOT NULL CHECK (corrected_target_group IN (1, 2)),
  corrected_subgroup     text CHECK (corrected_subgroup IS NULL OR (corrected_subgroup IN ('2a', '2b') AND corrected_target_group = 2)),
  comment                text,
  caseworker_id          text NOT NULL,
  client_id              text NOT NULL,
  idempotency_key        text,
  request_fingerprint    text,
  CONSTRAINT assessments_idempotency UNIQUE (client_id, idempotency_key),
  CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
);
CREATE INDEX assessments_screening ON assessments (screening_id, created_at, seq);

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL,
  client_id    text NOT NULL,
  action       text NOT NULL,
  outcome      text NOT NULL,
  citizen_key  text CHECK (citizen_key ~ '^[0-9a-f]{64}$'),
  screening_id uuid,
  request_id   text,
  detail       text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_citizen ON audit_log (citizen_key) WHERE citizen_key IS NOT NULL;
CREATE INDEX audit_log_client ON audit_log (client_id, id);

CREATE FUNCTION forbid_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: rows are immutable', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER screenings_immutable BEFORE UPDATE ON screenings
  FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
CREATE TRIGGER assessments_immutable BEFORE UPDATE ON assessments
  FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
`,
  },
  {
    // A constant default is kept in the catalogue (PostgreSQL 11+), so no row is rewritten (the CHECK
    // is only verified by a scan) and the row-level UPDATE trigger that makes screenings immutable
    // does not fire; old rows read '{}'.
    version: 2,
    name: 'screening details',
    sql: `
ALTER TABLE screenings ADD COLUMN details jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object');
`,
  },
  {
    // Tenancy and the screening's timing. Constant defaults stay in the catalogue (see migration 2), so
    // no row is rewritten and no UPDATE trigger fires; rows stored before read fund '' (the legacy
    // fund, which no client's fund equals), occasion 'other' and no dates (the reader takes the Danish
    // date of created_at). The idempotency constraints and the lookup index are rebuilt with the fund
    // first, so every query is confined to one fund by its index as much as by its WHERE clause.
    version: 3,
    name: 'funds and screening timing',
    sql: `
ALTER TABLE screenings
  ADD COLUMN fund_id text NOT NULL DEFAULT '' CHECK (fund_id ~ '^([1-9][0-9]{0,3})?$'),
  ADD COLUMN occasion text NOT NULL DEFAULT 'other' CHECK (occasion IN ('notice_period', 'first_interview', 'week_9', 'week_13', 'other')),
  ADD COLUMN benefit_period_start date,
  ADD COLUMN screening_date date;
ALTER TABLE assessments ADD COLUMN fund_id text NOT NULL DEFAULT '' CHECK (fund_id ~ '^([1-9][0-9]{0,3})?$');
ALTER TABLE audit_log ADD COLUMN fund_id text DEFAULT '' CHECK (fund_id ~ '^([1-9][0-9]{0,3})?$');

ALTER TABLE screenings DROP CONSTRAINT screenings_idempotency,
  ADD CONSTRAINT screenings_idempotency UNIQUE (fund_id, client_id, idempotency_key);
ALTER TABLE assessments DROP CONSTRAINT assessments_idempotency,
  ADD CONSTRAINT assessments_idempotency UNIQUE (fund_id, client_id, idempotency_key);
DROP INDEX screenings_citizen_latest;
CREATE INDEX screenings_citizen_latest ON screenings (fund_id, citizen_key, screening_date DESC NULLS LAST, created_at DESC, seq DESC);
CREATE INDEX audit_log_fund ON audit_log (fund_id, id);
`,
  },
  {
    // Special-category data sealed at rest, erasure that stays erased, CPR secrets with ids (see the
    // SQLite migration 4 for the columns). NULL-default columns are added without rewriting a row or
    // firing a trigger. The screenings trigger now lets the citizen key and its secret's id change (a
    // rotation of the CPR secret) and nothing else, comparing the whole row as jsonb so columns added
    // later are covered too.
    version: 4,
    name: 'sealed values, data keys, erased requests',
    sql: `
CREATE TABLE data_keys (
  id             uuid PRIMARY KEY,
  fund_id        text NOT NULL DEFAULT '',
  citizen_key    text NOT NULL CHECK (citizen_key ~ '^[0-9a-f]{64}$'),
  citizen_key_id text,
  kek_id         text NOT NULL,
  wrapped        text NOT NULL,
  created_at     timestamptz NOT NULL
);
CREATE INDEX data_keys_citizen ON data_keys (fund_id, citizen_key, created_at);
CREATE INDEX data_keys_citizen_key ON data_keys (citizen_key);
CREATE INDEX data_keys_kek ON data_keys (kek_id);

CREATE TABLE erased_requests (
  request_hash text PRIMARY KEY CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  erased_at    timestamptz NOT NULL
);

CREATE TABLE citizen_key_moves (
  old_key  text NOT NULL CHECK (old_key ~ '^[0-9a-f]{64}$'),
  new_key  text NOT NULL CHECK (new_key ~ '^[0-9a-f]{64}$'),
  moved_at timestamptz NOT NULL,
  PRIMARY KEY (old_key, new_key)
);
CREATE INDEX citizen_key_moves_new ON citizen_key_moves (new_key);

ALTER TABLE screenings ADD COLUMN sealed text, ADD COLUMN citizen_key_id text;
ALTER TABLE assessments ADD COLUMN sealed text;
CREATE INDEX screenings_citizen_key_id ON screenings (citizen_key_id);

CREATE FUNCTION forbid_change_but_citizen_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'citizen_key' - 'citizen_key_id') IS DISTINCT FROM (to_jsonb(OLD) - 'citizen_key' - 'citizen_key_id') THEN
    RAISE EXCEPTION '% on % is not allowed: rows are immutable (only the citizen key may move to a new CPR secret)', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
DROP TRIGGER screenings_immutable ON screenings;
CREATE TRIGGER screenings_immutable BEFORE UPDATE ON screenings
  FOR EACH ROW EXECUTE FUNCTION forbid_change_but_citizen_key();
`,
  },
  {
    // Retention (issue 10.6), as in the SQLite migration: the audit log stays append-only against
    // UPDATE (and now TRUNCATE, which skips row triggers); a DELETE is allowed only of a row older than
    // the audit cut-off of a recorded retention run and older than 184 days by the database's clock
    // (the longest six months: AI Act Art. 26(6)). A run's row is refused unless its cut-off is itself
    // at least 184 days old, cannot be deleted, and only its counters (upwards) and its finish time
    // (once) may change, so every deletion of audit entries leaves its run behind.
    version: 5,
    name: 'retention runs, audit deletion only by retention',
    sql: `
CREATE TABLE retention_runs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  screening_cutoff date,
  audit_cutoff     timestamptz,
  screenings       bigint NOT NULL DEFAULT 0 CHECK (screenings >= 0),
  assessments      bigint NOT NULL DEFAULT 0 CHECK (assessments >= 0),
  audit_entries    bigint NOT NULL DEFAULT 0 CHECK (audit_entries >= 0)
);

CREATE FUNCTION retention_runs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.audit_cutoff IS NOT NULL AND NEW.audit_cutoff > now() - interval '184 days' THEN
      RAISE EXCEPTION 'retention: the audit cut-off must be at least 184 days before the database clock (AI Act Art. 26(6))'
        USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.started_at = OLD.started_at
     AND NEW.screening_cutoff IS NOT DISTINCT FROM OLD.screening_cutoff AND NEW.audit_cutoff IS NOT DISTINCT FROM OLD.audit_cutoff
     AND (OLD.finished_at IS NULL OR NEW.finished_at IS NOT DISTINCT FROM OLD.finished_at)
     AND NEW.screenings >= OLD.screenings AND NEW.assessments >= OLD.assessments AND NEW.audit_entries >= OLD.audit_entries THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'retention runs are append-only: only their counters grow and their finish time is set once'
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER retention_runs_guard BEFORE INSERT OR UPDATE OR DELETE ON retention_runs
  FOR EACH ROW EXECUTE FUNCTION retention_runs_guard();
CREATE TRIGGER retention_runs_no_truncate BEFORE TRUNCATE ON retention_runs
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_row_change();

CREATE FUNCTION audit_log_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cutoff timestamptz := (SELECT max(audit_cutoff) FROM retention_runs);
BEGIN
  IF cutoff IS NULL OR OLD.at >= cutoff OR OLD.at >= now() - interval '184 days' THEN
    RAISE EXCEPTION 'the audit log is append-only: only a retention run deletes entries older than its cut-off and 184 days'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END
$$;
DROP TRIGGER audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_row_change();
CREATE TRIGGER audit_log_delete_by_retention_only BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_delete_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_row_change();
`,
  },
  {
    // Version 6. The request ids a client sent to the STAR
    // compatibility layer, so a repeat is refused (412) across instances and restarts. Not personal
    // data: the service refuses an id that holds a CPR number before it gets here.
    version: 6,
    name: 'seen request ids',
    sql: `
CREATE TABLE seen_request_ids (
  client_id  text NOT NULL,
  request_id text NOT NULL CHECK (length(request_id) BETWEEN 1 AND 200),
  seen_at    timestamptz NOT NULL,
  PRIMARY KEY (client_id, request_id)
);
CREATE INDEX seen_request_ids_seen_at ON seen_request_ids (seen_at);
`,
  },
  {
    // The caseworker's reason from a fixed list (src/storage/records.ts ASSESSMENT_REASONS; validated
    // there, so the list can grow without a migration). Assessments stored before read NULL; a
    // nullable column without default is added without rewriting the table.
    version: 7,
    name: 'assessment reason',
    sql: `
ALTER TABLE assessments ADD COLUMN reason text CHECK (reason IS NULL OR reason ~ '^[a-z0-9_]{1,64}$');
`,
  },
  {
    // Outcomes (issue 9.2): what became of a benefit period, one row per revision, never updated: a
    // correction is a new revision, so the history stays. Keyed by (fund, citizen, benefit period
    // start), the screening series' key. The 13- and 26-week statuses can reveal sickness (health
    // data, GDPR Art. 9) and are sealed with the weekly hours in `sealed` under the citizen's data key;
    // what monitoring needs — the 52-week state and label, the hours' total — stays in clear, as a
    // screening's probability does. `long_term` is NULL unless the state is 'known'; 'pending' means
    // the 52 weeks are not over (the label is censored, not 'no').
    version: 8,
    name: 'outcomes',
    sql: `
CREATE TABLE outcomes (
  seq                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  id                   uuid PRIMARY KEY,
  fund_id              text NOT NULL CHECK (fund_id ~ '^[1-9][0-9]{0,3}$'),
  citizen_key          text NOT NULL CHECK (citizen_key ~ '^[0-9a-f]{64}$'),
  citizen_key_id       text,
  benefit_period_start date NOT NULL,
  revision             integer NOT NULL CHECK (revision >= 1),
  created_at           timestamptz NOT NULL,
  status_week_13       text CHECK (status_week_13 IS NULL OR status_week_13 IN ('in_work', 'on_dagpenge', 'in_education', 'on_sickness_benefit', 'left_fund', 'unknown')),
  status_week_26       text CHECK (status_week_26 IS NULL OR status_week_26 IN ('in_work', 'on_dagpenge', 'in_education', 'on_sickness_benefit', 'left_fund', 'unknown')),
  long_term_state      text NOT NULL CHECK (long_term_state IN ('known', 'pending', 'not_given')),
  long_term            boolean CHECK ((long_term IS NULL) = (long_term_state <> 'known')),
  long_term_source     text CHECK (long_term_source IS NULL OR long_term_source IN ('given', 'hours')),
  label_code           text,
  benefit_hours        double precision CHECK (benefit_hours IS NULL OR benefit_hours >= 0),
  weeks_reported       integer CHECK (weeks_reported IS NULL OR weeks_reported >= 0),
  sealed               text,
  correction_reason    text,
  client_id            text NOT NULL,
  idempotency_key      text,
  request_fingerprint  text,
  CONSTRAINT outcomes_revision UNIQUE (fund_id, citizen_key, benefit_period_start, revision),
  CONSTRAINT outcomes_idempotency UNIQUE (fund_id, client_id, idempotency_key),
  CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
);
CREATE INDEX outcomes_period ON outcomes (fund_id, benefit_period_start);
CREATE INDEX outcomes_citizen_key ON outcomes (citizen_key);
CREATE TRIGGER outcomes_immutable BEFORE UPDATE ON outcomes
  FOR EACH ROW EXECUTE FUNCTION forbid_change_but_citizen_key();
`,
  },
  {
    // The model's life cycle (issue 9.4). Published artifacts live in the database so every instance
    // has them (`artifact` is the file's canonical JSON, `checksum` its SHA-256); `model_events` is the
    // append-only record of who activated, rolled back, started or stopped shadowing which version and
    // why — the active and shadow versions are the latest event of each role, so every instance reads
    // the same answer. A shadow score is a candidate's result for a screening, stored beside it and
    // never returned as the result; it goes when its screening goes (erasure, retention).
    version: 9,
    name: 'published models, model events, shadow scores',
    sql: `
CREATE TABLE models (
  version      text PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 200),
  checksum     text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
  artifact     text NOT NULL,
  simulated    boolean NOT NULL,
  published_at timestamptz NOT NULL,
  published_by text NOT NULL
);
CREATE TRIGGER models_immutable BEFORE UPDATE OR DELETE ON models
  FOR EACH ROW EXECUTE FUNCTION forbid_row_change();

CREATE TABLE model_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL,
  role          text NOT NULL CHECK (role IN ('active', 'shadow')),
  action        text NOT NULL CHECK (action IN ('activate', 'rollback', 'shadow_start', 'shadow_stop')),
  model_version text REFERENCES models (version),
  client_id     text NOT NULL,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  CHECK ((model_version IS NULL) = (action = 'shadow_stop'))
);
CREATE INDEX model_events_role ON model_events (role, id DESC);
CREATE TRIGGER model_events_append_only BEFORE UPDATE OR DELETE ON model_events
  FOR EACH ROW EXECUTE FUNCTION forbid_row_change();

CREATE TABLE shadow_scores (
  screening_id     uuid NOT NULL REFERENCES screenings (id),
  model_version    text NOT NULL,
  fund_id          text NOT NULL,
  created_at       timestamptz NOT NULL,
  probability      double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
  linear_predictor double precision NOT NULL,
  target_group     smallint NOT NULL CHECK (target_group IN (1, 2)),
  PRIMARY KEY (screening_id, model_version)
);
CREATE INDEX shadow_scores_version ON shadow_scores (model_version);
`,
  },
  {
    // Version 10: the monitoring scan reads screenings in period order, each period's rows by the rule
    // that picks its first screening, and looks up the current outcome and the citizen's first data key
    // beside each; those indexes carry the state and value, and the wrapped key, so the lookups never
    // visit their tables (whose rows lie in insertion order, not in period order).
    version: 10,
    name: 'indexes for the monitoring scan in period order',
    sql: `
CREATE INDEX screenings_period_first ON screenings (fund_id, citizen_key, benefit_period_start, screening_date, created_at, seq);
CREATE INDEX outcomes_current ON outcomes (fund_id, citizen_key, benefit_period_start, revision) INCLUDE (long_term_state, long_term);
CREATE INDEX data_keys_first ON data_keys (fund_id, citizen_key, created_at, id) INCLUDE (wrapped);
-- Its prefix is the old citizen index, which it replaces.
DROP INDEX data_keys_citizen;
`,
  },
  {
    // Version 11: a key move's time is the latest move of its pair (citizenKeyMoves.ts), so the monitoring
    // stamp's max(moved_at) sees every re-keying; this makes it one index read.
    version: 11,
    name: 'citizen key moves by time',
    sql: `
CREATE INDEX citizen_key_moves_at ON citizen_key_moves (moved_at);
`,
  },
  {
    // Version 12: outcomes had four indexes keyed by the citizen key (the unique revision, the scan's
    // covering index, the key alone, and the key within a fund). Citizen keys are keyed hashes, so each
    // insert lands on a random page of each; at 100,000 stored outcomes the commit of a 2,000-record
    // batch rewrote most of their pages (on SQLite a third of the upload's time was its commits). One index
    // led by the citizen key serves the lookups by key alone, by key within a fund (equality on both,
    // so the order of the two does not matter), the scan's current outcome and the uniqueness.
    version: 12,
    name: 'one index of outcomes by citizen',
    sql: `
CREATE UNIQUE INDEX outcomes_citizen_period ON outcomes (citizen_key, fund_id, benefit_period_start, revision) INCLUDE (long_term_state, long_term);
ALTER TABLE outcomes DROP CONSTRAINT outcomes_revision;
DROP INDEX outcomes_current;
DROP INDEX outcomes_citizen_key;
`,
  },
];
