-- Finding cases in a history of millions (issue #8 §5). The case list pages by keyset on
-- (created_at DESC) — newest report first — so every filter of GET /cases gets a
-- B-tree whose leading column is the filter and whose tail is that sort: the first page and a
-- page a million rows deep are both one index descent. Work queues (open cases only) keep their
-- deadline order; open cases are few whatever the history, and the status index finds them.

-- 结案时间: when the case reached `closed` (kept through evaluation, cleared by a reopen); the
-- store derives it on every write, so the domain's Case stays as it is.
ALTER TABLE cases ADD COLUMN closed_at timestamptz;
UPDATE cases c SET closed_at = (
  SELECT max(e.at) FROM case_events e
  WHERE e.case_id = c.id AND e.to_status = 'closed' AND e.from_status IS DISTINCT FROM 'closed')
WHERE c.status IN ('closed', 'evaluated');
UPDATE cases SET closed_at = updated_at WHERE status IN ('closed', 'evaluated') AND closed_at IS NULL;

-- Replaced by the (filter, created_at, id) indexes below; a second index on one leading
-- column is storage and write cost for nothing.
DROP INDEX cases_district_status_idx;
DROP INDEX cases_grid_idx;
DROP INDEX cases_main_unit_idx;
-- Nothing reads events by action across cases (the deadline sweep reads cases, not events).
DROP INDEX case_events_action_at_idx;

CREATE INDEX cases_created_idx ON cases (created_at DESC);
CREATE INDEX cases_district_created_idx ON cases (district_code, created_at DESC);
CREATE INDEX cases_street_created_idx ON cases (street_code, created_at DESC);
CREATE INDEX cases_community_created_idx ON cases (community_code, created_at DESC);
CREATE INDEX cases_grid_created_idx ON cases (grid_code, created_at DESC);
CREATE INDEX cases_category_created_idx ON cases (category_code, created_at DESC);
CREATE INDEX cases_status_created_idx ON cases (status, created_at DESC);
CREATE INDEX cases_source_created_idx ON cases (source, created_at DESC);
CREATE INDEX cases_main_unit_created_idx ON cases (main_unit_id, created_at DESC)
  WHERE main_unit_id IS NOT NULL;
CREATE INDEX cases_closed_idx ON cases (closed_at DESC) WHERE closed_at IS NOT NULL;

-- Text (address and description, Chinese included): trigrams; a LIKE '%…%' of three or more
-- characters is answered from this index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX cases_text_trgm_idx ON cases USING gin ((address || ' ' || description) gin_trgm_ops);
