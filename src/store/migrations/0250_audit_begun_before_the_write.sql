-- An audit entry is written before the write it records (issue #8 remainders): a state-changing
-- request first appends its entry with no outcome yet (status NULL, 已受理未完成) under a key of
-- its own, and only then runs; when that append fails, the request is refused and changes nothing.
-- At the end the entry is completed once: the status, and the entity the handler named.
-- An entry whose status stays NULL records a request whose outcome could not be written.
ALTER TABLE audit_log ADD COLUMN entry_key text;
CREATE UNIQUE INDEX audit_log_entry_key_idx ON audit_log (entry_key);
ALTER TABLE audit_log ALTER COLUMN status DROP NOT NULL;

-- Still append-only, but for the one completion: status from NULL to a value, and the entity
-- (which the handler learns, e.g. the id of the case it opened). Nothing else may change.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status IS NULL AND NEW.status IS NOT NULL
     AND NEW.id = OLD.id AND NEW.at = OLD.at
     -- who acted may be filled once (a sign-in is begun before the user is known), never changed
     AND (OLD.user_id IS NULL OR NEW.user_id IS NOT DISTINCT FROM OLD.user_id)
     AND (OLD.role IS NULL OR NEW.role IS NOT DISTINCT FROM OLD.role)
     AND (OLD.district_code IS NULL OR NEW.district_code IS NOT DISTINCT FROM OLD.district_code)
     AND NEW.method = OLD.method AND NEW.route = OLD.route
     AND NEW.request_id = OLD.request_id
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip
     AND NEW.payload IS NOT DISTINCT FROM OLD.payload
     AND NEW.entry_key IS NOT DISTINCT FROM OLD.entry_key THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
