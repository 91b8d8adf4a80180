-- Cases (案件): the current state of each case, projected from its events (case_events). Every
-- column mirrors a field of the domain `Case` (src/domain/cases/case.ts); `version` is the number
-- of events so far and guards concurrent writes (UPDATE ... WHERE version = expected).
CREATE TABLE cases (
  id text PRIMARY KEY,
  -- Readable number: district, local (Asia/Shanghai) date, daily sequence: 530102-20261124-0007.
  case_number text NOT NULL UNIQUE CHECK (case_number ~ '^[0-9]{6}-[0-9]{8}-[0-9]{4,}$'),
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  source text NOT NULL CHECK (source IN (
    'supervisor', 'city_supervisor', 'hotline_12345', 'hotline_12319', 'public_web', 'wechat',
    'media', 'video', 'drone', 'satellite', 'sensor', 'leader', 'other')),
  kind text NOT NULL CHECK (kind IN ('component', 'event')),
  category_scheme text NOT NULL,
  category_code text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('urgent', 'pressing', 'normal')),
  -- WGS84 point; `geom` is derived so spatial queries (near-duplicates) can use a GiST index.
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
  -- Optional GeoJSON polygon of the problem area (a patch of remote-sensing change, a long wall).
  polygon jsonb,
  grid_code char(15),
  community_code char(12),
  street_code char(9),
  address text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  photo_ids text[] NOT NULL DEFAULT '{}',
  reporter_name text,
  -- Stored in full; the API masks it for roles that do not call reporters back.
  reporter_phone text,
  -- Duplicates merged into this case, with their reporters (合并).
  linked_reports jsonb NOT NULL DEFAULT '[]',
  loop_level text NOT NULL CHECK (loop_level IN ('city', 'district', 'street', 'community')),
  status text NOT NULL CHECK (status IN (
    'pending_verification', 'pending_filing', 'not_filed', 'pending_dispatch', 'dispatched',
    'handling', 'on_hold', 'pending_recheck', 'pending_close', 'closed', 'evaluated',
    'cancelled', 'merged')),
  main_unit_id text,
  assisting_unit_ids text[] NOT NULL DEFAULT '{}',
  dispatch_rule_id text,
  responsible_unit_id text,
  -- Every step's timer {step: {startedAt, dueAt, warnAt, pausedAt?, pausedWorkingMs}} as the
  -- domain keeps them; the running step is copied into the columns below for the sweep.
  deadlines jsonb NOT NULL DEFAULT '{}',
  active_step text CHECK (active_step IN ('verify', 'file', 'dispatch', 'handle', 'recheck', 'close')),
  due_at timestamptz,
  warn_at timestamptz,
  paused_at timestamptz,
  -- Timer state of the running step as last recorded (by a write or by the deadline sweep).
  timer_state text CHECK (timer_state IN ('on_time', 'warning', 'overdue', 'paused')),
  -- An extension, hold or cancellation request awaiting approval; its kind is a column for the
  -- approvals queue.
  pending_request jsonb,
  pending_request_kind text CHECK (pending_request_kind IN ('extension', 'hold', 'cancel')),
  rework_count integer NOT NULL DEFAULT 0 CHECK (rework_count >= 0),
  send_back_count integer NOT NULL DEFAULT 0 CHECK (send_back_count >= 0),
  extension_count integer NOT NULL DEFAULT 0 CHECK (extension_count >= 0),
  urge_count integer NOT NULL DEFAULT 0 CHECK (urge_count >= 0),
  reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
  merged_into text,
  self_handled boolean NOT NULL DEFAULT false,
  handle_first boolean NOT NULL DEFAULT false,
  spot_checked boolean NOT NULL DEFAULT false,
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((pending_request IS NULL) = (pending_request_kind IS NULL)),
  CHECK ((active_step IS NULL) = (due_at IS NULL) AND (due_at IS NULL) = (warn_at IS NULL))
);

-- Queues: a district's cases by status, newest first.
CREATE INDEX cases_district_status_idx ON cases (district_code, status, created_at DESC);
-- The deadline sweep: open cases whose running step is due or warning before now.
CREATE INDEX cases_open_due_idx ON cases (due_at) WHERE due_at IS NOT NULL AND status IN (
  'pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched', 'handling',
  'pending_recheck', 'pending_close');
CREATE INDEX cases_open_warn_idx ON cases (warn_at) WHERE warn_at IS NOT NULL AND status IN (
  'pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched', 'handling',
  'pending_recheck', 'pending_close');
-- "Cases sent to my unit": main unit, or one of the assisting units (协同).
CREATE INDEX cases_main_unit_idx ON cases (main_unit_id, status) WHERE main_unit_id IS NOT NULL;
CREATE INDEX cases_assisting_units_idx ON cases USING gin (assisting_unit_ids);
CREATE INDEX cases_pending_request_idx ON cases (district_code, pending_request_kind)
  WHERE pending_request_kind IS NOT NULL;
CREATE INDEX cases_geom_idx ON cases USING gist (geom);
CREATE INDEX cases_grid_idx ON cases (grid_code);
