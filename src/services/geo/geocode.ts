import {
  atLeast,
  buildGazetteer,
  geocode,
  type Gazetteer,
  type GeocodeMatch,
  type GeocodePrecision,
} from '../../domain/geo/geocode.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { readGazetteer } from '../../store/gazetteer.store.ts';
import { readSpatialRevision } from '../../store/grids.store.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';
import { REVISION_CHECK_INTERVAL_MS } from './locate.ts';

export type { GeocodeMatch, GeocodePrecision } from '../../domain/geo/geocode.ts';

/** The most candidates an address search answers with. */
export const MAX_GEOCODE_CANDIDATES = 20;

export type GeocodeError =
  | { readonly code: 'geocode.not_found'; readonly details: { readonly address: string } }
  | {
      readonly code: 'geocode.ambiguous';
      readonly details: { readonly address: string; readonly candidates: readonly GeocodeMatch[] };
    }
  | {
      readonly code: 'geocode.too_coarse';
      readonly details: {
        readonly address: string;
        readonly needed: GeocodePrecision;
        readonly best: GeocodeMatch;
      };
    };

type Slot = {
  built: { gazetteer: Gazetteer; revision: number; checkedAtMs: number } | null;
  pending: Promise<Gazetteer> | null;
};

// One gazetteer per service copy, rebuilt when the spatial revision moves (an import of regions,
// grids or storefronts bumps it, here or in another copy).
const GAZETTEER = runtimeKey<Slot>('geo.gazetteer', () => ({ built: null, pending: null }));

async function rebuild(deps: Deps, slot: Slot, nowMs: number): Promise<Gazetteer> {
  const revision = await readSpatialRevision(deps.db);
  if (slot.built !== null && slot.built.revision === revision) {
    slot.built = { ...slot.built, checkedAtMs: nowMs };
    return slot.built.gazetteer;
  }
  const { regions, addresses } = await readGazetteer(deps.db);
  const gazetteer = buildGazetteer(regions, addresses);
  slot.built = { gazetteer, revision, checkedAtMs: nowMs };
  deps.log.info(
    { regions: regions.length, addresses: addresses.length, revision },
    'gazetteer built',
  );
  return gazetteer;
}

async function currentGazetteer(deps: Deps): Promise<Gazetteer> {
  const slot = deps.runtime.get(GAZETTEER, deps);
  const nowMs = deps.clock.now().getTime();
  const b = slot.built;
  if (
    b !== null &&
    nowMs - b.checkedAtMs >= 0 &&
    nowMs - b.checkedAtMs < REVISION_CHECK_INTERVAL_MS
  )
    return b.gazetteer;
  slot.pending ??= rebuild(deps, slot, nowMs).finally(() => {
    slot.pending = null;
  });
  return slot.pending;
}

/**
 * Candidate places for an address as a person says it, best first (at most
 * MAX_GEOCODE_CANDIDATES), limited to `within` (a district or street code) when given.
 */
export async function searchAddress(
  deps: Deps,
  address: string,
  within: string | null = null,
): Promise<GeocodeMatch[]> {
  return geocode(await currentGazetteer(deps), address, within).slice(0, MAX_GEOCODE_CANDIDATES);
}

/**
 * The one place an address means, as fine as `needed` (a work order wants a road or a house):
 * `geocode.not_found` when nothing matches, `geocode.ambiguous` with the candidates when several
 * places match equally well, `geocode.too_coarse` when only a larger region matched.
 */
export async function geocodeAddress(
  deps: Deps,
  address: string,
  opts: { readonly within?: string | null; readonly needed?: GeocodePrecision } = {},
): Promise<Result<GeocodeMatch, GeocodeError>> {
  const needed = opts.needed ?? 'road';
  const found = await searchAddress(deps, address, opts.within ?? null);
  const best = found[0];
  if (best === undefined) return err({ code: 'geocode.not_found', details: { address } });
  const tied = found.filter((m) => m.precision === best.precision);
  if (tied.length > 1)
    return err({ code: 'geocode.ambiguous', details: { address, candidates: tied } });
  if (!atLeast(best.precision, needed))
    return err({ code: 'geocode.too_coarse', details: { address, needed, best } });
  return ok(best);
}
