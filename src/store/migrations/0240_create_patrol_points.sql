-- 巡查轨迹 patrol track points recorded by supervisors' phones (issue #12), uploaded in batches,
-- offline first. The key is who recorded the point and when, so a batch uploaded twice (a retry
-- after a lost answer) stores nothing new. `district_code` is the supervisor's own district (the
-- city's code for city supervisors), the key every read passes.
CREATE TABLE patrol_points (
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  user_id text NOT NULL,
  recorded_at timestamptz NOT NULL,
  -- WGS84, converted from the phone's coordinate system at upload.
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  -- The phone's stated accuracy in metres (null: not given).
  accuracy_m real CHECK (accuracy_m >= 0),
  -- The unit grid the point lies in (located at upload); null outside every grid.
  grid_code char(15),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (district_code, user_id, recorded_at)
);
-- Coverage of a district's grids in a period (all supervisors), for the assessment.
CREATE INDEX patrol_points_grid_idx ON patrol_points (district_code, recorded_at, grid_code)
  WHERE grid_code IS NOT NULL;
