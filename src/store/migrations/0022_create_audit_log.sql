-- Audit of every write request (issue #3 §7), refused ones included. Append-only.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id text,
  role text,
  -- The acting user's district (null for anonymous requests).
  district_code char(6),
  method text NOT NULL,
  -- The route pattern (/api/v1/cases/:id/dispatch), not the raw URL.
  route text NOT NULL,
  entity text,
  entity_id text,
  status smallint NOT NULL,
  request_id text NOT NULL,
  ip text,
  -- Field names and short values of the request body; secrets redacted.
  payload jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
