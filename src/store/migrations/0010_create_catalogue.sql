-- The category catalogue (管理部件和事项): reference data shipped in reference/catalogue/ and loaded
-- by syncReferenceData. Global (no district_code): districts change it through category_overrides.

-- A vocabulary of categories: the current GB/T 47678.5-2026 (5-digit codes, the default) or a
-- variant of the legacy CJ/T 214-2007 / GB/T 30428.2-2013 family (4-digit codes).
CREATE TABLE category_schemes (
  id text PRIMARY KEY,
  family text NOT NULL CHECK (family IN ('current', 'legacy')),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  standard text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  -- Provenance: where the list was gathered and how sure it is.
  source text NOT NULL,
  confirmed text NOT NULL
);
CREATE UNIQUE INDEX category_schemes_one_default ON category_schemes (is_default) WHERE is_default;

-- Components (部件) and events/matters (事件/事项) share the code space, so kind is part of the key.
CREATE TABLE categories (
  scheme_id text NOT NULL REFERENCES category_schemes (id),
  kind text NOT NULL CHECK (kind IN ('component', 'event')),
  code text NOT NULL CHECK (code ~ '^[0-9]{4,5}$'),
  big_code char(2) NOT NULL,
  big_name_zh text NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- Provenance columns copied from the gathered list (source-categories.csv).
  source text NOT NULL,
  standard text NOT NULL,
  confirmed text NOT NULL,
  sort_order integer NOT NULL,
  PRIMARY KEY (scheme_id, kind, code),
  CHECK (left(code, 2) = big_code)
);
CREATE INDEX categories_big_idx ON categories (scheme_id, kind, big_code);

-- Display names of the urgency classes (紧急 / 较急 / 一般); names are data.
CREATE TABLE urgency_classes (
  id text PRIMARY KEY CHECK (id IN ('urgent', 'pressing', 'normal')),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  rank integer NOT NULL,
  provenance text NOT NULL
);

-- Each category's default management standard (管理标准). Time limits carry their unit.
CREATE TABLE category_standards (
  scheme_id text NOT NULL,
  kind text NOT NULL,
  code text NOT NULL,
  filing_criteria_zh text NOT NULL,   -- 立案条件
  filing_criteria_en text,
  closing_criteria_zh text NOT NULL,  -- 结案条件
  closing_criteria_en text,
  urgent_amount numeric(8, 2) NOT NULL CHECK (urgent_amount > 0),
  urgent_unit text NOT NULL CHECK (urgent_unit IN ('working_hours', 'working_days', 'calendar_hours')),
  pressing_amount numeric(8, 2) NOT NULL CHECK (pressing_amount > 0),
  pressing_unit text NOT NULL CHECK (pressing_unit IN ('working_hours', 'working_days', 'calendar_hours')),
  normal_amount numeric(8, 2) NOT NULL CHECK (normal_amount > 0),
  normal_unit text NOT NULL CHECK (normal_unit IN ('working_hours', 'working_days', 'calendar_hours')),
  responsible_unit_kind text NOT NULL CHECK (responsible_unit_kind IN (
    'city_department', 'district_bureau', 'street_centre', 'community_station', 'utility')),
  responsible_department_zh text,
  responsible_department_en text,
  -- 'gridloop default (unconfirmed) ...' or the local regulation a limit comes from.
  provenance text NOT NULL,
  PRIMARY KEY (scheme_id, kind, code),
  FOREIGN KEY (scheme_id, kind, code) REFERENCES categories (scheme_id, kind, code)
);

-- Legacy code → current code where a mapping can be justified; basis says on what grounds.
CREATE TABLE category_mappings (
  legacy_scheme_id text NOT NULL,
  kind text NOT NULL,
  legacy_code text NOT NULL,
  current_scheme_id text NOT NULL,
  current_code text NOT NULL,
  basis text NOT NULL CHECK (basis IN ('same_name', 'same_name_normalised', 'order_and_synonym')),
  note text NOT NULL,
  PRIMARY KEY (legacy_scheme_id, kind, legacy_code),
  FOREIGN KEY (legacy_scheme_id, kind, legacy_code) REFERENCES categories (scheme_id, kind, code),
  FOREIGN KEY (current_scheme_id, kind, current_code) REFERENCES categories (scheme_id, kind, code)
);

-- A district's changes to one category's standard; NULL keeps the default. The global default has none.
CREATE TABLE category_overrides (
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  scheme_id text NOT NULL,
  kind text NOT NULL,
  code text NOT NULL,
  enabled boolean,
  filing_criteria_zh text,
  filing_criteria_en text,
  closing_criteria_zh text,
  closing_criteria_en text,
  urgent_amount numeric(8, 2) CHECK (urgent_amount > 0),
  urgent_unit text CHECK (urgent_unit IN ('working_hours', 'working_days', 'calendar_hours')),
  pressing_amount numeric(8, 2) CHECK (pressing_amount > 0),
  pressing_unit text CHECK (pressing_unit IN ('working_hours', 'working_days', 'calendar_hours')),
  normal_amount numeric(8, 2) CHECK (normal_amount > 0),
  normal_unit text CHECK (normal_unit IN ('working_hours', 'working_days', 'calendar_hours')),
  responsible_unit_kind text CHECK (responsible_unit_kind IN (
    'city_department', 'district_bureau', 'street_centre', 'community_station', 'utility')),
  responsible_department_zh text,
  responsible_department_en text,
  note text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (district_code, scheme_id, kind, code),
  FOREIGN KEY (scheme_id, kind, code) REFERENCES categories (scheme_id, kind, code),
  CHECK ((urgent_amount IS NULL) = (urgent_unit IS NULL)),
  CHECK ((pressing_amount IS NULL) = (pressing_unit IS NULL)),
  CHECK ((normal_amount IS NULL) = (normal_unit IS NULL))
);

-- Which shipped reference data set is loaded, by content hash, so start-up skips an unchanged one.
CREATE TABLE reference_data_versions (
  dataset text PRIMARY KEY,
  checksum text NOT NULL,
  loaded_at timestamptz NOT NULL
);
