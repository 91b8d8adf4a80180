-- Assessment roll-ups (issue #10 §3). The fold of domain/indicators turns each case event into
-- facts (day × district × party × category × metric); these tables keep them so a month's
-- assessment sums days instead of scanning raw events. All of it is derived from case_events and
-- can be rebuilt from them (the recompute must give the same numbers).

-- One row per fact: what a number is made of (traceability: the cases and events behind it).
CREATE TABLE assess_facts (
  district_code char(6) NOT NULL,
  event_id bigint NOT NULL,
  case_id text NOT NULL,
  -- the event's local date in the city's time zone
  day date NOT NULL,
  party_kind text NOT NULL CHECK (party_kind IN ('unit', 'supervisor', 'operator', 'dispatcher', 'grid')),
  -- a unit id, a user id, or a 15-digit grid code ('' for a case in no grid)
  party_id text NOT NULL,
  category_code text NOT NULL,
  metric text NOT NULL,
  -- 1 for a count, milliseconds for a duration
  value bigint NOT NULL,
  PRIMARY KEY (district_code, event_id, metric)
);
CREATE INDEX assess_facts_trace_idx ON assess_facts (district_code, metric, day, party_id);

-- The daily roll-up: facts summed by day, party, category and metric.
CREATE TABLE assess_daily (
  district_code char(6) NOT NULL,
  day date NOT NULL,
  party_kind text NOT NULL,
  party_id text NOT NULL,
  category_code text NOT NULL,
  metric text NOT NULL,
  n bigint NOT NULL,
  value bigint NOT NULL,
  PRIMARY KEY (district_code, day, party_kind, party_id, category_code, metric)
);
CREATE INDEX assess_daily_party_idx ON assess_daily (district_code, party_kind, day);

-- What the fold remembers of each case between two runs of the roll-up (domain CaseTrack).
CREATE TABLE assess_case_tracks (
  district_code char(6) NOT NULL,
  case_id text NOT NULL,
  track jsonb NOT NULL,
  PRIMARY KEY (district_code, case_id)
);

-- How far the roll-up has read the case outbox (its positions are in commit order, migration
-- 0095, so everything at or below the position has been seen and nothing later was skipped).
CREATE TABLE assess_rollup_position (
  id smallint PRIMARY KEY CHECK (id = 1),
  position bigint NOT NULL CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO assess_rollup_position (id, position) VALUES (1, 0);
