-- Work queues list the oldest deadline first, then the report time and the id (store
-- case-list.store.ts, `due_asc`). The overdue queue (超期) of a centre holds every open case past
-- its deadline, by the thousand in a busy city: with an index on the deadline alone, each page
-- read all of them and sorted them (issue #8 §5). With the whole sort key in the index a page is
-- `limit` entries of it, and the deadline sweep keeps reading it by its leading column.
DROP INDEX cases_open_due_idx;
CREATE INDEX cases_open_due_idx ON cases (due_at, created_at, id) WHERE due_at IS NOT NULL AND status IN (
  'pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched', 'handling',
  'pending_recheck', 'pending_close');
