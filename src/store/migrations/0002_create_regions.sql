-- Administrative regions: city (市) → district (区/县) → street (街道/镇) → community (社区/村).
-- Codes are cumulative prefixes (GB/T 2260 + local): city/district 6 digits, street 9, community 12.
CREATE TABLE regions (
  code text PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
  parent_code text REFERENCES regions (code),
  -- The owning district's 6-digit code; for the city row, the city's own code.
  district_code char(6) NOT NULL,
  name_zh text NOT NULL,
  name_en text,
  geom geometry(MultiPolygon, 4326),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (level IN ('city', 'district') AND code ~ '^[0-9]{6}$')
    OR (level = 'street' AND code ~ '^[0-9]{9}$')
    OR (level = 'community' AND code ~ '^[0-9]{12}$')
  ),
  CHECK (level = 'city' OR parent_code IS NOT NULL),
  CHECK (level IN ('city', 'district') OR left(code, 6) = district_code)
);
CREATE INDEX regions_parent_idx ON regions (parent_code);
CREATE INDEX regions_district_idx ON regions (district_code, level);
CREATE INDEX regions_geom_idx ON regions USING gist (geom);
