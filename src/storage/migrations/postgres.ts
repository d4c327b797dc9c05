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
    // The caseworker's reason from a fixed list (src/storage/records.ts ASSESSMENT_REASONS; validated
    // there, so the list can grow without a migration). Assessments stored before read NULL; a
    // nullable column without default is added without rewriting the table.
    version: 7,
    name: 'assessment reason',
    sql: `
ALTER TABLE assessments ADD COLUMN reason text CHECK (reason IS NULL OR reason ~ '^[a-z0-9_]{1,64}$');
`,
  },
];
