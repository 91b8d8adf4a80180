import { describe, expect, it } from 'vitest';
import { createCalendar, DEFAULT_CALENDAR_SETTINGS } from '../calendar/index.ts';
import {
  foldCase,
  type AssessEvent,
  type CaseProfile,
  type CaseTrack,
  type Fact,
} from './facts.ts';

const calResult = createCalendar({ ...DEFAULT_CALENDAR_SETTINGS, days: [] });
if (!calResult.ok) throw new Error('calendar');
const cal = calResult.value;

// Working hours 09:00–12:00 and 13:30–17:30 (+08:00); 2024-06-03 is a Monday.
const t = (s: string) => new Date(`2024-06-${s}+08:00`);
const due = (s: string) => ({
  deadline: { dueAt: t(s).toISOString(), warnAt: t(s).toISOString() },
});

type Step = [action: string, at: string, actor: string, payload?: Record<string, unknown>];

const from: Record<string, string> = {
  file: 'pending_filing',
  dispatch: 'pending_dispatch',
  redispatch: 'pending_dispatch',
};

function events(steps: readonly Step[]): AssessEvent[] {
  return steps.map(([action, at, actor, payload], i) => ({
    id: String(i + 1),
    seq: i + 1,
    action,
    actorUserId: actor,
    actorRole: 'x',
    at: t(at),
    fromStatus: from[action] ?? null,
    payload: payload ?? {},
  }));
}

const profile = (source = 'supervisor'): CaseProfile => ({
  caseId: 'c1',
  districtCode: '530114',
  source,
  categoryCode: '06001',
  gridCode: '530114001001001',
});

/** Sums facts by "metric@party". */
function sums(facts: readonly Fact[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of facts) {
    const k = `${f.metric}@${f.partyId}`;
    out[k] = (out[k] ?? 0) + f.value;
  }
  return out;
}

const GRID = '530114001001001';
const H = 3_600_000;

const OPENING: readonly Step[] = [
  ['report', '03T09:00', 'sup1', due('03T10:00')],
  ['file', '03T09:30', 'op1', due('03T10:30')],
  ['dispatch', '03T10:00', 'disp1', { unitId: 'U1', ...due('04T17:30') }],
  ['accept', '03T10:10', 'h1'],
];
const CLOSING: readonly Step[] = [
  ['recheck_pass', '04T11:00', 'sup2', due('04T12:00')],
  ['close', '04T11:30', 'op1'],
];
const MAIN: readonly Step[] = [
  ...OPENING,
  ['feedback', '04T10:00', 'h1', due('04T12:00')],
  ...CLOSING,
];

const cases: readonly {
  name: string;
  steps: readonly Step[];
  source?: string;
  expected: Record<string, number>;
  absent?: readonly string[];
}[] = [
  {
    name: 'a case along the main path, every step on time, handled in 7 working hours',
    steps: MAIN,
    expected: {
      'supervisor.reported@sup1': 1,
      'supervisor.valid@sup1': 1,
      'operator.filed@op1': 1,
      'operator.filed_on_time@op1': 1,
      'dispatcher.dispatched@disp1': 1,
      'dispatcher.dispatched_on_time@disp1': 1,
      'unit.received@U1': 1,
      'unit.handled@U1': 1,
      'unit.handled_on_time@U1': 1,
      // 03 10:00–12:00 + 13:30–17:30 = 6 h, 04 09:00–10:00 = 1 h
      'unit.handling_ms@U1': 7 * H,
      'supervisor.rechecked@sup2': 1,
      'supervisor.rechecked_on_time@sup2': 1,
      'operator.closed@op1': 1,
      'operator.closed_on_time@op1': 1,
      'unit.closed@U1': 1,
      'unit.closed_on_time@U1': 1,
      [`grid.filed@${GRID}`]: 1,
      [`grid.closed@${GRID}`]: 1,
      [`grid.closed_on_time@${GRID}`]: 1,
    },
  },
  {
    name: 'a case handled exactly at its deadline is on time',
    steps: [...OPENING, ['feedback', '04T17:30', 'h1'], ...CLOSING],
    expected: { 'unit.handled_on_time@U1': 1, 'unit.closed_on_time@U1': 1 },
  },
  {
    name: 'a case handled one minute after its deadline is late, and so is its closure',
    steps: [...OPENING, ['feedback', '04T17:31', 'h1'], ...CLOSING],
    expected: { 'unit.handled@U1': 1, 'unit.closed@U1': 1, [`grid.closed@${GRID}`]: 1 },
    absent: ['unit.handled_on_time@U1', 'unit.closed_on_time@U1', `grid.closed_on_time@${GRID}`],
  },
  {
    name: 'a paused deadline: on time against the resumed due instant, the hold not counted as handling time',
    steps: [
      ...OPENING.slice(0, 2),
      ['dispatch', '03T10:00', 'disp1', { unitId: 'U1', ...due('04T12:00') }],
      ['approve_hold', '04T09:00', 'disp1'],
      ['resume', '05T09:00', 'disp1', due('05T12:00')],
      ['feedback', '05T11:00', 'h1'],
    ],
    // 03: 6 h, 04: 7 h, 05: 2 h = 15 h, minus the hold 04 09:00 → 05 09:00 = 7 h
    expected: { 'unit.handled_on_time@U1': 1, 'unit.handling_ms@U1': 8 * H },
  },
  {
    name: 'an approved extension moves the deadline and is counted against the unit',
    steps: [
      ...OPENING,
      ['approve_extension', '04T09:00', 'disp1', due('05T17:30')],
      ['feedback', '05T10:00', 'h1'],
    ],
    expected: { 'unit.extended@U1': 1, 'unit.handled_on_time@U1': 1 },
  },
  {
    name: 'a reopened case: rework for the unit that closed it, closed once for the region, closed again for the new unit',
    steps: [
      ...MAIN,
      ['reopen', '05T09:00', 'csup', { unitId: 'U1', reason: 'x', ...due('05T12:00') }],
      ['dispatch', '05T10:00', 'disp1', { unitId: 'U2', ...due('06T17:30') }],
      ['feedback', '05T15:00', 'h2'],
      ['recheck_pass', '05T16:00', 'sup2'],
      ['close', '05T16:30', 'op1'],
    ],
    expected: {
      'unit.reworked@U1': 1,
      'unit.closed@U1': 1,
      'unit.closed@U2': 1,
      'unit.received@U2': 1,
      [`grid.reopened@${GRID}`]: 1,
      [`grid.closed@${GRID}`]: 1,
      [`grid.filed@${GRID}`]: 1,
      'operator.closed@op1': 2,
    },
  },
  {
    name: 'a merged case is a duplicate of its region and never a valid report',
    steps: [
      ['report', '03T09:00', 'sup1'],
      ['merge', '03T09:20', 'op1'],
    ],
    expected: { 'supervisor.reported@sup1': 1, [`grid.duplicate@${GRID}`]: 1 },
    absent: ['supervisor.valid@sup1', `grid.filed@${GRID}`],
  },
  {
    name: 'a send-back counts against the unit and the dispatcher; a late re-dispatch is late',
    steps: [
      ...OPENING,
      ['send_back', '03T11:00', 'h1', { reason: 'x', ...due('03T11:30') }],
      ['redispatch', '03T14:00', 'disp2', { unitId: 'U2', ...due('05T17:30') }],
    ],
    expected: {
      'unit.sent_back@U1': 1,
      'dispatcher.sent_back@disp1': 1,
      'dispatcher.dispatched@disp2': 1,
      'unit.received@U2': 1,
    },
    absent: ['dispatcher.dispatched_on_time@disp2', 'dispatcher.sent_back@disp2'],
  },
  {
    name: 'a failed re-check is rework for the unit and restarts its handling time',
    steps: [
      ...OPENING,
      ['feedback', '03T11:00', 'h1', due('03T12:00')],
      ['rework', '03T14:00', 'sup2', { reason: 'x', ...due('04T12:00') }],
      ['feedback', '03T16:00', 'h1'],
    ],
    expected: {
      'unit.reworked@U1': 1,
      'unit.handled@U1': 2,
      // 10:00–11:00, then 14:00–16:00
      'unit.handling_ms@U1': 3 * H,
      'supervisor.rechecked@sup2': 1,
      'supervisor.rechecked_on_time@sup2': 0,
    },
  },
  {
    name: 'the sweep marks the handling step overdue for the unit; other steps are not the unit’s',
    steps: [
      ...OPENING,
      ['timer_overdue', '04T17:30', 'system', { step: 'handle' }],
      ['timer_overdue', '04T17:30', 'system', { step: 'recheck' }],
    ],
    expected: { 'unit.overdue@U1': 1 },
  },
  {
    name: 'a case the city supervisors found is a miss of its grid',
    source: 'city_supervisor',
    steps: [['report', '03T09:00', 'csup']],
    expected: { [`grid.missed@${GRID}`]: 1, 'supervisor.reported@csup': 1 },
  },
  {
    name: 'a self-handled case counts as a report and a self-handling of the supervisor',
    steps: [['self_handle', '03T09:00', 'sup1']],
    expected: { 'supervisor.reported@sup1': 1, 'supervisor.self_handled@sup1': 1 },
    absent: ['supervisor.valid@sup1'],
  },
  {
    name: 'a verification after its deadline is late',
    steps: [
      ['register', '03T09:00', 'op1', due('03T10:00')],
      ['verify', '03T10:01', 'sup1', due('03T12:00')],
      ['file', '03T11:00', 'op1'],
    ],
    expected: { 'supervisor.verified@sup1': 1, 'operator.filed_on_time@op1': 1 },
    absent: ['supervisor.verified_on_time@sup1'],
  },
];

describe('folding a case history into assessment facts', () => {
  it.each(cases)('$name', ({ steps, source, expected, absent }) => {
    const got = sums(foldCase(events(steps), profile(source), cal).facts);
    for (const [k, v] of Object.entries(expected)) expect([k, got[k] ?? 0]).toEqual([k, v]);
    for (const k of absent ?? []) expect([k, got[k]]).toEqual([k, undefined]);
  });

  it('dates every fact by the local day of its event (Asia/Shanghai)', () => {
    const facts = foldCase(events([['report', '30T23:30', 'sup1']]), profile(), cal).facts;
    expect(facts.map((f) => f.day)).toEqual(['2024-06-30']);
  });

  it('continues a stored track exactly as a fold from the start would', () => {
    const all = events(MAIN);
    const whole = foldCase(all, profile(), cal);
    const first = foldCase(all.slice(0, 3), profile(), cal);
    const rest = foldCase(
      all.slice(3),
      profile(),
      cal,
      JSON.parse(JSON.stringify(first.track)) as CaseTrack,
    );
    expect([...first.facts, ...rest.facts]).toEqual(whole.facts);
  });
});
