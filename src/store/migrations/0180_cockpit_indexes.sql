-- The cockpit (数字驾驶舱, issue #10 §4) over years of cases. Its questions are about the few
-- open cases (live counts) and about short windows of time (today, the last days), never about
-- the whole history, so each gets a narrow index it can answer from without reading the table
-- (index-only scans; the visibility map is kept by autovacuum, and by VACUUM after a bulk load).

-- Live counts of open cases by status, region, category, channel, timer state and unit: the
-- open cases are a few days' worth whatever the history (about 1 % of it), and this index holds
-- only them, with every column the counts group by. The status list is OPEN_STATUSES
-- (domain/cases), repeated literally so the planner matches the query's predicate.
CREATE INDEX cases_cockpit_open_idx ON cases
  (district_code, street_code, status, category_code, source, timer_state, main_unit_id)
  WHERE status IN ('pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched',
    'handling', 'on_hold', 'pending_recheck', 'pending_close');

-- New cases per day and hot grids / categories of a window: a range of created_at, counted
-- from the index alone.
CREATE INDEX cases_cockpit_created_idx ON cases (created_at)
  INCLUDE (district_code, street_code, grid_code, category_code);

-- Closed cases per day (结案时间), likewise.
CREATE INDEX cases_cockpit_closed_idx ON cases (closed_at)
  INCLUDE (district_code, street_code) WHERE closed_at IS NOT NULL;

-- Replaced by cases_cockpit_closed_idx (same key and predicate, now with the region columns).
DROP INDEX cases_closed_idx;
