-- Signed session tokens carry a session id; a row here lets logout revoke it before expiry.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  district_code char(6) NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed logins per username and address, so rate limiting holds across service copies.
CREATE TABLE login_attempts (
  username text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_attempts_key_idx ON login_attempts (username, ip, at);

-- Secrets generated once and shared by every service copy (e.g. the session signing key
-- when GRIDLOOP_SESSION_SECRET is not set).
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
