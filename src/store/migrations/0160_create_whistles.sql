-- Whistle and report (吹哨报到, issue #9 §5): a community, street or district blows the whistle on
-- a case it cannot solve alone and names the departments that must come; each summoned department
-- reports (报到) in three steps within limits. `whistle_events` is the append-only timeline;
-- `whistles` and `whistle_summons` are the current state derived from it (as cases / case_events).
CREATE TABLE whistles (
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  id text NOT NULL,
  case_id text NOT NULL,
  -- 社区哨 / 街道哨 / 区县哨: the level of the whistling region (domain/whistle levels.ts).
  level text NOT NULL CHECK (level IN ('community', 'street', 'district')),
  -- The whistling region: a community (12 digits), street (9) or district (6) code.
  region_code text NOT NULL,
  -- Where the case lies (copied when blown): street and community staff see the whistles on
  -- their region's cases, whoever blew them.
  street_code text,
  community_code text,
  reason text NOT NULL,
  whistled_by text NOT NULL,
  whistled_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'resolved', 'unresolved')),
  outcome_note text,
  closed_by text,
  closed_at timestamptz,
  version integer NOT NULL CHECK (version >= 1),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (case_id) REFERENCES cases (id)
);
-- The assessment counts whistles by district, level and the instant they were blown.
CREATE INDEX whistles_district_at_idx ON whistles (district_code, whistled_at);
CREATE INDEX whistles_case_idx ON whistles (district_code, case_id);

-- One row per summoned department (报到单位): its three deadlines and when it reported each step.
CREATE TABLE whistle_summons (
  district_code char(6) NOT NULL,
  whistle_id text NOT NULL,
  -- No foreign key: a city department (530100) answers a district's whistle (DESIGN.md: no key
  -- crosses two districts' rows); the service checks the unit when it is summoned.
  unit_id text NOT NULL,
  acknowledge_due_at timestamptz NOT NULL, -- 响应
  arrive_due_at timestamptz NOT NULL, -- 到场
  feedback_due_at timestamptz NOT NULL, -- 处置反馈
  acknowledged_at timestamptz,
  arrived_at timestamptz,
  fed_back_at timestamptz,
  -- Steps the deadline sweep recorded as missed (a `report_missed` event each), so it records
  -- each miss once.
  missed_steps text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (district_code, whistle_id, unit_id),
  FOREIGN KEY (district_code, whistle_id) REFERENCES whistles (district_code, id)
);
-- A unit's whistles (the handler's list).
CREATE INDEX whistle_summons_unit_idx ON whistle_summons (unit_id);
-- The sweep looks for steps past due that are neither reported nor recorded as missed.
CREATE INDEX whistle_summons_open_ack_idx ON whistle_summons (acknowledge_due_at)
  WHERE acknowledged_at IS NULL;
CREATE INDEX whistle_summons_open_feedback_idx ON whistle_summons (feedback_due_at)
  WHERE fed_back_at IS NULL;

CREATE TABLE whistle_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_code char(6) NOT NULL,
  whistle_id text NOT NULL,
  -- The whistle version the event produced (1 = blown).
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('blown', 'acknowledged', 'arrived', 'fed_back',
    'report_missed', 'closed')),
  -- The summoned unit the event is about (reports and misses); NULL for blown / closed.
  unit_id text,
  actor_user_id text NOT NULL,
  actor_role text NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  UNIQUE (district_code, whistle_id, version),
  FOREIGN KEY (district_code, whistle_id) REFERENCES whistles (district_code, id)
);

CREATE FUNCTION whistle_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'whistle_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER whistle_events_no_update_delete
  BEFORE UPDATE OR DELETE ON whistle_events
  FOR EACH ROW EXECUTE FUNCTION whistle_events_append_only();

-- Report limits per whistle level and step, in working time on the district's calendar. No
-- source gives numbers (the sources count whistles only), so the shipped defaults (district_code
-- NULL) are gridloop's: the higher the level, the farther the summoned department and the bigger
-- the problem. A district may set its own rows.
CREATE TABLE whistle_time_limits (
  district_code char(6) CHECK (district_code ~ '^[0-9]{6}$'),
  level text NOT NULL CHECK (level IN ('community', 'street', 'district')),
  step text NOT NULL CHECK (step IN ('acknowledge', 'arrive', 'feedback')),
  amount numeric(8, 2) NOT NULL CHECK (amount > 0),
  unit text NOT NULL CHECK (unit IN ('working_hours', 'working_days', 'calendar_hours')),
  provenance text NOT NULL
);
CREATE UNIQUE INDEX whistle_time_limits_key
  ON whistle_time_limits (coalesce(district_code, '000000'), level, step);

INSERT INTO whistle_time_limits (district_code, level, step, amount, unit, provenance) VALUES
  (NULL, 'community', 'acknowledge', 1, 'working_hours', 'gridloop default'),
  (NULL, 'community', 'arrive', 4, 'working_hours', 'gridloop default'),
  (NULL, 'community', 'feedback', 2, 'working_days', 'gridloop default'),
  (NULL, 'street', 'acknowledge', 2, 'working_hours', 'gridloop default'),
  (NULL, 'street', 'arrive', 1, 'working_days', 'gridloop default'),
  (NULL, 'street', 'feedback', 3, 'working_days', 'gridloop default'),
  (NULL, 'district', 'acknowledge', 4, 'working_hours', 'gridloop default'),
  (NULL, 'district', 'arrive', 2, 'working_days', 'gridloop default'),
  (NULL, 'district', 'feedback', 5, 'working_days', 'gridloop default');
