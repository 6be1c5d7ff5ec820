-- The version trigger (005) named its table unqualified, so it resolved through the search_path of
-- whoever wrote: an operator's psql (or another tool) with a different search_path had every write
-- to waiting_list, region_set or procedures refused ("relation waiting_list_version does not
-- exist"). Pin the function to the schema it was created in.
ALTER FUNCTION waiting_list_version_bump() SET search_path FROM CURRENT;
