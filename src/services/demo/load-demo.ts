import { DEFAULT_SCHEME_ID } from '../../domain/catalogue/index.ts';
import {
  DEMO_USERS,
  generateCity,
  type CityParams,
  type DemoCity,
  type DemoCityError,
  type DemoUser,
} from '../../domain/demo-city/index.ts';
import type { ComponentRow } from '../../domain/base-data/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as baseData from '../../store/base-data.store.ts';
import { listCategories } from '../../store/catalogue.store.ts';
import type { Queryable } from '../../store/db.ts';
import { findUserByUsername } from '../../store/users.store.ts';
import { ensureUser } from '../access/users.ts';
import type { Deps } from '../deps.ts';

/** The demo users' password, printed by `gridloop start` and `gridloop demo`. */
export const DEMO_PASSWORD = 'gridloop-demo';

export type DemoLoadInput = Partial<CityParams> & {
  /** components per INSERT statement (default 10,000) */
  readonly batchSize?: number;
  /** replacing an existing city is not supported: asking for it is refused */
  readonly replace?: boolean;
};

export type DemoPhase = 'base' | 'components' | 'users';
export type DemoProgress = {
  readonly phase: DemoPhase;
  readonly done: number;
  readonly total: number;
};

export type DemoLoadReport = {
  readonly params: CityParams;
  readonly counts: {
    readonly regions: number;
    readonly grids: number;
    readonly units: number;
    readonly staff: number;
    readonly assignments: number;
    readonly storefronts: number;
    readonly components: number;
  };
  readonly users: readonly DemoUser[];
  readonly spatialRevision: number;
};

export type DemoLoadError =
  | DemoCityError
  | { readonly code: 'demo.city_exists'; readonly details: { readonly grids: number } }
  | { readonly code: 'demo.replace_unsupported'; readonly details: Record<string, never> }
  | { readonly code: 'demo.no_categories'; readonly details: { readonly scheme: string } };

/** True when the database already holds a city (any unit grid). */
export async function hasCity(deps: Deps): Promise<boolean> {
  return (await baseData.countGrids(deps.db)) > 0;
}

/**
 * Generates the demo city and writes it: regions, grids, units, staff and storefronts in one
 * transaction (refused when grids exist), then components in batches, then one user per role.
 */
export async function loadDemoCity(
  deps: Deps,
  input: DemoLoadInput = {},
  onProgress: (p: DemoProgress) => void = () => undefined,
): Promise<Result<DemoLoadReport, DemoLoadError>> {
  const { batchSize = 10_000, replace, ...params } = input;
  if (replace === true) return err({ code: 'demo.replace_unsupported', details: {} });
  const categories = await listCategories(deps.db, {
    scheme: DEFAULT_SCHEME_ID,
    kind: 'component',
  });
  if (categories.length === 0)
    return err({ code: 'demo.no_categories', details: { scheme: DEFAULT_SCHEME_ID } });
  const generated = generateCity({ ...params, categories });
  if (!generated.ok) return generated;
  const city = generated.value;
  const written = await deps.db.transaction(async (tx) => writeBase(tx, city, onProgress));
  if (!written.ok) return written;
  const components = await writeComponents(deps, city, batchSize, onProgress);
  const users = await ensureDemoUsers(deps, city.users, onProgress);
  deps.log.info({ ...city.params, components, users: users.length }, 'demo city loaded');
  return ok({
    params: city.params,
    counts: {
      regions: city.regions.length,
      grids: city.grids.length,
      units: city.units.length,
      staff: city.staff.length,
      assignments: city.assignments.length,
      storefronts: city.storefronts.length,
      components,
    },
    users,
    spatialRevision: written.value,
  });
}

async function writeBase(
  tx: Queryable,
  city: DemoCity,
  onProgress: (p: DemoProgress) => void,
): Promise<Result<number, DemoLoadError>> {
  await baseData.lockBaseDataLoad(tx);
  const existing = await baseData.countGrids(tx);
  if (existing > 0) return err({ code: 'demo.city_exists', details: { grids: existing } });
  const steps: (() => Promise<number>)[] = [
    () => baseData.insertRegions(tx, city.regions),
    () => baseData.insertGrids(tx, city.grids),
    () => baseData.insertUnits(tx, city.units),
    () => baseData.insertStaff(tx, city.staff),
    () => baseData.insertGridStaffAssignments(tx, city.assignments),
    () => baseData.insertStorefronts(tx, city.storefronts),
  ];
  for (const [i, step] of steps.entries()) {
    await step();
    onProgress({ phase: 'base', done: i + 1, total: steps.length });
  }
  return ok(await baseData.bumpSpatialRevision(tx));
}

async function writeComponents(
  deps: Deps,
  city: DemoCity,
  batchSize: number,
  onProgress: (p: DemoProgress) => void,
): Promise<number> {
  const total = city.params.components;
  let batch: ComponentRow[] = [];
  let done = 0;
  const flush = async () => {
    // Each batch is one statement, atomic on its own: a city is never left without its grids.
    await baseData.insertComponents(deps.db, batch);
    done += batch.length;
    batch = [];
    onProgress({ phase: 'components', done, total });
  };
  for (const c of city.components()) {
    batch.push(c);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return done;
}

async function ensureDemoUsers(
  deps: Deps,
  users: readonly DemoUser[],
  onProgress: (p: DemoProgress) => void,
): Promise<DemoUser[]> {
  const made: DemoUser[] = [];
  for (const u of users) {
    const r = await ensureUser(deps, { ...u, password: DEMO_PASSWORD });
    if (r.ok) made.push(u);
    else deps.log.warn({ username: u.username, error: r.error }, 'demo user not created');
    onProgress({ phase: 'users', done: made.length, total: users.length });
  }
  return made;
}

/** The demo users present in the database (for printing the logins at start). */
export async function listDemoUsers(deps: Deps): Promise<DemoUser[]> {
  const present: DemoUser[] = [];
  for (const u of DEMO_USERS) if (await findUserByUsername(deps.db, u.username)) present.push(u);
  return present;
}
