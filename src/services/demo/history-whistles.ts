import { addTimeLimit, addWorkingMs, workingTimeBetween } from '../../domain/calendar/index.ts';
import type { Actor, Case } from '../../domain/cases/index.ts';
import {
  DEFAULT_WHISTLE_LIMITS,
  REPORT_STEPS,
  WHISTLE_LEVEL_RULES,
  blowWhistle,
  closeWhistle,
  reportStep,
  whistlePlace,
  type ReportStep,
  type Whistle,
  type WhistleEvent,
} from '../../domain/whistle/index.ts';
import { findUnitsByIds } from '../../store/units.store.ts';
import { findWhistleTimeLimits } from '../../store/whistles.store.ts';
import type { ReferenceReads } from '../reference/reference-reads.ts';
import { whistleId } from '../whistle/errors.ts';

/** A whistle of the history: its final state and its timeline, for the whistle store. */
export type PlayedWhistle = { readonly whistle: Whistle; readonly events: readonly WhistleEvent[] };

export type WhistlePlan = {
  readonly played: PlayedWhistle;
  /** the case's `whistle` and `close_whistle` actions (the latter null while it stays open) */
  readonly blow: { readonly kind: 'whistle' } & Readonly<Record<string, unknown>>;
  readonly close: ({ readonly kind: 'close_whistle' } & Readonly<Record<string, unknown>>) | null;
  readonly closedAt: Date | null;
};

const HOUR = 3_600_000;

/**
 * 吹哨报到 in the history: the district's commander summons two of the district's departments
 * (bureaus, utilities) to a case in handling, through the whistle domain's own rules and the
 * district's report limits. Each department reports its three steps on time (3 in 4), one step
 * late, or stops after acknowledging (never); the whistle closes an hour after the last report or
 * the last deadline. The sweep's `report_missed` entries are not written (the assessment judges
 * a summons from its deadlines, not from them). Null when the case or the city allows no whistle.
 */
export async function planHistoryWhistle(
  ref: ReferenceReads,
  c: Case,
  units: readonly string[],
  handlers: ReadonlyMap<string, Actor>,
  whistler: Actor,
  blownAt: Date,
  pick: number,
  end: Date,
): Promise<WhistlePlan | null> {
  if (whistler.role !== 'commander' && whistler.role !== 'dispatcher') return null;
  const place = whistlePlace(
    { role: whistler.role, districtCode: whistler.districtCode, regionScope: [] },
    c,
  );
  if (!place.ok) return null;
  const level = place.value.level;
  const candidates = (await findUnitsByIds(ref.tx, units)).filter(
    (u) => u.active && u.id !== c.mainUnitId && WHISTLE_LEVEL_RULES[level].summons.includes(u.kind),
  );
  if (candidates.length < 2) return null;
  const first = Math.floor(pick * candidates.length);
  const summoned = [0, 1].map((i) => candidates[(first + i) % candidates.length]?.id ?? '');
  const cal = await ref.calendar(c.districtCode);
  const limits = await findWhistleTimeLimits(ref.tx, c.districtCode, level);
  const dueOf = (s: ReportStep) =>
    addTimeLimit(cal, blownAt, limits[s] ?? DEFAULT_WHISTLE_LIMITS[level][s]);
  const due = {
    acknowledge: dueOf('acknowledge'),
    arrive: dueOf('arrive'),
    feedback: dueOf('feedback'),
  };
  const actor = { userId: whistler.userId, role: whistler.role };
  const id = whistleId(c.districtCode, c.id);
  const reason = '需多部门协同处置';
  const blown = blowWhistle(
    {
      id,
      case: { ...c, open: true },
      place: place.value,
      reason,
      unitIds: summoned,
      units: candidates,
      due,
    },
    actor,
    blownAt,
  );
  if (!blown.ok) return null;

  // Each department's reports: on time, one late step, or acknowledged and then nothing.
  const reports: { unitId: string; step: ReportStep; at: Date }[] = [];
  for (const [i, unitId] of summoned.entries()) {
    const x = (pick * 7919 * (i + 1)) % 1;
    const kind = x < 0.75 ? 'on_time' : x < 0.9 ? 'late' : 'never';
    let prev = blownAt;
    for (const step of REPORT_STEPS) {
      const span = Math.max(0, workingTimeBetween(cal, prev, due[step]));
      const at =
        kind === 'late' && step === 'arrive'
          ? addWorkingMs(cal, due[step], HOUR / 2)
          : addWorkingMs(cal, prev, Math.round(span * (0.3 + 0.5 * x)));
      reports.push({ unitId, step, at });
      prev = at;
      if (kind === 'never') break;
    }
  }
  reports.sort((a, b) => a.at.getTime() - b.at.getTime());
  let w = blown.value.whistle;
  const events: WhistleEvent[] = [blown.value.event];
  for (const r of reports) {
    if (r.at.getTime() > end.getTime()) break;
    const handler = handlers.get(r.unitId);
    const by = { userId: handler?.userId ?? whistler.userId, role: 'unit_handler' as const };
    const done = reportStep(w, { unitId: r.unitId, step: r.step }, by, r.at);
    if (!done.ok) continue;
    w = done.value.whistle;
    events.push(done.value.event);
  }
  const last = Math.max(due.feedback.getTime(), ...reports.map((r) => r.at.getTime()));
  const closedAt = addWorkingMs(cal, new Date(last), HOUR);
  const blow = { kind: 'whistle', whistleId: id, level, unitIds: summoned, reason } as const;
  if (closedAt.getTime() > end.getTime())
    return { played: { whistle: w, events }, blow, close: null, closedAt: null };
  const note = '各部门已协同处置完毕';
  const closed = closeWhistle(w, { outcome: 'resolved', note }, actor, closedAt);
  if (!closed.ok) return { played: { whistle: w, events }, blow, close: null, closedAt: null };
  return {
    played: { whistle: closed.value.whistle, events: [...events, closed.value.event] },
    blow,
    close: { kind: 'close_whistle', whistleId: id, outcome: 'resolved', note },
    closedAt,
  };
}
