-- A unit's cases in list order (issue #8 §5). A unit handler reads every case its unit was ever
-- sent to (main or assisting, now or before: cases.worked_unit_ids, 本单位经办), newest report
-- first. Through the GIN index on the array, every such case of the unit's whole history was read
-- and sorted for each page (317 ms p95 at 1,000,000 cases); here a page is one range scan of the
-- primary key, (unit, report time, case) in the list's order, `limit` rows deep whatever the
-- history.
--
-- One row per case and unit. A unit never leaves the set (a case sent back stays in the unit's
-- history) and a case's report time never changes, so rows are only ever added.
CREATE TABLE case_units (
  unit_id text NOT NULL,
  created_at timestamptz NOT NULL,
  case_id text NOT NULL REFERENCES cases (id),
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  -- The list order (created_at DESC, id DESC) read backwards; the district (the distribution
  -- key) rides along so a row is routed with its case.
  PRIMARY KEY (unit_id, created_at, case_id, district_code)
);

INSERT INTO case_units (unit_id, created_at, case_id, district_code)
SELECT DISTINCT u, c.created_at, c.id, c.district_code
FROM cases c CROSS JOIN LATERAL unnest(c.worked_unit_ids) u;

-- Kept by the database, in the writing transaction, for every writer of cases (the services, a
-- batch of intakes, an import or a console), as the outbox is (migration 0095). The WHEN clauses
-- keep the cost off the writes that add no unit (most of them: accept, feedback, close ...): the
-- function runs on a dispatch, a re-dispatch, an added assisting unit, a case opened with units.
CREATE FUNCTION case_units_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_units (unit_id, created_at, case_id, district_code)
  SELECT DISTINCT u, NEW.created_at, NEW.id, NEW.district_code FROM unnest(NEW.worked_unit_ids) u
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
CREATE TRIGGER case_units_on_insert AFTER INSERT ON cases FOR EACH ROW
  WHEN (cardinality(NEW.worked_unit_ids) > 0) EXECUTE FUNCTION case_units_add();
CREATE TRIGGER case_units_on_update AFTER UPDATE OF worked_unit_ids ON cases FOR EACH ROW
  WHEN (NEW.worked_unit_ids IS DISTINCT FROM OLD.worked_unit_ids) EXECUTE FUNCTION case_units_add();

-- Replaced by case_units: nothing else reads cases by the units they were sent to before.
DROP INDEX cases_worked_units_idx;
