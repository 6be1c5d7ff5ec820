-- Tables for the planning service: users, an append-only audit log, versioned plans, background
-- jobs and idempotency keys. Deliberately plain; the planning engineer extends them by new
-- migrations. No foreign keys into the snapshot tables: a snapshot reload must not touch them.

CREATE TABLE users (
  id text PRIMARY KEY,
  display_name text NOT NULL,
  role text NOT NULL,
  -- Hospital scope for hospital-level roles; null = the whole region set.
  hospital_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text,
  role text,
  action text NOT NULL,
  patient_id text,
  hospital_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_patient_idx ON audit_log (patient_id) WHERE patient_id IS NOT NULL;

-- Append-only: who looked at or changed what must not be rewritten afterwards.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();

CREATE TABLE plans (
  id bigserial PRIMARY KEY,
  -- ISO week the plan is for, e.g. 2026-W11.
  week text NOT NULL,
  -- Plan number within the week (1, 2, …).
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'proposed', 'published', 'failed', 'running')),
  -- Optimistic concurrency: bumped on every update, sent as the HTTP ETag.
  etag integer NOT NULL DEFAULT 1,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  result jsonb,
  parent_id bigint REFERENCES plans (id),
  UNIQUE (week, version)
);

CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  progress jsonb,
  error text,
  result_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_queue_idx ON jobs (status, created_at);

CREATE TABLE idempotency_keys (
  key text NOT NULL,
  user_id text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
