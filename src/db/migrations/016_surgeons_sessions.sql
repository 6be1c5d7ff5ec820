-- Named surgeons and the session plan (issue 16, ADR 0024). Snapshot tables: replaced with the
-- snapshot, and by the surgeon-roster and session-plan imports. The login `sessions` table (011)
-- is unrelated; theatre time is `theatre_sessions`. Plans keep their assignments in plans.result
-- (jsonb), so each assignment's surgeonId and sessionId persist there with no new column.
CREATE TABLE surgeons (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  name text NOT NULL,
  home_hospital_id text NOT NULL REFERENCES hospitals (id),
  specialty_id text NOT NULL REFERENCES specialties (id),
  procedure_ids text[] NOT NULL,
  max_min_per_day integer NOT NULL CHECK (max_min_per_day > 0 AND max_min_per_day <= 1440),
  weekdays integer[] NOT NULL,
  unavailable_dates date[] NOT NULL,
  extra_dates date[] NOT NULL,
  visiting_hospital_ids text[] NOT NULL,
  max_parallel_theatres integer NOT NULL CHECK (max_parallel_theatres BETWEEN 1 AND 2)
);
CREATE INDEX surgeons_home_idx ON surgeons (home_hospital_id);

CREATE TABLE theatre_sessions (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  theatre_id text NOT NULL REFERENCES theatres (id),
  date date NOT NULL,
  part text NOT NULL CHECK (part IN ('day', 'am', 'pm')),
  start_time time NOT NULL,
  length_min integer NOT NULL CHECK (length_min > 0 AND length_min <= 1440),
  allocation_kind text NOT NULL CHECK (allocation_kind IN ('specialty', 'surgeon', 'open')),
  specialty_id text REFERENCES specialties (id),
  surgeon_id text REFERENCES surgeons (id),
  CHECK ((allocation_kind = 'specialty') = (specialty_id IS NOT NULL)),
  CHECK ((allocation_kind = 'surgeon') = (surgeon_id IS NOT NULL))
);
CREATE INDEX theatre_sessions_day_idx ON theatre_sessions (hospital_id, date);
CREATE INDEX theatre_sessions_surgeon_idx ON theatre_sessions (surgeon_id) WHERE surgeon_id IS NOT NULL;

ALTER TABLE waiting_list ADD COLUMN surgeon_id text REFERENCES surgeons (id);
ALTER TABLE waiting_list ADD COLUMN preferred_surgeon_id text REFERENCES surgeons (id);
