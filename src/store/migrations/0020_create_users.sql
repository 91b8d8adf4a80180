-- People who sign in (issue #3 §7). Role and region scope decide what they may see and do.
CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.@-]{2,64}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN (
    'supervisor', 'city_supervisor', 'acceptance_operator', 'dispatcher', 'unit_handler',
    'commander', 'hotline_agent', 'admin')),
  -- The user's district; city-level staff carry the city's own code (e.g. 530100).
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  -- The unit (处置单位) a unit handler works for.
  unit_id text REFERENCES units (id),
  -- Region codes (district/street/community) the user may act in; empty means the whole district.
  region_scope text[] NOT NULL DEFAULT '{}',
  -- scrypt$N$r$p$salt$hash (base64url), never the password itself.
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'unit_handler' OR unit_id IS NOT NULL)
);
CREATE INDEX users_district_idx ON users (district_code, role);
CREATE INDEX users_unit_idx ON users (unit_id) WHERE unit_id IS NOT NULL;
