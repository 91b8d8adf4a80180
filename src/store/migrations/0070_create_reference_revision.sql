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

CREATE TRIGGER category_schemes_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category_schemes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER categories_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER category_standards_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category_standards
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER category_overrides_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER calendars_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendars
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER calendar_days_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER step_time_limits_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON step_time_limits
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
CREATE TRIGGER dispatch_rules_reference_revision
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dispatch_rules
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_revision();
