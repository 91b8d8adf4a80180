import {
  canSee,
  isCityLevel,
  mayDo,
  scopeFilter,
  type Principal,
} from '../../domain/access/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { whistleStats, type LevelStats, type Whistle } from '../../domain/whistle/index.ts';
import {
  findWhistle,
  listWhistleEvents,
  listWhistles,
  listWhistlesBlownIn,
  type StoredWhistleEvent,
} from '../../store/whistles.store.ts';
import type { Deps } from '../deps.ts';
import { districtOfWhistle, maySeeWhistle, type WhistleServiceError } from './errors.ts';

export type { StoredWhistleEvent };

/** One whistle and its timeline, if the caller sees it (else whistle.not_found). */
export async function getWhistle(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<Result<{ whistle: Whistle; events: StoredWhistleEvent[] }, WhistleServiceError>> {
  const district = districtOfWhistle(id);
  const w = district === null ? null : await findWhistle(deps.db, district, id);
  if (!w || !maySeeWhistle(principal, w))
    return err({ code: 'whistle.not_found', details: { whistleId: id } });
  return ok({ whistle: w, events: await listWhistleEvents(deps.db, w.districtCode, id) });
}

export type ListWhistlesInput = {
  readonly caseId?: string | undefined;
  readonly status?: Whistle['status'] | undefined;
  readonly limit?: number | undefined;
};

/** The newest whistles in the caller's sight: their region's, or those summoning their unit. */
export async function listWhistlesFor(
  deps: Deps,
  principal: Principal,
  input: ListWhistlesInput,
): Promise<Whistle[]> {
  return listWhistles(deps.db, {
    scope: scopeFilter(principal),
    caseId: input.caseId,
    status: input.status,
    limit: input.limit ?? 50,
  });
}

export type WhistleStatsInput = {
  readonly from: Date;
  readonly to: Date;
  /** One district; omitted: the caller's own district, or every district of the city for city staff. */
  readonly district?: string | undefined;
};

export type WhistleStats = {
  readonly from: Date;
  readonly to: Date;
  readonly asOf: Date;
  readonly districts: readonly string[];
  readonly levels: readonly LevelStats[];
};

// A period longer than this is a mistake, and would read every whistle of the city.
const MAX_PERIOD_MS = 5 * 366 * 86_400_000;

/**
 * The assessment's whistle counts (issue #9 §5): per level, whistles blown in [from, to) and how
 * every summoned department reported, judged now (domain/whistle stats.ts).
 */
export async function whistleStatsFor(
  deps: Deps,
  principal: Principal,
  input: WhistleStatsInput,
): Promise<Result<WhistleStats, WhistleServiceError>> {
  if (!mayDo(principal.role, 'indicator.read'))
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: 'indicator.read' },
    });
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0) || span > MAX_PERIOD_MS)
    return err({ code: 'whistle.bad_period', details: { from: input.from, to: input.to } });
  const district = input.district ?? (isCityLevel(principal) ? null : principal.districtCode);
  if (district !== null && !canSee(principal, { districtCode: district }))
    return err({
      code: 'auth.forbidden',
      details: { reason: 'region', capability: 'indicator.read' },
    });
  // City staff without a district read their whole city (its code's first four digits).
  const prefixes = district !== null ? [district] : [principal.districtCode.slice(0, 4)];
  const whistles = await listWhistlesBlownIn(deps.db, prefixes, input.from, input.to);
  const asOf = deps.clock.now();
  return ok({
    from: input.from,
    to: input.to,
    asOf,
    districts: district !== null ? [district] : [],
    levels: whistleStats(whistles, input, asOf),
  });
}
