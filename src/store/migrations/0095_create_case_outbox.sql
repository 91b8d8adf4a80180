-- The case outbox: one row per case event, numbered in commit order, that every copy of the
-- service reads in order to stream queue changes (services/notify/change-feed.ts). A copy that
-- did not make a change still hears it, a client that reconnects with Last-Event-ID = the last
-- position it got resumes after it with nothing missing and nothing twice, and one case's
-- notices come in version order.
--
-- Why commit order: positions handed out when the event is inserted (case_events.id) commit in
-- any order, so a reader that has seen position 12 may later find 11; and a transaction's xid
-- says nothing about the order in which two transactions wrote one case (the sweep may take its
-- xid, then wait for a case another writer holds, and write the later version with the smaller
-- xid). So the row is written by a trigger deferred to the commit of the event's transaction,
-- under a transaction-scoped advisory lock held through the commit: positions are handed out
-- in commit order, and once position p is visible every smaller position is visible or never
-- will be. The lock is held only from the end of the transaction's work to its commit (no row
-- lock is taken while it is held, so it cannot deadlock with case locks).
--
-- Every writer of case_events (services, the deadline sweep's SQL, a console) feeds the outbox
-- without knowing about it, in its own transaction. The row carries what a stream needs to
-- decide who may see the change (region codes, loop level and the units the case is sent to
-- after it), so no copy reads the case per notice; who saw it before is the case's previous
-- outbox row.
CREATE TABLE case_outbox (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id bigint NOT NULL,
  case_id text NOT NULL,
  district_code char(6) NOT NULL,
  case_number text NOT NULL,
  version integer NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  at timestamptz NOT NULL,
  street_code char(9),
  community_code char(12),
  grid_code char(15),
  loop_level text NOT NULL,
  -- the case's main and assisting units after the transaction
  unit_ids text[] NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- The previous notice of a case (who could see it before this change).
CREATE INDEX case_outbox_case_idx ON case_outbox (district_code, case_id, position);

CREATE FUNCTION case_outbox_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- (95, 1): the outbox's ordering lock; held until this transaction has committed.
  PERFORM pg_advisory_xact_lock(95, 1);
  INSERT INTO case_outbox (event_id, case_id, district_code, case_number, version, action,
    from_status, to_status, at, street_code, community_code, grid_code, loop_level, unit_ids)
  SELECT NEW.id, NEW.case_id, NEW.district_code, c.case_number, NEW.version, NEW.action,
    NEW.from_status, NEW.to_status, NEW.at, c.street_code, c.community_code, c.grid_code,
    c.loop_level, array_remove(ARRAY[c.main_unit_id] || c.assisting_unit_ids, NULL)
  FROM cases c WHERE c.district_code = NEW.district_code AND c.id = NEW.case_id;
  PERFORM pg_notify('gridloop_case_outbox', '');
  RETURN NULL;
END
$$;

-- Deferred: runs at COMMIT, after every statement of the transaction (the case row is final).
CREATE CONSTRAINT TRIGGER case_events_outbox
  AFTER INSERT ON case_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION case_outbox_append();
