-- Planning-service read paths (issue 4).
-- The waiting list is paged in snapshot order; without these, every page sorts the whole list.
CREATE INDEX waiting_list_ord_idx ON waiting_list (ord, id);
CREATE INDEX waiting_list_hospital_ord_idx ON waiting_list (listing_hospital_id, ord, id);

-- A plan's headline numbers (KPIs, baseline KPIs, objective, bound, gap, check verdict) beside the
-- full result: reading them must not de-TOAST a multi-megabyte result on every dashboard poll.
ALTER TABLE plans ADD COLUMN summary jsonb;
