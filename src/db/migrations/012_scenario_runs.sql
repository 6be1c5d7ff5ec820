-- Scenario runs (issue 14): one run = scenarios × policies × replications of a simulation. Each
-- finished replication is one row whose key is (run, scenario version, policy, replication), so a
-- job that finishes twice (a retried worker) stores one row: inserts use ON CONFLICT DO NOTHING.
-- A run keeps its own copy of every scenario document it ran, so deleting a scenario later does not
-- change a run's results.
CREATE TABLE scenario_run (
  id text PRIMARY KEY,
  spec json NOT NULL,
  scenarios json NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  total integer NOT NULL CHECK (total > 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  error text
);
CREATE INDEX scenario_run_created_idx ON scenario_run (created_at DESC);

CREATE TABLE scenario_replication (
  run_id text NOT NULL REFERENCES scenario_run (id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  scenario_version integer NOT NULL,
  policy text NOT NULL,
  replication integer NOT NULL CHECK (replication >= 0),
  result json NOT NULL,
  elapsed_ms integer NOT NULL DEFAULT 0,
  worker text NOT NULL DEFAULT '',
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, scenario_id, scenario_version, policy, replication)
);
