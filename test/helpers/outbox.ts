import type { Db } from '../../src/store/db.ts';

/**
 * What is wrong with the case outbox against the events and cases (an empty list: nothing): every
 * event has exactly one outbox row, each case's rows come in version order, and its newest row
 * shows who sees the case now. Assumes nothing was pruned.
 */
export async function outboxProblems(db: Db): Promise<string[]> {
  const missing = await db.query<{ case_id: string; version: number; rows: number }>(
    `SELECT e.case_id, e.version, count(o.position)::int AS rows
     FROM case_events e LEFT JOIN case_outbox o
       ON o.district_code = e.district_code AND o.case_id = e.case_id AND o.event_id = e.id
     GROUP BY e.case_id, e.version HAVING count(o.position) <> 1`,
  );
  const stray = await db.query<{ position: string }>(
    `SELECT o.position::text FROM case_outbox o WHERE NOT EXISTS (
       SELECT 1 FROM case_events e WHERE e.id = o.event_id AND e.case_id = o.case_id
         AND e.version = o.version)`,
  );
  // Positions must grow with versions, and versions run 1..cases.version without a gap.
  const order = await db.query<{ case_id: string }>(
    `SELECT c.id AS case_id FROM cases c
     JOIN LATERAL (
       SELECT array_agg(o.version ORDER BY o.position) AS versions FROM case_outbox o
       WHERE o.district_code = c.district_code AND o.case_id = c.id) x ON true
     WHERE x.versions IS DISTINCT FROM ARRAY(SELECT generate_series(1, c.version))`,
  );
  const sight = await db.query<{ case_id: string }>(
    `SELECT c.id AS case_id FROM cases c
     JOIN LATERAL (
       SELECT * FROM case_outbox o WHERE o.district_code = c.district_code AND o.case_id = c.id
       ORDER BY o.position DESC LIMIT 1) o ON true
     WHERE (o.case_number, o.street_code, o.community_code, o.grid_code, o.loop_level, o.unit_ids)
       IS DISTINCT FROM (c.case_number, c.street_code, c.community_code, c.grid_code, c.loop_level,
         array_remove(ARRAY[c.main_unit_id] || c.assisting_unit_ids, NULL))`,
  );
  return [
    ...missing.rows.map((r) => `${r.case_id}#${r.version}: ${r.rows} outbox rows`),
    ...stray.rows.map((r) => `outbox position ${r.position} has no event`),
    ...order.rows.map((r) => `${r.case_id}: outbox versions out of order or with gaps`),
    ...sight.rows.map((r) => `${r.case_id}: newest outbox row is not the case as it stands`),
  ];
}
