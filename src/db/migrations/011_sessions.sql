-- Sessions and revocation (issue 12). A login token names its session and the user's token
-- version; every request and every live socket checks both, so disabling a user, changing their
-- role or hospital, resetting their password (each bumps token_version) or revoking a session
-- ends access within a second instead of at token expiry.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at);
