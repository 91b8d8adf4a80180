import { canSee } from '../../domain/access/index.ts';
import {
  CLIENT_ROLE,
  clientActorId,
  type OpeningAction,
  type SourceChannel,
} from '../../domain/cases/index.ts';
import {
  DEFAULT_URGENCY,
  preferredUnitRefusal,
  type IntakeRouting,
  type Report,
} from '../../domain/intake/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { actorOf, capabilityOf, mayAttempt } from '../cases/actor.ts';
import { submitOpening, type OpeningOutcome } from '../cases/case-opening-writer.ts';
import type { CaseServiceError } from '../cases/errors.ts';
import type { OpeningExtras, Opener } from '../cases/plan-opening.ts';
import type { Deps } from '../deps.ts';
import { locatePoint, type GridLocation } from '../geo/locate.ts';
import { findUnitFacts } from '../../store/units.store.ts';

const SUPERVISOR_SOURCES: ReadonlySet<SourceChannel> = new Set(['supervisor', 'city_supervisor']);

/** The opening action a report takes: the routing, a self-handle, or who reported it. */
export function openingOf(report: Report, routing: IntakeRouting): OpeningAction['kind'] {
  if (report.selfHandle) return 'self_handle';
  if (routing === 'direct') return 'direct_dispatch';
  return SUPERVISOR_SOURCES.has(report.channel) ? 'report' : 'register';
}

/**
 * Who opens the case, checked: a person's role must admit the opening and the point must lie in
 * their region scope (one rule: domain/access canSee), so nobody files into, or learns the likely
 * duplicates of, a region that is not theirs. A client system was admitted by its channel (an API
 * key, the public limits); the transition table decides what its role `channel` may open.
 */
function openerOf(
  report: Report,
  opening: OpeningAction['kind'],
  w: GridLocation,
): Result<Opener, CaseServiceError> {
  const o = report.origin;
  if (o.kind === 'client') {
    return ok({
      actor: {
        userId: clientActorId(o.clientId),
        role: CLIENT_ROLE,
        districtCode: w.district.code,
        scope: 'district',
      },
      scopeId: clientActorId(o.clientId),
      clientId: o.clientId,
    });
  }
  const p = o.principal;
  if (!mayAttempt(p, opening)) {
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: capabilityOf(opening) },
    });
  }
  const regionCodes = [w.street.code, w.community.code, w.grid.code];
  if (!canSee(p, { districtCode: w.district.code, regionCodes })) {
    return err({
      code: 'case.region_not_allowed',
      details: {
        action: opening,
        reason: 'region',
        caseDistrictCode: w.district.code,
        actorDistrictCode: p.districtCode,
      },
    });
  }
  return ok({ actor: actorOf(p), scopeId: p.userId, clientId: null });
}

/**
 * The one path every channel's report takes into the loop (DESIGN.md "Intake"): locate the point
 * once (GCJ-02/BD-09 converted), check who opens it, then the batch writer checks the category
 * against the district's catalogue, starts the first step's timer, mints the case number and
 * writes the case, its events, its key and tracking code in one transaction. The loop level
 * follows the opener: city-centre staff open city-loop cases, everyone else the district loop.
 */
export async function openReport(
  deps: Deps,
  report: Report,
  routing: IntakeRouting,
  extras: OpeningExtras,
): Promise<Result<OpeningOutcome, CaseServiceError>> {
  const located = await locatePoint(deps, report.location);
  if (!located.ok) return located;
  const opening = openingOf(report, routing);
  const opener = openerOf(report, opening, located.value);
  if (!opener.ok) return opener;
  // A unit the channel names by id is checked here, at the edge, not left to the batch writer.
  const preferred = routing === 'direct' ? report.preferredUnit : undefined;
  if (preferred !== undefined && 'unitId' in preferred) {
    const refused = preferredUnitRefusal(
      preferred,
      await findUnitFacts(deps.db, [preferred.unitId]),
      located.value.district.code,
    );
    if (refused !== null) return err(refused);
  }
  return submitOpening({
    deps,
    input: {
      source: report.channel,
      kind: report.kind,
      categoryCode: report.categoryCode,
      categoryScheme: report.categoryScheme,
      urgency: report.urgency ?? DEFAULT_URGENCY,
      location: report.location,
      polygon: report.polygon,
      address: report.address,
      description: report.description,
      photoIds: report.photoIds,
      reporter: report.contact,
      note: report.note,
      externalRef: report.externalRef,
      selfHandle: report.selfHandle,
      preferredUnit: routing === 'direct' ? report.preferredUnit : undefined,
    },
    opener: opener.value,
    extras: { ...extras, autoDispatch: routing === 'standard' && extras.autoDispatch === true },
    where: located.value,
    opening,
    now: deps.clock.now(),
  });
}
