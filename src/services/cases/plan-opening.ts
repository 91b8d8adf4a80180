import type { Principal } from '../../domain/access/index.ts';
import type {
  Case,
  CategoryKind,
  GeoPolygon,
  NewCaseEvent,
  OpeningAction,
  Reporter,
  SourceChannel,
  Urgency,
} from '../../domain/cases/index.ts';
import type { Crs } from '../../domain/geo/index.ts';
import { ACTIONS, formatCaseNumber, openCase, type CaseDraft } from '../../domain/cases/index.ts';
import { DEFAULT_SCHEME_ID } from '../../domain/catalogue/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../deps.ts';
import { planAutoDispatch } from '../dispatch/auto-dispatch.ts';
import type { GridLocation } from '../geo/locate.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';
import { actorOf } from './actor.ts';
import type { CaseServiceError } from './errors.ts';
import { centreStepDeadline, deadlineContext, type DeadlineContext } from './step-deadlines.ts';

/** What a report says (上报 / 登记 / 自行处置), from any channel. */
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
};

/** What the request adds to the case it opens (intake channels). */
export type OpeningExtras = {
  /** 幂等键: recorded with the case; a key already taken answers `key_taken` and writes nothing */
  readonly idempotency?: { readonly key: string; readonly requestHash: string } | undefined;
  /** 公众上报: the tracking code the reporter keeps */
  readonly trackingCode?: string | undefined;
  /** 自动立案派遣: file and dispatch at once when the matching dispatch rule says so */
  readonly autoDispatch?: boolean | undefined;
};

/** An opening that passed the checks needing no database (role, location). */
export type PendingOpening = {
  readonly deps: Deps;
  readonly input: ReportCaseInput;
  readonly extras: OpeningExtras;
  readonly where: GridLocation;
  readonly source: SourceChannel;
  readonly opening: OpeningAction['kind'];
  readonly now: Date;
};

/** An opening planned in a batch: its case (number not yet minted) and events. */
export type Plan = {
  readonly item: PendingOpening;
  readonly case: Case;
  readonly events: readonly NewCaseEvent[];
  readonly autoDispatched: { readonly ruleId: string; readonly unitId: string } | null;
};

/** The deadline of the step an opening action starts (its declaration says which). */
async function openingDeadline(ctx: DeadlineContext, kind: 'report' | 'register') {
  const step = ACTIONS[kind].startsStep;
  if (step === undefined || step === 'handle') throw new Error(`${kind} starts no centre step`);
  return centreStepDeadline(ctx, step);
}

/**
 * One opening's case and events, from the district's catalogue, step limits, calendar and
 * dispatch rules (read through `ref`): the category must be known and enabled there.
 */
export async function planOpening(
  ref: ReferenceReads,
  item: PendingOpening,
): Promise<Result<Plan, CaseServiceError>> {
  const { input, where, now } = item;
  const scheme = input.categoryScheme ?? DEFAULT_SCHEME_ID;
  const districtCode = where.district.code;
  const std = await ref.standard({
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
    id: item.deps.newId(),
    caseNumber: formatCaseNumber(districtCode, now, 0), // minted once the batch commits to it
    source: item.source,
    kind: input.kind,
    categoryCode: input.categoryCode,
    categoryScheme: scheme,
    urgency: input.urgency,
    location: {
      point: { lng: where.point.lng, lat: where.point.lat },
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
  const ctx = deadlineContext(ref, districtCode, now);
  const note = input.note !== undefined ? { note: input.note } : {};
  const action: OpeningAction = input.selfHandle
    ? { kind: 'self_handle', ...input.selfHandle }
    : item.opening === 'report'
      ? { kind: 'report', ...note, deadline: await openingDeadline(ctx, 'report') }
      : { kind: 'register', ...note, deadline: await openingDeadline(ctx, 'register') };
  const opened = openCase(draft, action, actorOf(input.principal), now);
  if (!opened.ok) return opened;
  const auto = item.extras.autoDispatch
    ? await planAutoDispatch(ref, opened.value.case, now)
    : null;
  return ok({
    item,
    case: auto?.case ?? opened.value.case,
    events: [opened.value.event, ...(auto?.events ?? [])],
    autoDispatched: auto ? { ruleId: auto.ruleId, unitId: auto.unitId } : null,
  });
}
