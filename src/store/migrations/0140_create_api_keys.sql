-- API keys of client systems (Open311 GeoReport v2 clients and later machine channels). A key is
-- 32 random bytes shown once; only its SHA-256 is kept (a high-entropy key needs no slow hash).
-- Client systems are global (a city-wide app may report in any district), so no district_code.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  client_name text NOT NULL CHECK (length(client_name) BETWEEN 1 AND 100),
  -- hex SHA-256 of the key; lookups go through this unique index
  key_hash char(64) NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  -- the first characters of the key, so an operator can tell keys apart without the key
  key_prefix text NOT NULL,
  -- requests per minute this client may make (its own budget, not the per-address one)
  rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
  created_at timestamptz NOT NULL,
  created_by text,
  revoked_at timestamptz,
  revoked_by text
);
