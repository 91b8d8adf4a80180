import { mayDo, type Capability, type Principal } from '../../domain/access/index.ts';
import { addTimeLimit } from '../../domain/calendar/index.ts';
import {
  OPEN_STATUSES,
  applyAction,
  findTransition,
  type Case,
  type CaseAction,
} from '../../domain/cases/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  DEFAULT_WHISTLE_LIMITS,
  blowWhistle,
  closeWhistle,
  reportStep,
  whistlePlace,
  type ReportStep,
  type Whistle,
  type WhistleEvent,
  type WhistleLevel,
  type WhistleOutcome,
} from '../../domain/whistle/index.ts';
import { appendCaseEvent } from '../../store/case-events.store.ts';
import { findCaseForUpdate, updateCase } from '../../store/cases.store.ts';
import type { Queryable } from '../../store/db.ts';
import { findUnitsByIds } from '../../store/units.store.ts';
import {
  appendWhistleEvents,
  findWhistle,
  findWhistleTimeLimits,
  insertWhistle,
  saveWhistle,
} from '../../store/whistles.store.ts';
import { actorOf, mayRead } from '../cases/actor.ts';
import { changesCommitted } from '../cases/changes.ts';
import type { Deps } from '../deps.ts';
import { referenceReadsFor } from '../reference/reference-reads.ts';
import {
  districtOfWhistle,
  mayCloseWhistle,
  maySeeWhistle,
  whistleId,
  type WhistleServiceError,
} from './errors.ts';

const forbidden = (capability: Capability) =>
  err({ code: 'auth.forbidden' as const, details: { reason: 'role' as const, capability } });

const notFound = (id: string) =>
  err({ code: 'whistle.not_found' as const, details: { whistleId: id } });

/** The step deadlines of a whistle of this level blown now, on the district's calendar. */
async function dueTimes(
  deps: Deps,
  tx: Queryable,
  districtCode: string,
  level: WhistleLevel,
  now: Date,
): Promise<Record<ReportStep, Date>> {
  const limits = await findWhistleTimeLimits(tx, districtCode, level);
  const calendar = await (await referenceReadsFor(deps, tx)).calendar(districtCode);
  const at = (s: ReportStep) =>
    addTimeLimit(calendar, now, limits[s] ?? DEFAULT_WHISTLE_LIMITS[level][s]);
  return { acknowledge: at('acknowledge'), arrive: at('arrive'), feedback: at('feedback') };
}

/** The case's history records the whistle: one event, the case version bumped (row locked). */
async function recordOnCase(
  tx: Queryable,
  c: Case,
  action: CaseAction,
  principal: Principal,
  now: Date,
): Promise<Result<true, WhistleServiceError>> {
  const t = applyAction(c, action, actorOf(principal), now);
  if (!t.ok) return t;
  if (!(await updateCase(tx, t.value.case, c.version, now)))
    throw new Error(`case ${c.id} changed under a row lock`);
  await appendCaseEvent(tx, t.value.event, t.value.case);
  return ok(true);
}

export type BlowWhistleInput = {
  readonly caseId: string;
  readonly unitIds: readonly string[];
  readonly reason: string;
};

/**
 * 吹哨: a community, street or district (the narrowest region of the caller's scope that holds the
 * case) summons departments to an open case. Checks the level's rule and every unit, computes the
 * report deadlines, and writes the whistle, its `blown` event and the case's `whistle` event in
 * one transaction.
 */
export async function blowWhistleOnCase(
  deps: Deps,
  principal: Principal,
  input: BlowWhistleInput,
): Promise<Result<Whistle, WhistleServiceError>> {
  if (!mayDo(principal.role, 'whistle.blow')) return forbidden('whistle.blow');
  const now = deps.clock.now();
  const r = await deps.db.transaction(async (tx): Promise<Result<Whistle, WhistleServiceError>> => {
    const c = await findCaseForUpdate(tx, input.caseId);
    if (!c || !mayRead(principal, c))
      return err({ code: 'case.not_found', details: { caseId: input.caseId } });
    const place = whistlePlace(principal, c);
    if (!place.ok) return place;
    const id = whistleId(c.districtCode, deps.newId());
    const blown = blowWhistle(
      {
        id,
        case: { ...c, open: OPEN_STATUSES.includes(c.status) },
        place: place.value,
        reason: input.reason,
        unitIds: input.unitIds,
        units: await findUnitsByIds(tx, input.unitIds),
        due: await dueTimes(deps, tx, c.districtCode, place.value.level, now),
      },
      { userId: principal.userId, role: principal.role },
      now,
    );
    if (!blown.ok) return blown;
    const w = blown.value.whistle;
    const onCase = await recordOnCase(
      tx,
      c,
      { kind: 'whistle', whistleId: id, level: w.level, unitIds: input.unitIds, reason: w.reason },
      principal,
      now,
    );
    if (!onCase.ok) return onCase;
    await insertWhistle(tx, w);
    await appendWhistleEvents(tx, [blown.value.event]);
    return ok(w);
  });
  if (r.ok) changesCommitted(deps);
  return r;
}

/** Loads a whistle for writing, answering not_found outside the caller's sight. */
async function loadForWrite(
  tx: Queryable,
  principal: Principal,
  id: string,
): Promise<Result<Whistle, WhistleServiceError>> {
  const district = districtOfWhistle(id);
  const w = district === null ? null : await findWhistle(tx, district, id, true);
  return w && maySeeWhistle(principal, w) ? ok(w) : notFound(id);
}

async function commit(tx: Queryable, w: Whistle, events: readonly WhistleEvent[]) {
  await saveWhistle(tx, w);
  await appendWhistleEvents(tx, events);
}

export type ReportInput = { readonly step: ReportStep; readonly note?: string | undefined };

/** 报到: the caller's unit reports one step (响应, 到场, 处置反馈) on a whistle that summoned it. */
export async function reportOnWhistle(
  deps: Deps,
  principal: Principal,
  id: string,
  input: ReportInput,
): Promise<Result<Whistle, WhistleServiceError>> {
  if (!mayDo(principal.role, 'whistle.report')) return forbidden('whistle.report');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<Result<Whistle, WhistleServiceError>> => {
    const loaded = await loadForWrite(tx, principal, id);
    if (!loaded.ok) return loaded;
    const unitId = principal.unitId ?? '';
    const r = reportStep(
      loaded.value,
      { unitId, step: input.step, note: input.note },
      { userId: principal.userId, role: principal.role },
      now,
    );
    if (!r.ok) return r;
    await commit(tx, r.value.whistle, [r.value.event]);
    return ok(r.value.whistle);
  });
}

export type CloseInput = { readonly outcome: WhistleOutcome; readonly note: string };

/**
 * 吹哨结束: the whistling region's staff (or those above it) close the whistle as resolved or
 * unresolved with a note; the case's history records it.
 */
export async function closeWhistleOnCase(
  deps: Deps,
  principal: Principal,
  id: string,
  input: CloseInput,
): Promise<Result<Whistle, WhistleServiceError>> {
  if (!mayDo(principal.role, 'whistle.blow')) return forbidden('whistle.blow');
  const now = deps.clock.now();
  const r = await deps.db.transaction(async (tx): Promise<Result<Whistle, WhistleServiceError>> => {
    const loaded = await loadForWrite(tx, principal, id);
    if (!loaded.ok) return loaded;
    if (!mayCloseWhistle(principal, loaded.value))
      return err({
        code: 'auth.forbidden',
        details: { reason: 'region', capability: 'whistle.blow' },
      });
    const closed = closeWhistle(
      loaded.value,
      input,
      { userId: principal.userId, role: principal.role },
      now,
    );
    if (!closed.ok) return closed;
    const c = await findCaseForUpdate(tx, loaded.value.caseId);
    if (!c) throw new Error(`whistle ${id} names a missing case`);
    // A case cancelled or merged meanwhile is terminal: its history takes no more events.
    if (findTransition(c.status, 'close_whistle')) {
      const onCase = await recordOnCase(
        tx,
        c,
        { kind: 'close_whistle', whistleId: id, outcome: input.outcome, note: input.note.trim() },
        principal,
        now,
      );
      if (!onCase.ok) return onCase;
    }
    await commit(tx, closed.value.whistle, [closed.value.event]);
    return ok(closed.value.whistle);
  });
  if (r.ok) changesCommitted(deps);
  return r;
}
