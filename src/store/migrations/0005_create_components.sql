-- Components (管理部件) with the 18 attributes of GB/T 47678.5-2026 Table 2. The identifier
-- (管理部件标识码) is 17 digits: 6 district + 2 big class + 3 small class + 6 serial.
-- A legacy 16-digit CJ/T 214 identifier (6 + 2 + 2 + 6) is kept when a component was imported with one.
CREATE TABLE components (
  code char(17) PRIMARY KEY CHECK (code ~ '^[0-9]{17}$'),           -- GLBJBSM
  legacy_code char(16) UNIQUE CHECK (legacy_code ~ '^[0-9]{16}$'),
  district_code char(6) NOT NULL,
  category_code char(5) NOT NULL,                                    -- big 2 + small 3
  name_zh varchar(30) NOT NULL,                                      -- GLBJMC
  competent_dept_code varchar(18) NOT NULL,                          -- ZGBMDM (unified social credit code)
  competent_dept_name varchar(100) NOT NULL,                         -- ZGBMMC
  owner_code varchar(18),                                            -- QSDWDM
  owner_name varchar(100),                                           -- QSDWMC
  maintainer_code varchar(18),                                       -- YHDWDM
  maintainer_name varchar(100),                                      -- YHDWMC
  grid_code char(15) NOT NULL,                                       -- SZDYWGBSM
  status text NOT NULL CHECK (status IN ('intact', 'damaged', 'missing', 'abandoned', 'removed', 'occupied')), -- GLBJZT
  initial_date date NOT NULL,                                        -- CSRQ
  change_date date,                                                  -- BGRQ
  data_source varchar(30),                                           -- SJLY
  remark varchar(1000),                                              -- BZ
  street_code char(9),                                               -- SZJDDM
  street_name varchar(50),                                           -- SZJDMC
  community_code char(12),                                           -- SZSQDM
  community_name varchar(50),                                        -- SZSQMC
  -- Positioning accuracy class A (≤0.5 m) / B (≤1 m) / C (≤10 m).
  accuracy_class char(1) CHECK (accuracy_class IN ('A', 'B', 'C')),
  geom geometry(Point, 4326) NOT NULL,
  CHECK (left(code, 6) = district_code AND substr(code, 7, 5) = category_code),
  CHECK (left(grid_code, 6) = district_code)
);
CREATE INDEX components_grid_idx ON components (district_code, grid_code);
CREATE INDEX components_category_idx ON components (district_code, category_code);
CREATE INDEX components_geom_idx ON components USING gist (geom);
