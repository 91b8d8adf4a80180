-- Grid staff in the "1+5+X" model (Kunming): 1 grid head (网格长); "5" brought-in staff
-- (supervisor 网格监督员, enforcement officer 城管执法人员, sanitation worker 环卫保洁人员,
-- community police 社区民警 ...); X others (community worker 社区专干, building head 楼栋长,
-- volunteer 志愿者, property manager 物业).
CREATE TABLE staff (
  id text PRIMARY KEY,
  district_code char(6) NOT NULL,
  name_zh text NOT NULL,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_district_idx ON staff (district_code);

CREATE TABLE grid_staff_assignments (
  district_code char(6) NOT NULL,
  grid_code char(15) NOT NULL REFERENCES grids (code),
  staff_id text NOT NULL REFERENCES staff (id),
  tier text NOT NULL CHECK (tier IN ('1', '5', 'X')),
  duty text NOT NULL CHECK (duty IN (
    'grid_head', 'supervisor', 'enforcement_officer', 'sanitation_worker', 'community_police',
    'community_worker', 'building_head', 'volunteer', 'property_manager', 'other')),
  CHECK ((tier = '1') = (duty = 'grid_head')),
  PRIMARY KEY (grid_code, staff_id, duty)
);
CREATE INDEX grid_staff_staff_idx ON grid_staff_assignments (staff_id);
-- One grid head per grid.
CREATE UNIQUE INDEX grid_staff_one_head_idx ON grid_staff_assignments (grid_code) WHERE tier = '1';
