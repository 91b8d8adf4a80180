-- Storefront responsibility units (门前三包): a shop or organisation answers for the cleanliness,
-- greening and order of its frontage.
CREATE TABLE storefronts (
  id text PRIMARY KEY,
  district_code char(6) NOT NULL,
  grid_code char(15) NOT NULL,
  name_zh text NOT NULL,
  address text NOT NULL,
  operator_name text,
  contact_phone text,
  licence_no text,
  duties text[] NOT NULL DEFAULT ARRAY['clean', 'green', 'order'],
  frontage geometry(LineString, 4326) NOT NULL,
  frontage_m double precision NOT NULL CHECK (frontage_m > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (left(grid_code, 6) = district_code)
);
CREATE INDEX storefronts_grid_idx ON storefronts (district_code, grid_code);
CREATE INDEX storefronts_geom_idx ON storefronts USING gist (frontage);
