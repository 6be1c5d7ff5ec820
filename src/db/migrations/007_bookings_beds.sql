-- Existing bookings, lengths of stay and ward beds (issue 9, ADR 0009).
-- Expected post-operative length of stay per procedure (nights in a ward bed; NULL = no data).
ALTER TABLE procedures ADD COLUMN length_of_stay_days integer CHECK (length_of_stay_days BETWEEN 0 AND 60);

-- Elective ward beds per hospital: a weekday template and dated overrides.
CREATE TABLE ward_beds (
  ord integer PRIMARY KEY,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  beds integer NOT NULL CHECK (beds >= 0),
  UNIQUE (hospital_id, weekday)
);
CREATE TABLE ward_bed_overrides (
  ord integer PRIMARY KEY,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  date date NOT NULL,
  beds integer NOT NULL CHECK (beds >= 0),
  UNIQUE (hospital_id, date)
);

-- Theatre times already given to waiting-list patients; never re-planned.
CREATE TABLE bookings (
  ord integer PRIMARY KEY,
  patient_id text NOT NULL UNIQUE REFERENCES waiting_list (id),
  hospital_id text NOT NULL REFERENCES hospitals (id),
  theatre_id text NOT NULL REFERENCES theatres (id),
  date date NOT NULL,
  start_time time NOT NULL
);
CREATE INDEX bookings_slot_idx ON bookings (hospital_id, date);
