-- Intake writes its idempotency key, tracking code and photo links in the case's own
-- transaction before the case row (so outside the district's case-number lock); the references
-- to cases are checked at commit instead of at each statement.
ALTER TABLE intake_idempotency_keys DROP CONSTRAINT intake_idempotency_keys_case_id_fkey;
ALTER TABLE intake_idempotency_keys ADD CONSTRAINT intake_idempotency_keys_case_id_fkey
  FOREIGN KEY (case_id) REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE public_reports DROP CONSTRAINT public_reports_case_id_fkey;
ALTER TABLE public_reports ADD CONSTRAINT public_reports_case_id_fkey
  FOREIGN KEY (case_id) REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE files DROP CONSTRAINT files_case_id_fkey;
ALTER TABLE files ADD CONSTRAINT files_case_id_fkey
  FOREIGN KEY (case_id) REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED;
