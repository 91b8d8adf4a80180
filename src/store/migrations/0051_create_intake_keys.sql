-- Offline retries of a phone (Idempotency-Key): one case per user and key. `request_hash` is a
-- digest of the report body, so the same key with another body is refused, not answered.
CREATE TABLE intake_idempotency_keys (
  user_id text NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_hash text NOT NULL,
  case_id text NOT NULL REFERENCES cases (id),
  district_code char(6) NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);

-- Public reports (no login): the tracking code the reporter keeps to look the case up.
CREATE TABLE public_reports (
  tracking_code text PRIMARY KEY CHECK (tracking_code ~ '^[0-9A-Z]{10}$'),
  case_id text NOT NULL UNIQUE REFERENCES cases (id),
  district_code char(6) NOT NULL,
  created_at timestamptz NOT NULL
);
