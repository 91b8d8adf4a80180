import { SATISFACTION_LEVELS, type SatisfactionLevel } from '../cases/index.ts';
import { err, ok, type Result } from '../shared/index.ts';
import { hotlineError, type HotlineError } from './errors.ts';

/**
 * The hotline work order (工单, 接诉即办) on top of its case: the case carries the problem through
 * the loop (sent straight to its unit, 直派); the order carries what the hotline measures — the
 * unit contacting the caller (响应) within the response limit, handling and replying to the
 * caller (处置、答复) within the handling limit, the hotline's call-back (回访) and the
 * reopenings a dissatisfied call-back causes. Pure: the service supplies the clock and the limits.
 *
 *   dispatched ─respond→ responded ─reply→ replied ─call back (satisfied / basically)→ closed
 *                                              └─ call back (dissatisfied) → closed, or reopened
 *                                                 (→ dispatched, new limits) while reopenings < max
 */
export const HOTLINE_LINES = ['12345', '12319'] as const;
export type HotlineLine = (typeof HOTLINE_LINES)[number];

export const ORDER_STATUSES = ['dispatched', 'responded', 'replied', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** 满意 / 基本满意 / 不满意: the case's one satisfaction scale (shared with the portal's rating). */
export const CALL_BACK_RESULTS = SATISFACTION_LEVELS;
export type CallBackResult = SatisfactionLevel;

export type HotlineOrder = {
  readonly districtCode: string;
  /** The case the order opened: the order's id is its case's id. */
  readonly caseId: string;
  readonly line: HotlineLine;
  /** The city 12345 platform's order number (工单号), when the order came from it. */
  readonly orderNo: string | null;
  readonly hotlineType: string;
  /** Where the problem lies (the street code, 9 digits) and who received it. */
  readonly streetCode: string;
  readonly unitId: string;
  readonly status: OrderStatus;
  /** When the order (or its latest reopening) reached the unit. */
  readonly dispatchedAt: Date;
  readonly respondDueAt: Date;
  readonly handleDueAt: Date;
  readonly respondedAt: Date | null;
  readonly repliedAt: Date | null;
  readonly replyNote: string | null;
  /** A reply of this order came after its handling limit (stays true across reopenings). */
  readonly handledLate: boolean;
  /** The first response came after its limit. */
  readonly respondedLate: boolean;
  readonly callBackResult: CallBackResult | null;
  readonly callBackNote: string | null;
  readonly calledBackAt: Date | null;
  readonly reopenCount: number;
  /** Repeated calls about the same problem linked to this order (重复来电). */
  readonly linkedCalls: number;
  readonly version: number;
};

export type NewOrderFacts = Pick<
  HotlineOrder,
  | 'districtCode'
  | 'caseId'
  | 'line'
  | 'orderNo'
  | 'hotlineType'
  | 'streetCode'
  | 'unitId'
  | 'dispatchedAt'
  | 'respondDueAt'
  | 'handleDueAt'
>;

/** The order as the case opens: at its unit, both timers running. */
export function newOrder(f: NewOrderFacts): HotlineOrder {
  return {
    ...f,
    status: 'dispatched',
    respondedAt: null,
    repliedAt: null,
    replyNote: null,
    handledLate: false,
    respondedLate: false,
    callBackResult: null,
    callBackNote: null,
    calledBackAt: null,
    reopenCount: 0,
    linkedCalls: 0,
    version: 1,
  };
}

const notInState = (o: HotlineOrder, step: string): Result<never, HotlineError> =>
  err(hotlineError('hotline.not_in_state', { status: o.status, step }));

function ownUnit(o: HotlineOrder, unitId: string | null): HotlineError | null {
  return unitId === o.unitId ? null : hotlineError('hotline.not_your_order', { unitId: o.unitId });
}

const bump = (o: HotlineOrder, patch: Partial<HotlineOrder>): HotlineOrder => ({
  ...o,
  ...patch,
  version: o.version + 1,
});

/** 响应: the receiving unit contacted the caller (once per dispatch or reopening). */
export function respond(
  o: HotlineOrder,
  unitId: string | null,
  now: Date,
): Result<HotlineOrder, HotlineError> {
  const mine = ownUnit(o, unitId);
  if (mine) return err(mine);
  if (o.status !== 'dispatched') return notInState(o, 'respond');
  // The first response of the order is the one the response rate judges.
  const first = o.respondedAt === null;
  return ok(
    bump(o, {
      status: 'responded',
      respondedAt: first ? now : o.respondedAt,
      respondedLate: first ? now.getTime() > o.respondDueAt.getTime() : o.respondedLate,
    }),
  );
}

/** 处置答复: the unit handled it and told the caller the result (after responding). */
export function reply(
  o: HotlineOrder,
  unitId: string | null,
  note: string,
  now: Date,
): Result<HotlineOrder, HotlineError> {
  const mine = ownUnit(o, unitId);
  if (mine) return err(mine);
  if (note.trim() === '') return err(hotlineError('hotline.note_required', { step: 'reply' }));
  if (o.status !== 'responded') return notInState(o, 'reply');
  return ok(
    bump(o, {
      status: 'replied',
      repliedAt: now,
      replyNote: note,
      handledLate: o.handledLate || now.getTime() > o.handleDueAt.getTime(),
    }),
  );
}

export type CallBackOutcome = {
  readonly order: HotlineOrder;
  /** The dissatisfied call-back reopened the order (a `hotline_reopen` event follows). */
  readonly reopened: boolean;
};

/** Whether a dissatisfied call-back reopens an order reopened `reopenCount` times before. */
export function reopensOn(
  result: CallBackResult,
  reopenCount: number,
  maxReopenings: number,
): boolean {
  return result === 'dissatisfied' && reopenCount < maxReopenings;
}

/**
 * 回访: the hotline calls the caller back after the reply and records the result. Satisfied or
 * basically satisfied closes the order; dissatisfied (with a note saying why) reopens it by rule
 * — back at the unit with new limits from `reopen` — or closes it dissatisfied once the order has
 * been reopened `maxReopenings` times.
 */
export function callBack(
  o: HotlineOrder,
  input: {
    readonly result: CallBackResult;
    readonly note: string;
    readonly maxReopenings: number;
    /** The limits a reopening starts (computed by the service from the parameters). */
    readonly reopen: { readonly respondDueAt: Date; readonly handleDueAt: Date };
  },
  now: Date,
): Result<CallBackOutcome, HotlineError> {
  if (o.status !== 'replied') return notInState(o, 'call_back');
  if (input.result === 'dissatisfied' && input.note.trim() === '')
    return err(hotlineError('hotline.note_required', { step: 'call_back' }));
  const recorded = {
    callBackResult: input.result,
    callBackNote: input.note.trim() === '' ? null : input.note,
    calledBackAt: now,
  };
  if (!reopensOn(input.result, o.reopenCount, input.maxReopenings))
    return ok({ order: bump(o, { ...recorded, status: 'closed' }), reopened: false });
  return ok({
    order: bump(o, {
      ...recorded,
      status: 'dispatched',
      dispatchedAt: now,
      respondDueAt: input.reopen.respondDueAt,
      handleDueAt: input.reopen.handleDueAt,
      repliedAt: null,
      replyNote: null,
      reopenCount: o.reopenCount + 1,
    }),
    reopened: true,
  });
}

/** 重复来电: another call about the same problem, linked to this order instead of a new case. */
export function linkCall(o: HotlineOrder): HotlineOrder {
  return bump(o, { linkedCalls: o.linkedCalls + 1 });
}
