-- Units a case has been with (issue #8 §3): every unit it was sent to (a unit keeps reading the
-- cases it worked on: "handled by us"), the units that sent it back (the dispatch suggestion
-- passes over them) and the assisting units that fed back (a case closes once all have).
ALTER TABLE cases
  ADD COLUMN worked_unit_ids text[] NOT NULL DEFAULT '{}',
  ADD COLUMN sent_back_unit_ids text[] NOT NULL DEFAULT '{}',
  ADD COLUMN assist_feedback_unit_ids text[] NOT NULL DEFAULT '{}';

-- Cases written before this migration: the units they hold now are the ones known to have worked
-- on them.
UPDATE cases SET worked_unit_ids = array_remove(main_unit_id || assisting_unit_ids, NULL)
  WHERE main_unit_id IS NOT NULL OR cardinality(assisting_unit_ids) > 0;

-- "Cases my unit has worked on" (the unit's read scope and its `handled` list).
CREATE INDEX cases_worked_units_idx ON cases USING gin (worked_unit_ids);
