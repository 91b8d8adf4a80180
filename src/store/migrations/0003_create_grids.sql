-- Unit grids (单元网格, GB/T 30428.1 / GB/T 47678.3): 15-digit code =
-- 6 district + 3 street + 3 community + 3 sequence. They tile each community without gaps or overlaps.
CREATE TABLE grids (
  code char(15) PRIMARY KEY CHECK (code ~ '^[0-9]{15}$'),
  district_code char(6) NOT NULL,
  street_code char(9) NOT NULL,
  community_code char(12) NOT NULL REFERENCES regions (code),
  name_zh text NOT NULL,
  -- Assessment area class (一类/二类 区域), used by the region indicators.
  area_class smallint NOT NULL DEFAULT 1 CHECK (area_class IN (1, 2)),
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (left(code, 6) = district_code AND left(code, 9) = street_code AND left(code, 12) = community_code)
);
CREATE INDEX grids_geom_idx ON grids USING gist (geom);
CREATE INDEX grids_district_idx ON grids (district_code);
CREATE INDEX grids_community_idx ON grids (community_code);

-- Bumped by every change to regions or grids, so each service copy can tell when its in-process
-- locate index is stale (several copies may run behind one load balancer).
CREATE TABLE spatial_revision (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO spatial_revision (id, revision) VALUES (true, 0);
