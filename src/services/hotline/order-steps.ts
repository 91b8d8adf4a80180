import { mayDo, type Capability, type Principal } from '../../domain/access/index.ts';
import { applyAction, type Case, type CaseAction } from '../../domain/cases/index.ts';
import {
  callBack,
  linkCall,
  reply,
  respond,
  type CallBackResult,
  type HotlineError,
  type HotlineOrder,
} from '../../domain/hotline/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { appendCaseEvent } from '../../store/case-events.store.ts';
import { findCaseForUpdate, updateCase } from '../../store/cases.store.ts';
import type { Queryable } from '../../store/db.ts';
import {
  findOrder,
  insertOrderCall,
  saveOrder,
  type StoredOrder,
} from '../../store/hotline.store.ts';
import { actorOf, mayRead } from '../cases/actor.ts';
import { changesCommitted } from '../cases/changes.ts';
import type { Deps } from '../deps.ts';
import { notFound, type HotlineServiceError } from './errors.ts';
import { referenceReadsFor } from '../reference/reference-reads.ts';
import { orderDueTimes } from './record-call.ts';
import { hotlineReference } from './reference.ts';

const forbidden = (capability: Capability) =>
  err({ code: 'auth.forbidden' as const, details: { reason: 'role' as const, capability } });

type Step = (
  o: StoredOrder,
  c: Case,
  tx: Queryable,
  now: Date,
) => Promise<
  Result<
    { order: HotlineOrder; actions: readonly CaseAction[] },
    HotlineError | HotlineServiceError
  >
>;

/**
 * One step of a work order in one transaction: the case locked and in the caller's sight (else
 * hotline.not_found, so an order out of sight does not exist for them), the order's rule
 * (domain/hotline), then the case events the step records (the workflow checks role and scope),
 * the order saved. Every change is a case event.
 */
async function step(
  deps: Deps,
  principal: Principal,
  caseId: string,
  capability: Capability,
  run: Step,
): Promise<Result<StoredOrder, HotlineServiceError>> {
  if (!mayDo(principal.role, capability)) return forbidden(capability);
  const now = deps.clock.now();
  const r = await deps.db.transaction(
    async (tx): Promise<Result<StoredOrder, HotlineServiceError>> => {
      let c = await findCaseForUpdate(tx, caseId);
      if (!c || !mayRead(principal, c)) return notFound(caseId);
      const o = await findOrder(tx, caseId, [c.districtCode]);
      if (!o) return notFound(caseId);
      const planned = await run(o, c, tx, now);
      if (!planned.ok) return planned;
      const events = [];
      for (const a of planned.value.actions) {
        const t = applyAction(c, a, actorOf(principal), now);
        if (!t.ok) return t;
        events.push({ before: c, t: t.value });
        c = t.value.case;
      }
      for (const { before, t } of events) {
        if (!(await updateCase(tx, t.case, before.version, now)))
          throw new Error(`case ${caseId} changed under a row lock`);
        await appendCaseEvent(tx, t.event, t.case);
      }
      if (!(await saveOrder(tx, planned.value.order, o.version, now)))
        throw new Error(`hotline order ${caseId} changed under its case's row lock`);
      return ok({ ...planned.value.order, receivedAt: o.receivedAt });
    },
  );
  if (r.ok) changesCommitted(deps);
  return r;
}

/** 响应: the receiving unit's handler contacted the caller. */
export function respondToOrder(
  deps: Deps,
  principal: Principal,
  caseId: string,
  input: { readonly note?: string | undefined },
): Promise<Result<StoredOrder, HotlineServiceError>> {
  return step(deps, principal, caseId, 'case.handle', async (o, _c, _tx, now) => {
    const r = respond(o, principal.unitId ?? null, now);
    if (!r.ok) return r;
    return ok({
      order: r.value,
      actions: [{ kind: 'hotline_respond', ...(input.note ? { note: input.note } : {}) }],
    });
  });
}

/** 处置答复: the unit handled it and told the caller the result. */
export function replyToCaller(
  deps: Deps,
  principal: Principal,
  caseId: string,
  input: { readonly note: string },
): Promise<Result<StoredOrder, HotlineServiceError>> {
  return step(deps, principal, caseId, 'case.handle', async (o, _c, _tx, now) => {
    const r = reply(o, principal.unitId ?? null, input.note, now);
    if (!r.ok) return r;
    return ok({ order: r.value, actions: [{ kind: 'hotline_reply', note: input.note }] });
  });
}

/**
 * 回访: the hotline records the caller's verdict; a dissatisfied one reopens the order by rule
 * (hotline-parameters.json maxReopenings), with new limits from now: two case events then.
 */
export function callBackOrder(
  deps: Deps,
  principal: Principal,
  caseId: string,
  input: { readonly result: CallBackResult; readonly note?: string | undefined },
): Promise<Result<StoredOrder, HotlineServiceError>> {
  const { parameters } = hotlineReference(deps);
  return step(deps, principal, caseId, 'case.evaluate', async (o, c, tx, now) => {
    const due = await orderDueTimes(
      await referenceReadsFor(deps, tx),
      parameters,
      c.districtCode,
      c.urgency,
      now,
    );
    const note = input.note ?? '';
    const r = callBack(
      o,
      { result: input.result, note, maxReopenings: parameters.maxReopenings, reopen: due },
      now,
    );
    if (!r.ok) return r;
    // The caller's verdict is the case's one satisfaction event (shared with the portal's rating).
    const actions: CaseAction[] = [
      {
        kind: 'rate_satisfaction',
        result: input.result,
        via: 'call_back',
        ...(note ? { note } : {}),
      },
    ];
    if (r.value.reopened)
      actions.push({
        kind: 'hotline_reopen',
        reason: `回访不满意 dissatisfied: ${note}`,
        reopenCount: r.value.order.reopenCount,
      });
    return ok({ order: r.value.order, actions });
  });
}

/** 重复来电: another call about the order's problem, linked to it (no new case). */
export function linkRepeatedCall(
  deps: Deps,
  principal: Principal,
  caseId: string,
  input: {
    readonly callerName?: string | undefined;
    readonly callerPhone?: string | undefined;
    readonly description?: string | undefined;
  },
): Promise<Result<StoredOrder, HotlineServiceError>> {
  return step(deps, principal, caseId, 'case.report', async (o, _c, tx, now) => {
    if (o.status === 'closed')
      return err({ code: 'hotline.not_in_state', details: { status: o.status, step: 'link' } });
    await insertOrderCall(tx, {
      districtCode: o.districtCode,
      caseId: o.caseId,
      callerName: input.callerName ?? null,
      callerPhone: input.callerPhone ?? null,
      description: input.description ?? null,
      takenBy: principal.userId,
      at: now,
    });
    return ok({
      order: linkCall(o),
      actions: [
        { kind: 'hotline_link_call', ...(input.description ? { note: input.description } : {}) },
      ],
    });
  });
}
