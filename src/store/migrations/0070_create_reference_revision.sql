-- One counter that moves whenever reference data a case write consults changes: the catalogue
-- (schemes, categories, standards, district overrides), calendars and their days, the centre's
-- step time limits and the dispatch rules. A service copy keeps what it read until the counter
-- moves (services/reference/reference-reads.ts), so a batch of intakes reads one row instead of
-- the whole rule set. Statement triggers move it for every writer, an SQL console included, in
-- the writer's own transaction. The values come from a sequence, which never hands out a value
-- twice, so a revision seen inside a transaction that rolled back never names other data later.
CREATE SEQUENCE reference_revision_seq;
CREATE TABLE reference_revision (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision bigint NOT NULL
);
INSERT INTO reference_revision (id, revision) VALUES (true, nextval('reference_revision_seq'));

CREATE FUNCTION bump_reference_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reference_revision SET revision = nextval('reference_revision_seq') WHERE id;
  RETURN NULL;
END
$$;

-- One statement trigger per table the case writes consult (<table>_reference_revision).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['category_schemes', 'categories', 'category_standards',
    'category_overrides', 'calendars', 'calendar_days', 'step_time_limits', 'dispatch_rules']
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
       FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision()',
      t || '_reference_revision', t);
  END LOOP;
END
$$;
