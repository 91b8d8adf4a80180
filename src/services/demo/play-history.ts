import { addWorkingMs, localInstant, workingTimeBetween } from '../../domain/calendar/index.ts';
import {
  ACTIONS,
  activeStep,
  applyAction,
  openCase,
  timerEvent,
  type Actor,
  type Case,
  type CaseAction,
  type CaseDraft,
  type NewCaseEvent,
  type OpeningAction,
} from '../../domain/cases/index.ts';
import { timerStateAt } from '../../domain/deadlines/index.ts';
import { CITY, type CaseFate } from '../../domain/demo-city/index.ts';
import { matchDispatchRule } from '../../domain/dispatch/index.ts';
import type { HistoryCategory, HistoryCity, HistoryGrid } from '../../store/history.store.ts';
import { dispatchFactsOf } from '../dispatch/auto-dispatch.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';
import { planHistoryWhistle, type PlayedWhistle } from './history-whistles.ts';
import {
  centreStepDeadline,
  deadlineContext,
  extendedDeadline,
  handlingDeadline,
  resumedDeadline,
} from './../cases/step-deadlines.ts';

/**
 * Plays one case fate (domain/demo-city/history.ts) through the workflow, as the live services
 * would have: each action through `applyAction` with the deadline its declaration starts (the
 * same step-deadline functions as performCaseAction, on the district's calendar at that instant),
 * and the deadline sweep's timer events (timerEvent) wherever a running step's warning or due
 * instant passed before the next action. Steps that would fall after `end` are not taken: the
 * case stays open where it is. Pure apart from the reference reads (memoised per transaction).
 */

/** The city prepared for playing: actors by role and region, units and their handlers. */
export type Cast = {
  readonly grids: readonly HistoryGrid[];
  readonly categories: readonly HistoryCategory[];
  /** district (or the city's code) → role → actors */
  readonly staff: ReadonlyMap<string, ReadonlyMap<string, readonly Actor[]>>;
  /** district → units that have a handler */
  readonly units: ReadonlyMap<string, readonly string[]>;
  readonly handlers: ReadonlyMap<string, Actor>;
};

export function castOf(city: HistoryCity): Cast {
  const staff = new Map<string, Map<string, Actor[]>>();
  const handlers = new Map<string, Actor>();
  for (const u of city.users) {
    const actor: Actor = {
      userId: u.id,
      role: u.role as Actor['role'],
      districtCode: u.districtCode,
      ...(u.unitId !== null && u.role === 'unit_handler' ? { unitId: u.unitId } : {}),
      scope: u.districtCode === CITY.code ? 'city' : 'district',
    };
    if (u.role === 'unit_handler' && u.unitId !== null) {
      if (!handlers.has(u.unitId)) handlers.set(u.unitId, actor);
      continue;
    }
    const byRole = staff.get(u.districtCode) ?? new Map<string, Actor[]>();
    byRole.set(u.role, [...(byRole.get(u.role) ?? []), actor]);
    staff.set(u.districtCode, byRole);
  }
  const units = new Map<string, string[]>();
  for (const u of city.units) {
    if (!handlers.has(u.id)) continue;
    units.set(u.districtCode, [...(units.get(u.districtCode) ?? []), u.id]);
  }
  return { grids: city.grids, categories: city.categories, staff, units, handlers };
}

/** An action as the history names it: the deadline it starts is computed when it is taken. */
type Move = { readonly kind: CaseAction['kind'] } & Readonly<Record<string, unknown>>;

export type Played = {
  readonly case: Case;
  readonly events: readonly NewCaseEvent[];
  readonly whistles: readonly PlayedWhistle[];
};

const SWEEP_LAG_MS = 60_000;
const HOUR = 3_600_000;
const at = (i: number, xs: readonly number[]) => xs[i % xs.length] ?? 0.5;

/** Thrown when the city lacks someone a fate needs (no supervisor in a district ...): skipped. */
class Unplayable extends Error {}

function pickFrom<T>(xs: readonly T[] | undefined, x: number): T {
  const v = xs?.[Math.floor(x * xs.length)];
  if (v === undefined) throw new Unplayable('nobody to act');
  return v;
}

/** One case's life; null when the city cannot play it (no enabled category, no staff). */
export async function playFate(
  ref: ReferenceReads,
  cast: Cast,
  fate: CaseFate,
  end: Date,
): Promise<Played | null> {
  try {
    return await play(ref, cast, fate, end);
  } catch (e) {
    if (e instanceof Unplayable) return null;
    throw e;
  }
}

async function play(ref: ReferenceReads, cast: Cast, fate: CaseFate, end: Date): Promise<Played> {
  const grid = pickFrom(cast.grids, fate.gridPick);
  const district = grid.districtCode;
  const cal = await ref.calendar(district);
  const category = await enabledCategory(ref, cast, district, fate.categoryPick);
  const staffOf = (loop: string, role: string) =>
    pickFrom(cast.staff.get(loop)?.get(role), fate.actorPick);

  const dayStart = localInstant(cal, fate.day, '00:00');
  const dayMs = workingTimeBetween(cal, dayStart, new Date(dayStart.getTime() + 86_400_000));
  let now = addWorkingMs(cal, dayStart, Math.floor(fate.dayFraction * dayMs));
  const events: NewCaseEvent[] = [];
  const whistles: PlayedWhistle[] = [];
  let paceIndex = 0;
  const pace = () => at(paceIndex++, fate.pace);

  const publicReporter = fate.source !== 'supervisor' && fate.source !== 'city_supervisor';
  const draft: CaseDraft = {
    id: fate.id,
    caseNumber: '',
    source: fate.source,
    kind: category.kind,
    categoryCode: category.code,
    categoryScheme: category.scheme,
    urgency: fate.urgency,
    location: { point: { lng: grid.lng, lat: grid.lat } },
    gridCode: grid.code,
    communityCode: grid.communityCode,
    streetCode: grid.streetCode,
    districtCode: district,
    address: `${grid.nameZh}${1 + (fate.index % 300)}号附近`,
    description: `${category.nameZh}：${DEFECTS[fate.index % DEFECTS.length] ?? '破损'}，请尽快处理`,
    photoIds: [],
    reporter: publicReporter
      ? {
          name: `市民${fate.index % 1000}`,
          phone: `139${String(fate.index % 1e8).padStart(8, '0')}`,
        }
      : {},
    externalRef: fate.source === 'hotline_12345' ? `12345-${fate.id.slice(0, 8)}` : null,
    originClientId: null,
  };

  // Opening: who reports through which channel (上报 / 登记 / 自行处置).
  let opener: Actor;
  let opening: OpeningAction;
  const ctxAt = (t: Date) => deadlineContext(ref, district, t);
  if (fate.source === 'supervisor' || fate.source === 'city_supervisor') {
    opener =
      fate.source === 'supervisor'
        ? staffOf(district, 'supervisor')
        : staffOf(CITY.code, 'city_supervisor');
    opening = fate.selfHandle
      ? {
          kind: 'self_handle',
          note: '现场自行处置完毕',
          beforePhotoIds: [`history-${fate.id}-before`],
          afterPhotoIds: [`history-${fate.id}-after`],
        }
      : { kind: 'report', deadline: await centreStepDeadline(ctxAt(now), 'file') };
  } else {
    opener = staffOf(
      district,
      fate.source === 'hotline_12345' ? 'hotline_agent' : 'acceptance_operator',
    );
    opening = { kind: 'register', deadline: await centreStepDeadline(ctxAt(now), 'verify') };
  }
  const opened = openCase(draft, opening, opener, now);
  if (!opened.ok) throw new Error(`history case ${fate.id}: ${opened.error.code}`);
  let c = opened.value.case;
  events.push(opened.value.event);
  const loop = c.loopLevel === 'city' ? CITY.code : district;
  const role = (r: string) => staffOf(loop, r);
  const checker = c.loopLevel === 'city' ? 'city_supervisor' : 'supervisor';
  const handlerOf = (unitId: string | null) =>
    pickFrom(unitId === null ? [] : [cast.handlers.get(unitId)].filter((a) => a !== undefined), 0);

  /** The deadline sweep between the last write and `t`: warning, then overdue, as it would. */
  const sweepUntil = (t: Date) => {
    const step = activeStep(c.status);
    const d = step === null ? undefined : c.deadlines[step];
    if (d === undefined || d.pausedAt !== undefined) return;
    const state = timerStateAt(d.dueAt.getTime(), d.warnAt.getTime(), false, c.updatedAt.getTime());
    const record = (s: 'warning' | 'overdue', instant: Date) => {
      const when = new Date(Math.max(instant.getTime(), c.updatedAt.getTime()) + SWEEP_LAG_MS);
      if (when.getTime() >= t.getTime()) return;
      const ev = timerEvent(c, s, when);
      if (ev === null) return;
      events.push(ev);
      c = { ...c, version: ev.seq, updatedAt: when };
    };
    if (state === 'on_time' && d.warnAt.getTime() + SWEEP_LAG_MS < d.dueAt.getTime())
      record('warning', d.warnAt);
    if (state !== 'overdue') record('overdue', new Date(d.dueAt.getTime() + 1));
  };

  /** Takes one action at `t` unless `t` is past the end; false when the history stops here. */
  const act = async (t: Date, actor: Actor, action: Move): Promise<boolean> => {
    if (t.getTime() > end.getTime()) return false;
    sweepUntil(t);
    const full = await withDeadline(ref, district, c, action, t);
    const r = applyAction(c, full, actor, t);
    if (!r.ok) throw new Error(`history case ${fate.id}: ${action.kind} ${r.error.code}`);
    c = r.value.case;
    events.push(r.value.event);
    now = t;
    return true;
  };
  /** The instant after `now` that takes `fraction` of the running step's allowed time. */
  const within = (fraction: number, minHours = 0.05) => {
    const step = activeStep(c.status);
    const d = step === null ? undefined : c.deadlines[step];
    const allowed = d === undefined ? 2 * HOUR : workingTimeBetween(cal, d.startedAt, d.dueAt);
    const spent = d === undefined ? 0 : workingTimeBetween(cal, d.startedAt, now);
    const target = Math.max(minHours * HOUR, fraction * allowed - spent);
    return addWorkingMs(cal, now, Math.round(target));
  };
  const soon = () => addWorkingMs(cal, now, Math.round((0.1 + pace()) * HOUR));

  if (c.status === 'closed') return done();
  if (c.status === 'pending_verification') {
    if (!(await act(within(pace()), role(checker), { kind: 'verify' }))) return done();
  }
  if (fate.refused) {
    await act(within(pace()), role('acceptance_operator'), {
      kind: 'refuse_filing',
      reason: '不属于城市管理范围',
    });
    return done();
  }
  if (!(await act(within(pace()), role('acceptance_operator'), { kind: 'file' }))) return done();

  const dispatchAndHandle = async (again: boolean): Promise<boolean> => {
    const unit = await unitFor(ref, cast, c, fate.actorPick);
    // A case a unit has had (here: reopened by the spot check) goes on only by re-dispatch (改派).
    const units = [{ id: unit, active: true, districtCode: district }];
    const dispatched = await act(
      within(pace()),
      role('dispatcher'),
      again
        ? { kind: 'redispatch', unitId: unit, reason: '抽查复开，重新派遣', units, ruleId: null }
        : { kind: 'dispatch', unitId: unit, units, ruleId: null },
    );
    if (!dispatched) return false;
    if (fate.sendBack && !again) {
      if (
        !(await act(soon(), handlerOf(c.mainUnitId), { kind: 'send_back', reason: '非本单位职责' }))
      )
        return false;
      const other = await unitFor(ref, cast, c, (fate.actorPick + 0.5) % 1);
      if (
        !(await act(within(pace()), role('dispatcher'), {
          kind: 'redispatch',
          unitId: other,
          reason: '改派至责任单位',
          units: [{ id: other, active: true, districtCode: district }],
          ruleId: null,
        }))
      )
        return false;
    }
    if (!(await act(soon(), handlerOf(c.mainUnitId), { kind: 'accept' }))) return false;
    if (fate.stall && !again) return false;
    const handler = handlerOf(c.mainUnitId);
    if (fate.whistle && !again && c.loopLevel !== 'city') {
      const blownAt = soon();
      const commander = role('commander');
      const units = cast.units.get(district) ?? [];
      const w = await planHistoryWhistle(
        ref,
        c,
        units,
        cast.handlers,
        commander,
        blownAt,
        fate.actorPick,
        end,
      );
      if (w !== null) {
        if (!(await act(blownAt, commander, w.blow))) return false;
        whistles.push(w.played);
        if (w.close === null || w.closedAt === null) return false;
        if (!(await act(w.closedAt, commander, w.close))) return false;
      }
    }
    if (fate.extension && !again) {
      if (!(await act(within(0.6), handler, { kind: 'request_extension', reason: '需协调材料' })))
        return false;
      if (!(await act(soon(), role('dispatcher'), { kind: 'approve_extension' }))) return false;
    }
    if (fate.hold && !again) {
      if (!(await act(within(0.3), handler, { kind: 'request_hold', reason: '需协调资金' })))
        return false;
      if (!(await act(soon(), role('dispatcher'), { kind: 'approve_hold' }))) return false;
      const back = addWorkingMs(cal, now, Math.round((1 + 2 * pace()) * 8 * HOUR));
      if (!(await act(back, role('dispatcher'), { kind: 'resume' }))) return false;
    }
    const late = fate.lateHandling && !again;
    const fraction = late ? 1.1 + 0.7 * pace() : 0.15 + 0.75 * pace();
    const feedback = {
      kind: 'feedback',
      note: '已处置完毕',
      photoIds: [`history-${fate.id}-fb`],
    } as const;
    if (!(await act(within(fraction), handler, feedback))) return false;
    if (fate.rework && !again) {
      if (!(await act(within(pace()), role(checker), { kind: 'rework', reason: '未处置到位' })))
        return false;
      if (!(await act(within(0.2 + 0.6 * pace()), handler, feedback))) return false;
    }
    if (!(await act(within(pace()), role(checker), { kind: 'recheck_pass' }))) return false;
    return act(within(pace()), role('acceptance_operator'), { kind: 'close' });
  };
  if (!(await dispatchAndHandle(false))) return done();
  if (fate.satisfaction !== null) {
    const evaluator = fate.source === 'hotline_12345' ? 'hotline_agent' : 'acceptance_operator';
    await act(soon(), role(evaluator), { kind: 'evaluate', satisfaction: fate.satisfaction });
  }
  if (fate.spotCheck && c.loopLevel !== 'city') {
    const city = staffOf(CITY.code, 'city_supervisor');
    const t = addWorkingMs(cal, now, Math.round((2 + 16 * pace()) * HOUR));
    if (fate.reopen) {
      if (await act(t, city, { kind: 'reopen', reason: '抽查发现问题仍在' }))
        await dispatchAndHandle(true);
    } else await act(t, city, { kind: 'spot_check_pass' });
  }
  return done();

  function done(): Played {
    sweepUntil(end);
    return { case: c, events, whistles };
  }
}

const DEFECTS = ['破损', '缺失', '堵塞', '占道经营', '污损', '倾斜', '乱堆放', '积水'];

/**
 * The action with the deadline its declaration starts, computed as performCaseAction does: a
 * centre step from the step limits, handling from the catalogue (a rework keeps extensions), an
 * approved extension and a resume from the running handle timer.
 */
async function withDeadline(
  ref: ReferenceReads,
  district: string,
  c: Case,
  action: Move,
  t: Date,
): Promise<CaseAction> {
  const a = action as CaseAction;
  const ctx = deadlineContext(ref, district, t);
  if (a.kind === 'approve_extension')
    return { ...a, deadline: unwrap(await extendedDeadline(ctx, c, undefined)) };
  if (a.kind === 'resume') return { ...a, ...unwrap(await resumedDeadline(ctx, c)) };
  const step = ACTIONS[a.kind].startsStep;
  if (step === undefined) return a;
  const deadline =
    step === 'handle'
      ? unwrap(await handlingDeadline(ctx, c, action.kind === 'rework'))
      : await centreStepDeadline(ctx, step);
  return { ...action, deadline } as CaseAction;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Unplayable(r.error.code);
  return r.value;
}

/** An enabled category of the district's catalogue, from `pick` on. */
async function enabledCategory(
  ref: ReferenceReads,
  cast: Cast,
  districtCode: string,
  pick: number,
): Promise<HistoryCategory> {
  const n = cast.categories.length;
  const first = Math.floor(pick * n);
  for (let i = 0; i < n; i++) {
    const cat = cast.categories[(first + i) % n];
    if (cat === undefined) break;
    const std = await ref.standard({
      districtCode,
      scheme: cat.scheme,
      kind: cat.kind,
      code: cat.code,
    });
    if (std.ok && std.value.enabled) return cat;
  }
  throw new Unplayable('no enabled category');
}

/** The unit the district's dispatch rules choose (以案定责), else one of its units. */
async function unitFor(ref: ReferenceReads, cast: Cast, c: Case, pick: number): Promise<string> {
  const m = matchDispatchRule(await ref.activeRules(c.districtCode), dispatchFactsOf(c));
  if (m.ok && cast.handlers.has(m.value.unitId)) return m.value.unitId;
  const units = (cast.units.get(c.districtCode) ?? []).filter(
    (u) => !c.sentBackUnitIds.includes(u),
  );
  return pickFrom(units, pick);
}
