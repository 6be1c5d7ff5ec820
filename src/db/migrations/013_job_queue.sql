-- Job queue (issue 14, ADR 0019). pg-boss keeps its own tables in its own schema; opflow adds:
-- the base a scenario run was started on, pinned in the run (a snapshot import during the run must
-- not mix two bases), and the policy options its replications use, so every worker computes the
-- same replication the same way. And the table the socket.io PostgreSQL adapter stores payloads
-- too large for one NOTIFY in.
ALTER TABLE scenario_run ADD COLUMN base_snapshot json;
ALTER TABLE scenario_run ADD COLUMN policy_options json;

CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);
