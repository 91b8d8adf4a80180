import { addTimeLimit } from '../../domain/calendar/index.ts';
import type { Case, SourceChannel, Urgency } from '../../domain/cases/index.ts';
import type { Crs } from '../../domain/geo/index.ts';
import {
  hotlineError,
  newOrder,
  preferredUnitOf,
  type HotlineLine,
  type HotlineOrder,
  type HotlineParameters,
} from '../../domain/hotline/index.ts';
import type { LikelyDuplicate, ReportOrigin } from '../../domain/intake/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { findOrder, insertOrder, type StoredOrder } from '../../store/hotline.store.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { geocodeAddress } from '../geo/geocode.ts';
import { intake } from '../intake/intake.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';
import type { HotlineServiceError } from './errors.ts';
import { hotlineReference } from './reference.ts';

export const CHANNEL_OF: Readonly<Record<HotlineLine, SourceChannel>> = {
  '12345': 'hotline_12345',
  '12319': 'hotline_12319',
};

/** A call as the hotline records it (or as the city platform sends it). */
export type CallInput = {
  readonly line: HotlineLine;
  readonly hotlineType: string;
  readonly callerName?: string | undefined;
  readonly callerPhone: string;
  readonly description: string;
  /** A map point; without one the address is matched against the base data (地址匹配). */
  readonly location?:
    { readonly lng: number; readonly lat: number; readonly crs?: Crs } | undefined;
  readonly address?: string | undefined;
  readonly urgency?: Urgency | undefined;
  readonly note?: string | undefined;
  readonly photoIds?: readonly string[] | undefined;
};

export type RecordedCall = {
  readonly order: StoredOrder;
  readonly case: Case;
  readonly replayed: boolean;
  /** Open cases of the same category nearby: the agent may link the call to one instead. */
  readonly likelyDuplicates: readonly LikelyDuplicate[];
};

/** The response and handling limits of an order reaching its unit at `from`. */
export async function orderDueTimes(
  ref: Pick<ReferenceReads, 'calendar'>,
  p: HotlineParameters,
  districtCode: string,
  urgency: Urgency,
  from: Date,
): Promise<{ respondDueAt: Date; handleDueAt: Date }> {
  const calendar = await ref.calendar(districtCode);
  return {
    respondDueAt: addTimeLimit(calendar, from, p.responseLimit[urgency]),
    handleDueAt: addTimeLimit(calendar, from, p.handlingLimit[urgency]),
  };
}

/**
 * Where the call is about: the map point the agent picked, else the caller's address matched
 * against the city's base data to a road or a house (geocode.* when it is unknown, ambiguous or
 * names only a region: the agent then picks the point), else `hotline.location_required`.
 */
async function locationOf(
  deps: Deps,
  input: CallInput,
): Promise<Result<NonNullable<CallInput['location']>, HotlineServiceError>> {
  if (input.location) return ok(input.location);
  const address = input.address?.trim() ?? '';
  if (address === '') return err(hotlineError('hotline.location_required', { address: null }));
  const found = await geocodeAddress(deps, address, { needed: 'road' });
  return found.ok ? ok(found.value.point) : found;
}

/**
 * A call becomes a work order (工单, 接诉即办): the hotline type maps to its category and names
 * its unit (a street type → the street centre holding the point; a department type → the unit
 * the dispatch rules name), the report goes through the one intake seam with routing `direct`
 * (the case opens dispatched at that unit), and the order starts with its limits. The order row
 * is written in the case's own transaction (intake's `alongside`): both or neither. A retry with
 * the same key answers the case and its order.
 */
export async function recordCall(
  deps: Deps,
  origin: ReportOrigin,
  input: CallInput,
  opts: { readonly orderNo?: string | null; readonly idempotencyKey?: string | undefined } = {},
): Promise<Result<RecordedCall, HotlineServiceError>> {
  const ref = hotlineReference(deps);
  const type = ref.types.get(input.hotlineType);
  if (!type) return err(hotlineError('hotline.unknown_type', { hotlineType: input.hotlineType }));
  const location = await locationOf(deps, input);
  if (!location.ok) return location;
  const orderNo = opts.orderNo ?? null;
  const r = await intake(
    deps,
    {
      channel: CHANNEL_OF[input.line],
      externalRef: orderNo,
      origin,
      kind: type.kind,
      categoryCode: type.categoryCode,
      urgency: input.urgency ?? type.urgency,
      location: location.value,
      address: input.address,
      description: input.description,
      photoIds: input.photoIds,
      contact: {
        ...(input.callerName ? { name: input.callerName } : {}),
        phone: input.callerPhone,
      },
      note: input.note,
      preferredUnit: preferredUnitOf(type),
    },
    {
      routing: 'direct',
      idempotencyKey: opts.idempotencyKey ?? orderNo ?? undefined,
      alongside: (tx, ref, opened) =>
        writeOrder(deps, tx, ref, opened, { line: input.line, orderNo, hotlineType: type.code }),
    },
  );
  if (!r.ok) return r;
  const c = r.value.case;
  const order = await findOrder(deps.db, c.id, [c.districtCode]);
  // A key's case without its order: a case the key opened through another channel.
  if (!order) return err(hotlineError('hotline.not_found', { caseId: c.id }));
  return ok({
    order,
    case: c,
    replayed: r.value.replayed,
    likelyDuplicates: r.value.likelyDuplicates,
  });
}

/** The order of a case just opened, in the case's transaction (its limits from the dispatch). */
async function writeOrder(
  deps: Deps,
  tx: Queryable,
  ref: ReferenceReads,
  c: Case,
  f: { line: HotlineLine; orderNo: string | null; hotlineType: string },
): Promise<void> {
  const { parameters } = hotlineReference(deps);
  const at = c.createdAt;
  const o: HotlineOrder = newOrder({
    districtCode: c.districtCode,
    caseId: c.id,
    ...f,
    streetCode: c.streetCode ?? c.districtCode,
    unitId: c.mainUnitId ?? '',
    dispatchedAt: at,
    ...(await orderDueTimes(ref, parameters, c.districtCode, c.urgency, at)),
  });
  // Another order under this platform number refuses the row (a unique violation), and with it
  // the case.
  await insertOrder(tx, o);
}
