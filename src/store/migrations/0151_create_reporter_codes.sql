-- One-time codes (短信验证码) a reporter asks for to see their own reports by phone. Neither the
-- phone nor the code is stored in clear: `phone_hash` and `code_hash` are keyed hashes (HMAC with
-- the service's secret). A code expires, allows a few wrong tries (`attempts`) and is used once.
-- Not city data of one district: a phone's reports may lie in several districts.
CREATE TABLE reporter_codes (
  id text PRIMARY KEY,
  phone_hash text NOT NULL,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  consumed_at timestamptz
);
CREATE INDEX reporter_codes_phone_idx ON reporter_codes (phone_hash, created_at DESC);

-- A reporter's own public reports, found by the phone they gave.
CREATE INDEX cases_reporter_phone_idx ON cases (reporter_phone) WHERE reporter_phone IS NOT NULL;
