-- The region snapshot (src/domain/snapshot.ts), one table per array. The database holds one
-- snapshot at a time; loading a new one replaces every row in one transaction.
-- `ord` keeps each array's order so a snapshot read back is identical to the one loaded.
-- Ids are the snapshot's own text ids; foreign keys hold references the validator already checked.

CREATE TABLE region_set (
  -- At most one row: the snapshot currently loaded.
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id text NOT NULL,
  name text NOT NULL,
  schema_version integer NOT NULL,
  as_of_date date NOT NULL,
  synthetic boolean NOT NULL,
  generator jsonb,
  calendar jsonb NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE regions (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  name text NOT NULL,
  county_code text
);

CREATE TABLE priority_grids (
  ord integer PRIMARY KEY,
  region_id text NOT NULL REFERENCES regions (id)
);

CREATE TABLE priority_grid_groups (
  grid_ord integer NOT NULL REFERENCES priority_grids (ord),
  ord integer NOT NULL,
  group_code text NOT NULL,
  label_sv text NOT NULL,
  label_en text NOT NULL,
  max_days integer NOT NULL CHECK (max_days > 0),
  PRIMARY KEY (grid_ord, ord)
);

CREATE TABLE specialties (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  name_sv text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE procedures (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  kva_code text NOT NULL,
  name_sv text NOT NULL,
  name_en text NOT NULL,
  specialty_id text NOT NULL REFERENCES specialties (id),
  duration_log_mu double precision NOT NULL,
  duration_log_sigma double precision NOT NULL,
  turnover_min integer NOT NULL CHECK (turnover_min >= 0),
  needs_acute_backup boolean NOT NULL,
  needs_icu boolean NOT NULL,
  max_asa_non_acute integer NOT NULL CHECK (max_asa_non_acute BETWEEN 1 AND 4),
  care text NOT NULL CHECK (care IN ('day', 'inpatient')),
  -- double precision, not numeric: prices are planning weights, and numeric would come back as text.
  price_sek double precision NOT NULL,
  hta_do_not_do boolean NOT NULL
);

CREATE TABLE hospitals (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  name text NOT NULL,
  short_name text NOT NULL,
  region_id text NOT NULL REFERENCES regions (id),
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  acute boolean NOT NULL,
  icu boolean NOT NULL,
  private_provider boolean NOT NULL,
  list_start_time time NOT NULL,
  list_min integer NOT NULL CHECK (list_min > 0)
);

CREATE TABLE hospital_specialties (
  hospital_id text NOT NULL REFERENCES hospitals (id),
  ord integer NOT NULL,
  specialty_id text NOT NULL REFERENCES specialties (id),
  PRIMARY KEY (hospital_id, ord)
);

CREATE TABLE hospital_procedures (
  hospital_id text NOT NULL REFERENCES hospitals (id),
  ord integer NOT NULL,
  procedure_id text NOT NULL REFERENCES procedures (id),
  PRIMARY KEY (hospital_id, ord)
);
CREATE INDEX hospital_procedures_procedure_idx ON hospital_procedures (procedure_id);

CREATE TABLE theatres (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  name text NOT NULL
);

-- Surgeon-list maps are `json`, not `jsonb`: jsonb re-sorts keys, and their order is data here
-- (iteration order must survive a round trip for byte-identical planning problems).
CREATE TABLE roster_templates (
  ord integer PRIMARY KEY,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  anaesthesia_teams integer NOT NULL CHECK (anaesthesia_teams >= 0),
  nursing_teams integer NOT NULL CHECK (nursing_teams >= 0),
  surgeon_lists json NOT NULL,
  lendable_surgeon_lists json NOT NULL
);
CREATE INDEX roster_templates_hospital_idx ON roster_templates (hospital_id, weekday);

CREATE TABLE roster_overrides (
  ord integer PRIMARY KEY,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  date date NOT NULL,
  anaesthesia_teams integer NOT NULL CHECK (anaesthesia_teams >= 0),
  nursing_teams integer NOT NULL CHECK (nursing_teams >= 0),
  surgeon_lists json NOT NULL,
  lendable_surgeon_lists json NOT NULL
);
CREATE INDEX roster_overrides_hospital_idx ON roster_overrides (hospital_id, date);

CREATE TABLE closures (
  ord integer PRIMARY KEY,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  theatre_id text REFERENCES theatres (id),
  date date NOT NULL,
  reason text NOT NULL
);
CREATE INDEX closures_date_idx ON closures (date);

CREATE TABLE regional_teams (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  name text NOT NULL,
  base_hospital_id text NOT NULL REFERENCES hospitals (id),
  weekdays integer[] NOT NULL,
  unavailable_dates date[] NOT NULL,
  allowed_hospital_ids text[] NOT NULL,
  cost_sek_per_day double precision NOT NULL
);

CREATE TABLE places (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  name text NOT NULL,
  region_id text NOT NULL REFERENCES regions (id),
  lat double precision NOT NULL,
  lon double precision NOT NULL
);

-- from_id is a place or a hospital, so it has no foreign key.
CREATE TABLE distances (
  ord integer PRIMARY KEY,
  from_id text NOT NULL,
  to_id text NOT NULL REFERENCES hospitals (id),
  km double precision NOT NULL CHECK (km >= 0)
);
CREATE INDEX distances_pair_idx ON distances (from_id, to_id);

-- Personal data: personnummer and names. `synthetic` marks generated identities.
CREATE TABLE waiting_list (
  id text PRIMARY KEY,
  ord integer NOT NULL,
  personnummer text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  synthetic boolean NOT NULL,
  home_region_id text NOT NULL REFERENCES regions (id),
  home_place_id text NOT NULL REFERENCES places (id),
  listing_hospital_id text NOT NULL REFERENCES hospitals (id),
  procedure_id text NOT NULL REFERENCES procedures (id),
  decision_date date NOT NULL,
  priority_group text NOT NULL,
  medical_target_date date NOT NULL,
  asa_class integer NOT NULL CHECK (asa_class BETWEEN 1 AND 4),
  earliest_date date NOT NULL,
  consent_elsewhere boolean NOT NULL,
  max_travel_km double precision NOT NULL,
  excluded_periods jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('waiting', 'scheduled', 'treated', 'removed')),
  category text NOT NULL CHECK (category IN ('elektiv', 'bevakning')),
  hta_override boolean NOT NULL
);
CREATE INDEX waiting_list_hospital_idx ON waiting_list (listing_hospital_id, status);
CREATE INDEX waiting_list_procedure_idx ON waiting_list (procedure_id);
CREATE INDEX waiting_list_status_idx ON waiting_list (status, medical_target_date);

CREATE TABLE arrivals (
  ord integer PRIMARY KEY,
  hospital_id text NOT NULL REFERENCES hospitals (id),
  procedure_id text NOT NULL REFERENCES procedures (id),
  per_week double precision NOT NULL CHECK (per_week >= 0)
);
