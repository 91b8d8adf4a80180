import type { Principal } from '../../domain/access/index.ts';
import {
  openCase,
  shanghaiDateStamp,
  formatCaseNumber,
  type Case,
  type CaseDraft,
  type CaseEvent,
  type NewCaseEvent,
  type Transition,
  type CategoryKind,
  type GeoPolygon,
  type OpeningAction,
  type Reporter,
  type SourceChannel,
  type Urgency,
} from '../../domain/cases/index.ts';
import { DEFAULT_SCHEME_ID } from '../../domain/catalogue/index.ts';
import type { Crs } from '../../domain/geo/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { appendCaseEvent } from '../../store/case-events.store.ts';
import { insertCase, nextCaseSequence } from '../../store/cases.store.ts';
import { readEffectiveStandard } from '../catalogue/query-catalogue.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { locatePoint } from '../geo/locate.ts';
import { actorOf, capabilityOf, mayAttempt } from './actor.ts';
import { publishCaseChange } from './changes.ts';
import type { CaseServiceError } from './errors.ts';
import { centreStepDeadline, deadlineContext } from './step-deadlines.ts';

export type ReportCaseInput = {
  readonly principal: Principal;
  /** Defaults from the role: supervisors report as themselves, hotline agents as 12345. */
  readonly source?: SourceChannel | undefined;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  readonly categoryScheme?: string | undefined;
  readonly urgency: Urgency;
  readonly location: { readonly lng: number; readonly lat: number; readonly crs?: Crs };
  readonly polygon?: GeoPolygon | undefined;
  readonly address?: string | undefined;
  readonly description: string;
  readonly photoIds?: readonly string[] | undefined;
  readonly reporter?: Reporter | undefined;
  readonly note?: string | undefined;
  /** 自行处置: the supervisor fixed it on the spot; the case opens closed. */
  readonly selfHandle?:
    | {
        readonly note: string;
        readonly beforePhotoIds: readonly string[];
        readonly afterPhotoIds: readonly string[];
      }
    | undefined;
  /**
   * Runs inside the intake transaction before the case number is minted, so outside the
   * district's sequence lock (intake: idempotency key, auto-dispatch): may write its own rows and
   * return further transitions of the opened case; the final case is inserted once, with every
   * event, and the events are published after commit. Throwing rolls the whole intake back.
   */
  readonly prepare?:
    ((tx: Queryable, opened: Transition, now: Date) => Promise<Prepared>) | undefined;
};

export type ReportedCase = {
  readonly case: Case;
  readonly event: CaseEvent;
  /** Events of the transitions `prepare` added after the opening one. */
  readonly followUpEvents?: readonly CaseEvent[];
};
export type Prepared = { readonly case: Case; readonly events: readonly NewCaseEvent[] };

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
 * Intake (上报 / 登记 / 自行处置): locates the point (grid, community, street, district), checks the
 * category against the district's catalogue, starts the first step's timer (verify for reports
 * that need verifying, file for supervisors' own), mints the case number and writes the case and
 * its first event in one transaction. The loop level follows the reporter: city-centre staff
 * open city-loop cases, everyone else the district loop (domain/cases `openCase`).
 */
export async function reportCase(
  deps: Deps,
  input: ReportCaseInput,
): Promise<Result<ReportedCase, CaseServiceError>> {
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
  const where = located.value;
  const now = deps.clock.now();
  const scheme = input.categoryScheme ?? DEFAULT_SCHEME_ID;
  const districtCode = where.district.code;
  const r = await deps.db.transaction(
    async (tx): Promise<Result<ReportedCase, CaseServiceError>> => {
      const std = await readEffectiveStandard(tx, {
        districtCode,
        scheme,
        kind: input.kind,
        code: input.categoryCode,
      });
      if (!std.ok) return std;
      if (!std.value.enabled) {
        return err({
          code: 'case.category_disabled',
          details: { districtCode, kind: input.kind, code: input.categoryCode },
        });
      }
      const draft: CaseDraft = {
        id: deps.newId(),
        caseNumber: formatCaseNumber(districtCode, now, 0), // replaced once the case may open
        source,
        kind: input.kind,
        categoryCode: input.categoryCode,
        categoryScheme: scheme,
        urgency: input.urgency,
        location: {
          point: { lon: where.point.lng, lat: where.point.lat },
          ...(input.polygon ? { polygon: input.polygon } : {}),
        },
        gridCode: where.grid.code,
        communityCode: where.community.code,
        streetCode: where.street.code,
        districtCode,
        address: input.address ?? '',
        description: input.description,
        photoIds: input.photoIds ?? [],
        reporter: input.reporter ?? {},
      };
      const ctx = deadlineContext(tx, districtCode, now);
      const note = input.note !== undefined ? { note: input.note } : {};
      const action: OpeningAction = input.selfHandle
        ? { kind: 'self_handle', ...input.selfHandle }
        : opening === 'report'
          ? { kind: 'report', ...note, deadline: await centreStepDeadline(ctx, 'file') }
          : { kind: 'register', ...note, deadline: await centreStepDeadline(ctx, 'verify') };
      const opened = openCase(draft, action, actorOf(principal), now);
      if (!opened.ok) return opened;
      const more = input.prepare
        ? await input.prepare(tx, opened.value, now)
        : { case: opened.value.case, events: [] };
      // The number is minted only for a case that opens, so refusals leave no gaps.
      const localDate = shanghaiDateStamp(now).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
      const seq = await nextCaseSequence(tx, districtCode, localDate);
      const c: Case = { ...more.case, caseNumber: formatCaseNumber(districtCode, now, seq) };
      await insertCase(tx, c, now);
      const event = await appendCaseEvent(tx, opened.value.event);
      const followUpEvents: CaseEvent[] = [];
      for (const e of more.events) followUpEvents.push(await appendCaseEvent(tx, e));
      return ok({ case: c, event, followUpEvents });
    },
  );
  if (r.ok)
    for (const e of [r.value.event, ...(r.value.followUpEvents ?? [])]) publishCaseChange(e);
  return r;
}
