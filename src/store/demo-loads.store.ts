import type { Queryable } from './db.ts';

/** The parameters a demo city was generated from and how far its components got (0060). */
export type DemoLoadRow = {
  readonly seed: number;
  readonly grids: number;
  readonly communities: number;
  readonly storefronts: number;
  readonly components: number;
  readonly componentsLoaded: number;
  readonly finished: boolean;
};

type Raw = {
  seed: number;
  grids: number;
  communities: number;
  storefronts: number;
  components: number;
  components_loaded: number;
  finished: boolean;
};

export async function findDemoLoad(q: Queryable): Promise<DemoLoadRow | null> {
  const r = await q.query<Raw>(
    `SELECT seed, grids, communities, storefronts, components::float8 AS components,
            components_loaded::float8 AS components_loaded, finished_at IS NOT NULL AS finished
       FROM demo_loads`,
  );
  const row = r.rows[0];
  return row
    ? {
        seed: row.seed,
        grids: row.grids,
        communities: row.communities,
        storefronts: row.storefronts,
        components: row.components,
        componentsLoaded: row.components_loaded,
        finished: row.finished,
      }
    : null;
}

export async function insertDemoLoad(
  q: Queryable,
  p: Omit<DemoLoadRow, 'componentsLoaded' | 'finished'>,
  at: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO demo_loads (seed, grids, communities, storefronts, components, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5::bigint = 0 THEN $6::timestamptz END)`,
    [p.seed, p.grids, p.communities, p.storefronts, p.components, at],
  );
}

/** Records how many components are written; the load is finished when all of them are. */
export async function recordComponentsLoaded(
  q: Queryable,
  loaded: number,
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE demo_loads SET components_loaded = $1,
            finished_at = CASE WHEN $1::bigint = components THEN $2::timestamptz END`,
    [loaded, at],
  );
}
