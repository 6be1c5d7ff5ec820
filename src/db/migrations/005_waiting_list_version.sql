-- Waiting-list read path (issue 4, ADR 0006).
-- A data version of everything a waiting-list count depends on (the list, the snapshot date that
-- guarantee days are counted to, the procedures' specialties). Every statement that writes one of
-- these tables bumps it, whoever runs it (repositories, the snapshot loader, another server
-- process, an operator's psql), so a count cached under version v is the count while the version
-- is still v.
CREATE TABLE waiting_list_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
INSERT INTO waiting_list_version (singleton, version) VALUES (true, 1);

CREATE FUNCTION waiting_list_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE waiting_list_version SET version = version + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER waiting_list_version_bump
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON waiting_list
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_version_bump();
CREATE TRIGGER region_set_version_bump
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region_set
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_version_bump();
CREATE TRIGGER procedures_version_bump
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procedures
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_list_version_bump();

-- The list's other sort orders, so a page is an index scan rather than a sort of the whole list
-- (ties break on id, as the ORDER BY does).
CREATE INDEX waiting_list_decision_idx ON waiting_list (decision_date, id);
CREATE INDEX waiting_list_target_idx ON waiting_list (medical_target_date, id);
CREATE INDEX waiting_list_earliest_idx ON waiting_list (earliest_date, id);
CREATE INDEX waiting_list_priority_idx ON waiting_list (priority_group, id);
CREATE INDEX waiting_list_asa_idx ON waiting_list (asa_class, id);
