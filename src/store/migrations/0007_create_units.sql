-- Units (处置单位): the organisations cases are dispatched to, as a tree with their region.
CREATE TABLE units (
  id text PRIMARY KEY,
  parent_id text REFERENCES units (id),
  -- The region's district code; city-level units carry the city's code.
  district_code char(6) NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  kind text NOT NULL CHECK (kind IN (
    'command_centre', 'city_department', 'district_bureau', 'street_centre', 'community_station', 'utility')),
  name_zh text NOT NULL,
  name_en text,
  -- Unified social credit code (统一社会信用代码), 18 characters, when known.
  credit_code varchar(18),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_parent_idx ON units (parent_id);
CREATE INDEX units_district_idx ON units (district_code, kind);
