import type {
  ComponentRow,
  GridRow,
  GridStaffAssignmentRow,
  RegionRow,
  StaffRow,
  StorefrontRow,
  UnitRow,
} from '../base-data/index.ts';
import { err, ok, type Result } from '../shared/index.ts';
import { type ComponentCategory, generateComponents } from './components.ts';
import { layOutCity, MAX_GRIDS_PER_COMMUNITY } from './layout.ts';
import { generateStaff } from './people.ts';
import { createRng } from './random.ts';
import { generateStorefronts } from './storefronts.ts';
import { generateUnits } from './units.ts';
import { demoUsers, type DemoUser } from './users.ts';
import { DISTRICTS, SYNTHETIC_COMMUNITIES_PER_STREET } from './names.ts';

/** What decides a demo city; the same parameters always give the same city. */
export type CityParams = {
  readonly seed: number;
  /** exactly this many unit grids (Kunming's main city has 1,272) */
  readonly grids: number;
  readonly components: number;
  /** about this many communities (fewer when there are fewer grids) */
  readonly communities: number;
  readonly storefronts: number;
};

export const DEFAULT_CITY_PARAMS: CityParams = {
  seed: 1,
  grids: 1272,
  components: 100_000,
  communities: 330,
  storefronts: 2544,
};

/** Enough for 20,000 grids × 50 and well inside the 6-digit serials per district and category. */
const MAX_GRIDS = 1_000_000;
const MAX_COMPONENTS = 50_000_000;
/** Synthetic communities use codes 901–999 of their street: 99 per real street. */
const MAX_COMMUNITIES =
  DISTRICTS.reduce((n, d) => n + d.streets.length, 0) * SYNTHETIC_COMMUNITIES_PER_STREET;

export type DemoCityError = {
  readonly code: 'demo.invalid_params';
  readonly details: { readonly param: string; readonly reason: string };
};

export type DemoCity = {
  readonly params: CityParams;
  /** city, districts, streets, communities: parents before children */
  readonly regions: readonly RegionRow[];
  readonly grids: readonly GridRow[];
  /** parents before children */
  readonly units: readonly UnitRow[];
  readonly staff: readonly StaffRow[];
  readonly assignments: readonly GridStaffAssignmentRow[];
  readonly storefronts: readonly StorefrontRow[];
  /** a login per role of every centre and a handler per unit (see demoUsers) */
  readonly users: readonly DemoUser[];
  /** A fresh, deterministic stream of `params.components` components on every call. */
  readonly components: () => Generator<ComponentRow>;
};

// Independent PRNG streams: changing the component count never moves a grid.
const STREAM = { layout: 1, staff: 2, storefronts: 3, components: 4 } as const;

function checkParams(p: CityParams, categories: number): Result<CityParams, DemoCityError> {
  const bad = (param: string, reason: string) =>
    err<DemoCityError>({ code: 'demo.invalid_params', details: { param, reason } });
  const whole = (v: number, min: number, max: number) =>
    Number.isInteger(v) && v >= min && v <= max;
  if (!whole(p.seed, 0, 2 ** 31 - 1)) return bad('seed', 'an integer from 0 to 2147483647');
  if (!whole(p.grids, DISTRICTS.length, MAX_GRIDS))
    return bad('grids', `an integer from ${DISTRICTS.length} to ${MAX_GRIDS}`);
  if (!whole(p.communities, DISTRICTS.length, p.grids))
    return bad('communities', `an integer from ${DISTRICTS.length} to the number of grids`);
  if (p.communities > MAX_COMMUNITIES)
    return bad(
      'communities',
      `at most ${MAX_COMMUNITIES} (${SYNTHETIC_COMMUNITIES_PER_STREET} per street)`,
    );
  if (p.grids > p.communities * MAX_GRIDS_PER_COMMUNITY)
    return bad('grids', `at most ${MAX_GRIDS_PER_COMMUNITY} grids per community`);
  if (!whole(p.components, 0, MAX_COMPONENTS))
    return bad('components', `an integer from 0 to ${MAX_COMPONENTS}`);
  if (!whole(p.storefronts, 0, p.grids * 50))
    return bad('storefronts', 'an integer from 0 to 50 per grid');
  if (p.components > 0 && categories === 0)
    return bad('categories', 'no component categories given');
  return ok(p);
}

/**
 * Generates a Kunming-like demo city: the real 昆明市 main districts and their real 街道 with the
 * official codes, synthetic (flagged, 演示-named) communities and grids below them:
 * regions, exactly `grids` grids tiling every community, units, "1+5+X" staff, storefronts, demo
 * user descriptors, and a component stream over the given catalogue categories. Pure and seeded.
 */
export function generateCity(
  input: Partial<CityParams> & { readonly categories: readonly ComponentCategory[] },
): Result<DemoCity, DemoCityError> {
  const { categories, ...given } = input;
  const grids = given.grids ?? DEFAULT_CITY_PARAMS.grids;
  const params: CityParams = {
    ...DEFAULT_CITY_PARAMS,
    storefronts: 2 * grids,
    ...given,
    communities: Math.min(given.communities ?? DEFAULT_CITY_PARAMS.communities, grids),
  };
  const checked = checkParams(params, categories.length);
  if (!checked.ok) return checked;
  const layout = layOutCity(params, createRng(params.seed, STREAM.layout));
  const units = generateUnits(layout.regions, params.seed);
  const people = generateStaff(layout.places, createRng(params.seed, STREAM.staff));
  const storefronts = generateStorefronts(
    layout.lattice,
    layout.places,
    params.storefronts,
    createRng(params.seed, STREAM.storefronts),
  );
  // Only what the components need, so the rest of the city can be freed once it is written.
  const componentInput = {
    lattice: layout.lattice,
    places: layout.places,
    units,
    categories,
    count: params.components,
  };
  return ok({
    params,
    regions: layout.regions,
    grids: layout.places.map((p) => p.grid),
    units,
    staff: people.staff,
    assignments: people.assignments,
    storefronts,
    users: demoUsers(units),
    components: () => generateComponents(componentInput, createRng(params.seed, STREAM.components)),
  });
}
