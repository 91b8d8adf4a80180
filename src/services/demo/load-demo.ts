import type { ComponentRow } from '../../domain/base-data/index.ts';
import { DEFAULT_SCHEME_ID } from '../../domain/catalogue/index.ts';
import {
  demoUsers,
  generateCity,
  type CityParams,
  type DemoCity,
  type DemoCityError,
  type DemoUser,
} from '../../domain/demo-city/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as baseData from '../../store/base-data.store.ts';
import { listCategories } from '../../store/catalogue.store.ts';
import type { Queryable } from '../../store/db.ts';
import * as demoLoads from '../../store/demo-loads.store.ts';
import { listUnits } from '../../store/units.store.ts';
import { ensureUsersWithSharedPassword, findUsers } from '../access/users.ts';
import type { Deps } from '../deps.ts';
import { ensureDemoDispatchRules } from '../dispatch/demo-rules.ts';

/** The demo users' password, printed by `gridloop start` and `gridloop demo`. */
export const DEMO_PASSWORD = 'gridloop-demo';

export type DemoLoadInput = Partial<CityParams> & {
  /** components per INSERT statement and transaction (default 10,000) */
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
type OnProgress = (p: DemoProgress) => void;

export type DemoLoadReport = {
  readonly params: CityParams;
  readonly counts: {
    readonly regions: number;
    readonly grids: number;
    readonly units: number;
    readonly staff: number;
    readonly assignments: number;
    readonly storefronts: number;
    /** written so far */
    readonly components: number;
  };
  readonly users: readonly DemoUser[];
  /** true when an interrupted load was picked up again instead of starting a city */
  readonly resumed: boolean;
};

export type DemoLoadError =
  | DemoCityError
  | { readonly code: 'demo.city_exists'; readonly details: { readonly grids: number } }
  | { readonly code: 'demo.replace_unsupported'; readonly details: Record<string, never> }
  | { readonly code: 'demo.no_categories'; readonly details: { readonly scheme: string } };

/**
 * A demo city whose base data is written; its components may still be to come. Holds only the
 * component stream, so the written regions, staff and storefronts can be freed.
 */
export type DemoBase = {
  readonly params: CityParams;
  readonly components: DemoCity['components'];
  readonly report: DemoLoadReport;
  readonly batchSize: number;
};

/** True when the database already holds a city (any unit grid). */
export async function hasCity(deps: Deps): Promise<boolean> {
  return (await baseData.countGrids(deps.db)) > 0;
}

/** True when a demo city was loaded (or started loading) into the database. */
export async function isDemoLoaded(deps: Deps): Promise<boolean> {
  return (await demoLoads.findDemoLoad(deps.db)) !== null;
}

/**
 * Generates the demo city and writes all of it: see loadDemoBase, then loadDemoComponents.
 * An interrupted earlier load is resumed with its own parameters.
 */
export async function loadDemoCity(
  deps: Deps,
  input: DemoLoadInput = {},
  onProgress: OnProgress = () => undefined,
): Promise<Result<DemoLoadReport, DemoLoadError>> {
  const base = await loadDemoBase(deps, input, onProgress);
  if (!base.ok) return base;
  return ok(await loadDemoComponents(deps, base.value, onProgress));
}

/**
 * Writes regions, grids, units, staff and storefronts in one transaction (refused when the
 * database holds a city), then the demo logins (see demoUsers). Returns what loadDemoComponents needs.
 */
export async function loadDemoBase(
  deps: Deps,
  input: DemoLoadInput = {},
  onProgress: OnProgress = () => undefined,
): Promise<Result<DemoBase, DemoLoadError>> {
  const { batchSize = 10_000, replace, ...params } = input;
  if (replace === true) return err({ code: 'demo.replace_unsupported', details: {} });
  const unfinished = await findUnfinishedLoad(deps, batchSize);
  if (unfinished !== null) {
    if (unfinished.ok) deps.log.info(unfinished.value.params, 'resuming an interrupted demo load');
    return unfinished;
  }
  const generated = await generate(deps, params);
  if (!generated.ok) return generated;
  const city = generated.value;
  const written = await deps.db.transaction((tx) => writeBase(deps, tx, city, onProgress), {
    bulk: true,
  });
  if (!written.ok) return written;
  const users = await ensureDemoUsers(deps, city.users, onProgress);
  return ok(demoBase(city, reportOf(city, 0, users, false), batchSize));
}

/** An interrupted demo load (components still to write), regenerated from its parameters. */
export async function findUnfinishedDemoLoad(
  deps: Deps,
  batchSize = 10_000,
): Promise<DemoBase | null> {
  const r = await findUnfinishedLoad(deps, batchSize);
  return r?.ok ? r.value : null;
}

async function findUnfinishedLoad(
  deps: Deps,
  batchSize: number,
): Promise<Result<DemoBase, DemoLoadError> | null> {
  const row = await demoLoads.findDemoLoad(deps.db);
  if (row === null || row.finished) return null;
  const { seed, grids, communities, storefronts, components, componentsLoaded } = row;
  const generated = await generate(deps, { seed, grids, communities, storefronts, components });
  if (!generated.ok) return generated;
  const users = await listDemoUsers(deps);
  const city = generated.value;
  return ok(demoBase(city, reportOf(city, componentsLoaded, users, true), batchSize));
}

async function generate(
  deps: Deps,
  params: Partial<CityParams>,
): Promise<Result<DemoCity, DemoLoadError>> {
  const categories = await listCategories(deps.db, {
    scheme: DEFAULT_SCHEME_ID,
    kind: 'component',
  });
  if (categories.length === 0)
    return err({ code: 'demo.no_categories', details: { scheme: DEFAULT_SCHEME_ID } });
  return generateCity({ ...params, categories });
}

async function writeBase(
  deps: Deps,
  tx: Queryable,
  city: DemoCity,
  onProgress: OnProgress,
): Promise<Result<number, DemoLoadError>> {
  await baseData.lockBaseDataLoad(tx);
  const existing = await baseData.countGrids(tx);
  if (existing > 0) return err({ code: 'demo.city_exists', details: { grids: existing } });
  const steps: (() => Promise<unknown>)[] = [
    () => baseData.insertRegions(tx, city.regions),
    () => baseData.insertGrids(tx, city.grids),
    () => baseData.insertUnits(tx, city.units),
    () => baseData.insertStaff(tx, city.staff),
    () => baseData.insertGridStaffAssignments(tx, city.assignments),
    () => baseData.insertStorefronts(tx, city.storefronts),
    () => ensureDemoDispatchRules(tx, deps.clock.now()),
    () => demoLoads.insertDemoLoad(tx, city.params, deps.clock.now()),
  ];
  for (const [i, step] of steps.entries()) {
    await step();
    onProgress({ phase: 'base', done: i + 1, total: steps.length });
  }
  return ok(await baseData.bumpSpatialRevision(tx));
}

/**
 * Writes the components the base still lacks, in batches; each batch and the running count
 * commit together, so an interrupted load resumes exactly where it stopped.
 */
export async function loadDemoComponents(
  deps: Deps,
  base: DemoBase,
  onProgress: OnProgress = () => undefined,
): Promise<DemoLoadReport> {
  const total = base.params.components;
  const from = base.report.counts.components;
  let done = 0;
  let batch: ComponentRow[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    await deps.db.transaction(
      async (tx) => {
        await baseData.insertComponents(tx, rows);
        await demoLoads.recordComponentsLoaded(tx, done + rows.length, deps.clock.now());
      },
      { bulk: true },
    );
    done += rows.length;
    onProgress({ phase: 'components', done, total });
    // PGlite runs statements synchronously in WASM: without a turn of the event loop between
    // batches, a server loading in the background would not read a request until the end.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const c of base.components()) {
    // The stream is deterministic: the first `from` components are the ones already written.
    if (done < from) {
      done++;
      continue;
    }
    batch.push(c);
    if (batch.length >= base.batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  deps.log.info({ ...base.params, components: done }, 'demo city loaded');
  return { ...base.report, counts: { ...base.report.counts, components: done } };
}

const demoBase = (city: DemoCity, report: DemoLoadReport, batchSize: number): DemoBase => ({
  params: city.params,
  components: city.components,
  report,
  batchSize,
});

function reportOf(
  city: DemoCity,
  components: number,
  users: readonly DemoUser[],
  resumed: boolean,
): DemoLoadReport {
  return {
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
    resumed,
  };
}

async function ensureDemoUsers(
  deps: Deps,
  users: readonly DemoUser[],
  onProgress: OnProgress,
): Promise<DemoUser[]> {
  const r = await ensureUsersWithSharedPassword(deps, users, DEMO_PASSWORD);
  for (const { username, error } of r.refused)
    deps.log.warn({ username, error }, 'demo user not created');
  onProgress({ phase: 'users', done: users.length, total: users.length });
  return presentOnly(deps, users);
}

/** The given demo users that exist in the database, in the given order. */
async function presentOnly(deps: Deps, users: readonly DemoUser[]): Promise<DemoUser[]> {
  const present = new Set(
    (
      await findUsers(
        deps,
        users.map((u) => u.username),
      )
    ).map((u) => u.username),
  );
  return users.filter((u) => present.has(u.username));
}

/**
 * The demo users present in the database (for printing the logins at start): a login per role of
 * every centre and a handler for every unit of the city in the database.
 */
export async function listDemoUsers(deps: Deps): Promise<DemoUser[]> {
  return presentOnly(deps, demoUsers(await listUnits(deps.db, {})));
}
