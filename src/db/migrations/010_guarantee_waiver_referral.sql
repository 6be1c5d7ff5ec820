-- Issue 13: the care-guarantee waiver is read, and it belongs to one referral.
--
-- A patient who declines care at another hospital gives up the care guarantee for that referral
-- (the decision to treat); a new decision starts a new guarantee. The waiver therefore records the
-- decision date it was given for, and applies while the waiting-list row still has that date.
ALTER TABLE guarantee_waivers ADD COLUMN decision_date date;
UPDATE guarantee_waivers g SET decision_date = w.decision_date FROM waiting_list w WHERE w.id = g.patient_id;

-- Waiting-list counts (past the guarantee) now depend on waivers: bump the data version (005) on
-- every write to them, as for the list itself.
CREATE TRIGGER guarantee_waivers_version_bump
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON guarantee_waivers
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_version_bump();

-- One guarantee rule for invalid input: an excluded period that ends before it starts is refused
-- everywhere (the import schema, the domain functions, the checker, the eligibility code), so the
-- database refuses to store one too. A period without an end (open-ended) passes: the guarantee
-- count treats it as running through the day counted to.
CREATE FUNCTION excluded_periods_ordered(periods jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(bool_and((e ->> 'from') <= (e ->> 'to')), true) FROM jsonb_array_elements(periods) e
$$;
ALTER FUNCTION excluded_periods_ordered(jsonb) SET search_path FROM CURRENT;
ALTER TABLE waiting_list
  ADD CONSTRAINT waiting_list_excluded_periods_ordered CHECK (excluded_periods_ordered(excluded_periods));
