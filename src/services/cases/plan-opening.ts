import type {
  Actor,
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
import type { PreferredUnit, SelfHandleFacts } from '../../domain/intake/index.ts';
import {
  ACTIONS,
  blankCase,
  formatCaseNumber,
  openCase,
  type CaseDraft,
  type Transition,
} from '../../domain/cases/index.ts';
import { DEFAULT_SCHEME_ID } from '../../domain/catalogue/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import {
  planAutoDispatch,
  planDirectDispatch,
  planPreferredDispatch,
} from '../dispatch/auto-dispatch.ts';
import type { GridLocation } from '../geo/locate.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';
import type { CaseServiceError } from './errors.ts';
import { centreStepDeadline, deadlineContext, type DeadlineContext } from './step-deadlines.ts';

/**
 * What a report says (上报 / 登记 / 直派 / 自行处置), from any channel, as the intake seam hands
 * it on: source resolved, urgency resolved, the point not yet located.
 */
export type OpeningInput = {
  readonly source: SourceChannel;
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
  /** The channel's own reference (工单号 ...), kept on the case. */
  readonly externalRef?: string | null | undefined;
  readonly selfHandle?: SelfHandleFacts | undefined;
  /** 直派 to the unit the channel names (a hotline type's street centre), not by rule. */
  readonly preferredUnit?: PreferredUnit | undefined;
};

/**
 * Who opens the case: a signed-in person (their actor) or a client system (role `channel`).
 * `scopeId` owns idempotency keys and must have uploaded the photos: the user id, or
 * `client:<clientId>`.
 */
export type Opener = {
  readonly actor: Actor;
  readonly scopeId: string;
  readonly clientId: string | null;
};

/** What the request adds to the case it opens (intake channels). */
export type OpeningExtras = {
  /** 幂等键: recorded with the case; a key already taken answers `key_taken` and writes nothing */
  readonly idempotency?: { readonly key: string; readonly requestHash: string } | undefined;
  /** 公众上报: the tracking code the reporter keeps */
  readonly trackingCode?: string | undefined;
  /** 自动立案派遣: file and dispatch at once when the matching dispatch rule says so */
  readonly autoDispatch?: boolean | undefined;
  /**
   * What the channel keeps beside the case (a hotline work order, an Open311 request's media and
   * attributes), written in the case's own transaction once the case is: should it fail, neither
   * the case nor anything beside it is written.
   */
  readonly alongside?: SideRows | undefined;
};

/** Writes a channel's rows beside the case just opened, inside its transaction. */
export type SideRows = (tx: Queryable, ref: ReferenceReads, opened: Case) => Promise<void>;

/** An opening that passed the checks needing no database (role, location). */
export type PendingOpening = {
  readonly deps: Deps;
  readonly input: OpeningInput;
  readonly opener: Opener;
  readonly extras: OpeningExtras;
  readonly where: GridLocation;
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
    source: input.source,
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
    externalRef: input.externalRef ?? null,
    originClientId: item.opener.clientId,
  };
  const ctx = deadlineContext(ref, districtCode, now);
  const opened = await openWith(ref, item, draft, ctx);
  if (!opened.ok) return opened;
  const auto = item.extras.autoDispatch
    ? await planAutoDispatch(ref, opened.value.case, now)
    : null;
  return ok({
    item,
    case: auto?.case ?? opened.value.case,
    events: [opened.value.event, ...(auto?.events ?? [])],
    autoDispatched: auto
      ? { ruleId: auto.ruleId, unitId: auto.unitId }
      : opened.value.case.status === 'dispatched' && opened.value.case.mainUnitId !== null
        ? { ruleId: opened.value.case.dispatchRuleId ?? '', unitId: opened.value.case.mainUnitId }
        : null,
  });
}

/** The opening transition: the action the seam chose, with the deadline of the step it starts. */
async function openWith(
  ref: ReferenceReads,
  item: PendingOpening,
  draft: CaseDraft,
  ctx: DeadlineContext,
): Promise<Result<Transition, CaseServiceError>> {
  const { input, now } = item;
  const actor = item.opener.actor;
  const note = input.note !== undefined ? { note: input.note } : {};
  switch (item.opening) {
    case 'self_handle':
      if (!input.selfHandle) throw new Error('a self-handle opening without its facts');
      return openCase(draft, { kind: 'self_handle', ...input.selfHandle }, actor, now);
    case 'report':
    case 'register': {
      const deadline = await openingDeadline(ctx, item.opening);
      return openCase(draft, { kind: item.opening, ...note, deadline }, actor, now);
    }
    case 'direct_dispatch': {
      const loopLevel = actor.scope === 'city' ? 'city' : 'district';
      const blank = blankCase(draft, loopLevel, now);
      const plan = input.preferredUnit
        ? await planPreferredDispatch(ref, blank, input.preferredUnit, item.where, now)
        : await planDirectDispatch(ref, blank, now);
      if (!plan.ok) return plan;
      const { unitId, ruleId, deadline, units } = plan.value;
      const why = input.note ?? plan.value.note;
      return openCase(
        draft,
        { kind: 'direct_dispatch', unitId, ruleId, deadline, units, note: why },
        actor,
        now,
      );
    }
  }
}
