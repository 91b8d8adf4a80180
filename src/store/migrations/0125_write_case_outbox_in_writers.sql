-- The case outbox rows are written by the writers of case_events themselves, in the statement
-- that inserts the events (store/case-outbox.store.ts caseOutboxTail): one ordering lock and one
-- NOTIFY per statement, the case's sight from what the writer already holds. The deferred row
-- trigger of 0095 did the same per event at COMMIT (a PL/pgSQL call, a lock, a read of the case
-- and a NOTIFY each) and halved intake on PostgreSQL (bench:intake, ADR 0003).
DROP TRIGGER case_events_outbox ON case_events;
DROP FUNCTION case_outbox_append();

-- What stays is a guard: a statement that inserts events without their outbox rows fails loudly
-- (a stream would otherwise miss the change for good, silently). It runs at the end of each
-- statement (the writers put the outbox rows in the same statement), one anti-join per
-- statement. A bulk loader of historical events runs with session_replication_role = replica
-- (bench:history), which also skips this trigger.
CREATE FUNCTION case_outbox_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing record;
BEGIN
  SELECT a.case_id, a.version INTO missing FROM added_events a
  WHERE NOT EXISTS (
    SELECT 1 FROM case_outbox o
    WHERE o.district_code = a.district_code AND o.case_id = a.case_id AND o.event_id = a.id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'case event % #% was written without its case_outbox row',
      missing.case_id, missing.version
      USING ERRCODE = 'P0001',
        HINT = 'write case events with their outbox rows (store/case-outbox.store.ts)';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER case_events_outbox_guard
  AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS added_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_outbox_guard();
