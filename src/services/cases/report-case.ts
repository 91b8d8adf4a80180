import { canSee, type Principal } from '../../domain/access/index.ts';
import type { OpeningAction, SourceChannel } from '../../domain/cases/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../deps.ts';
import { locatePoint } from '../geo/locate.ts';
import { capabilityOf, mayAttempt } from './actor.ts';
import { submitOpening, type OpeningOutcome, type ReportedCase } from './case-opening-writer.ts';
import type { CaseServiceError } from './errors.ts';
import type { OpeningExtras, ReportCaseInput } from './plan-opening.ts';

export type { OpeningExtras, OpeningOutcome, ReportCaseInput, ReportedCase };

function defaultSource(p: Principal): SourceChannel {
  switch (p.role) {
    case 'supervisor':
    case 'city_supervisor':
      return p.role;
    case 'hotline_agent':
      return 'hotline_12345';
    case 'acceptance_operator':
    case 'dispatcher':
    case 'unit_handler':
    case 'commander':
    case 'admin':
      return 'other';
  }
}

const SUPERVISOR_SOURCES: ReadonlySet<SourceChannel> = new Set(['supervisor', 'city_supervisor']);

/**
 * Intake (上报 / 登记 / 自行处置) with what the channel adds (idempotency key, tracking code,
 * auto-dispatch): checks the role and locates the point (grid, community, street, district) here,
 * then the batch writer checks the category against the district's catalogue, starts the first
 * step's timer (verify for reports that need verifying, file for supervisors' own), mints the
 * case number and writes the case and its events in one transaction. The loop level follows the
 * reporter: city-centre staff open city-loop cases, everyone else the district loop.
 */
export async function openReportedCase(
  deps: Deps,
  input: ReportCaseInput,
  extras: OpeningExtras = {},
): Promise<Result<OpeningOutcome, CaseServiceError>> {
  const { principal } = input;
  const source = input.source ?? defaultSource(principal);
  const opening: OpeningAction['kind'] = input.selfHandle
    ? 'self_handle'
    : SUPERVISOR_SOURCES.has(source)
      ? 'report'
      : 'register';
  if (!mayAttempt(principal, opening)) {
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: capabilityOf(opening) },
    });
  }
  const located = await locatePoint(deps, input.location);
  if (!located.ok) return located;
  // A reporter opens cases only inside their own region scope (one rule: domain/access canSee),
  // so nobody files into, or learns the likely duplicates of, a region that is not theirs.
  const w = located.value;
  const regionCodes = [w.street.code, w.community.code, w.grid.code];
  if (!canSee(principal, { districtCode: w.district.code, regionCodes })) {
    return err({
      code: 'case.region_not_allowed',
      details: {
        action: opening,
        reason: 'region',
        caseDistrictCode: w.district.code,
        actorDistrictCode: principal.districtCode,
      },
    });
  }
  const now = deps.clock.now();
  return submitOpening({ deps, input, extras, where: located.value, source, opening, now });
}

/** Opens one case (no idempotency key): the case with its opening event. */
export async function reportCase(
  deps: Deps,
  input: ReportCaseInput,
): Promise<Result<ReportedCase, CaseServiceError>> {
  const r = await openReportedCase(deps, input);
  if (!r.ok) return r;
  // Only an opening with an idempotency key can find its key taken.
  if (r.value.kind !== 'opened') throw new Error('an opening without a key found its key taken');
  return ok(r.value.reported);
}
