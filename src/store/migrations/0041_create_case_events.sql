-- The append-only history of every case (DESIGN.md: the cases row is the projection of these).
-- `version` is the case version the event produced (1 = the opening event).
CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  district_code char(6) NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  -- A workflow action (domain CaseActionKind) or a system event such as a timer change.
  action text NOT NULL,
  actor_user_id text NOT NULL,
  actor_role text NOT NULL,
  actor_unit_id text,
  actor_district_code char(6) NOT NULL,
  actor_scope text CHECK (actor_scope IN ('city', 'district')),
  at timestamptz NOT NULL,
  from_status text,
  to_status text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  UNIQUE (case_id, version)
);
CREATE INDEX case_events_district_at_idx ON case_events (district_code, at);
CREATE INDEX case_events_action_at_idx ON case_events (action, at);

-- Nothing is deleted or rewritten: the history is evidence for assessments.
CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER case_events_no_update_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
