-- Per-account login lockout (issue 12), in the database so that every server on it sees the same
-- count and the same lock: a lock made through one server refuses the account on all of them.
-- `account` is the lower-cased email as typed (also for emails that have no user, so guessing
-- does not tell which exist). `failures` counts consecutive failures since the last lock or
-- success; `locks` how many locks in a row (the back-off doubles with each).
CREATE TABLE login_lockouts (
  account text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locks integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX login_lockouts_updated_idx ON login_lockouts (updated_at);
