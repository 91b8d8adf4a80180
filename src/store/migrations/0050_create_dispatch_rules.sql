-- Dispatch rules (以案定责) as data: which unit answers for a category in a region (and loop).
-- `district_code` NULL means a city-wide rule; `category_code` is an exact small-class code, a
-- big-class prefix or '*'. Rules are never deleted: a rule that chose a unit stays readable from
-- the cases that name it (cases.dispatch_rule_id), so a rule is deactivated instead.
CREATE TABLE dispatch_rules (
  id text PRIMARY KEY,
  district_code char(6) CHECK (district_code ~ '^[0-9]{6}$'),
  category_kind text NOT NULL CHECK (category_kind IN ('component', 'event')),
  category_code text NOT NULL CHECK (category_code = '*' OR category_code ~ '^[0-9A-Za-z]+$'),
  region_level text CHECK (region_level IN ('district', 'street', 'community', 'grid')),
  region_code text,
  loop_level text CHECK (loop_level IN ('city', 'district', 'street', 'community')),
  unit_id text NOT NULL REFERENCES units (id),
  auto_dispatch boolean NOT NULL DEFAULT false,
  priority integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  note text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  deactivated_by text,
  deactivated_at timestamptz,
  CHECK ((region_level IS NULL) = (region_code IS NULL)),
  CHECK (active = (deactivated_at IS NULL))
);
-- Matching reads a district's active rules plus the city-wide ones.
CREATE INDEX dispatch_rules_active_idx ON dispatch_rules (district_code) WHERE active;
