-- Planning model (issue 16): weights and rules of the region set, operating-day roster overrides
-- (lists on a date the calendar closes) and must-treat-by dates on the waiting list. All optional:
-- NULL means "as before" (defaults, the calendar decides, no such date).
ALTER TABLE region_set ADD COLUMN planning_settings jsonb;
ALTER TABLE roster_overrides ADD COLUMN operating_day boolean;
ALTER TABLE waiting_list ADD COLUMN must_treat_by date;
