-- Planning service (issue 4): login credentials, plan requests and job links, coordinator
-- decisions, patient answers to offers, guarantee waivers, and a way to find audit rows by any
-- patient named in a list read.

ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD COLUMN password_hash text;
ALTER TABLE users ADD COLUMN disabled boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('planner', 'coordinator', 'analyst', 'admin'));
ALTER TABLE users ADD CONSTRAINT users_coordinator_hospital_check
  CHECK (role <> 'coordinator' OR hospital_id IS NOT NULL);

-- A list read logs one row with every patient id in details.patientIds; the per-patient extract
-- must find those rows too.
CREATE INDEX audit_log_details_patients_idx ON audit_log USING gin ((details -> 'patientIds'));

-- What the plan was asked for (weeks, pins, exclusions), the job that solved it, and why it failed.
ALTER TABLE plans ADD COLUMN request jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE plans ADD COLUMN job_id bigint REFERENCES jobs (id);
ALTER TABLE plans ADD COLUMN error text;
ALTER TABLE plans DROP CONSTRAINT plans_status_check;
ALTER TABLE plans ADD CONSTRAINT plans_status_check
  CHECK (status IN ('running', 'failed', 'draft', 'proposed', 'published', 'superseded'));
CREATE INDEX plans_week_idx ON plans (week, version);

-- A coordinator's answer to a case proposed to their hospital. One current decision per plan and
-- patient; the audit log keeps the history.
CREATE TABLE plan_decisions (
  plan_id bigint NOT NULL REFERENCES plans (id),
  patient_id text NOT NULL,
  hospital_id text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('accept', 'reject')),
  reason text,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (plan_id, patient_id),
  CHECK (decision = 'accept' OR (reason IS NOT NULL AND length(reason) > 0))
);

-- The patient's answer to the offered slot.
CREATE TABLE plan_offers (
  plan_id bigint NOT NULL REFERENCES plans (id),
  patient_id text NOT NULL,
  answer text NOT NULL CHECK (answer IN ('accepted', 'declined')),
  hospital_id text NOT NULL,
  date date NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (plan_id, patient_id)
);

-- A patient who declines care elsewhere gives up the care guarantee for that referral.
-- Kept beside the snapshot tables, not in them: a snapshot reload must not forget it.
CREATE TABLE guarantee_waivers (
  patient_id text PRIMARY KEY,
  plan_id bigint REFERENCES plans (id),
  reason text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);
