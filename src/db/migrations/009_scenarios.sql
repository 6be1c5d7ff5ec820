-- What-if scenarios (issue 11, ADR 0011): every saved edit is a new version; (id, version) is
-- unique and rows are never updated. The document is stored as `json`, not `jsonb`: the text is kept
-- as written (key order included), so a scenario read back serialises to the same bytes.
CREATE TABLE scenario (
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL,
  document json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);
