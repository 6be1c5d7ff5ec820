-- The inverse question on the job queue (issue 14, ADR 0026): one row per question, written with
-- its pg-boss job in one transaction, so it survives a restart and any server can answer for it.
-- Like a run, it pins what its computation depends on (the scenario document, the base snapshot and
-- the policy options), so whichever worker answers gives the same answer.
CREATE TABLE scenario_inverse (
  id text PRIMARY KEY,
  spec json NOT NULL,
  scenario json NOT NULL,
  base_snapshot json NOT NULL,
  policy_options json NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  evaluations integer NOT NULL DEFAULT 0 CHECK (evaluations >= 0),
  result json,
  error text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX scenario_inverse_created_idx ON scenario_inverse (created_at DESC);
