import { describe, expect, it } from 'vitest';
import type { Actor, Case, CaseStatus, PendingRequest, Role, TransitionRow } from './index.ts';
import {
  CASE_STATUSES,
  ROLES,
  TRANSITIONS,
  applyAction,
  CLIENT_ROLE,
  clientActorId,
  formatCaseNumber,
  isTerminalStatus,
  isUserRole,
  maskPhone,
  openCase,
} from './index.ts';
import { T0, actorFor, caseIn, makeDraft, sampleActions } from './test-fixtures.ts';

const samples = sampleActions(T0);
const pending = (kind: PendingRequest['kind']): PendingRequest => ({
  kind,
  reason: '申请理由',
  requestedBy: 'someone-else',
  requestedByRole: 'unit_handler',
  requestedAt: T0,
});

/** A case in the row's `from` status that satisfies the row's guard for `role`. */
function caseForRow(row: TransitionRow, role: Role): Case {
  const from = row.from === 'new' ? 'pending_filing' : row.from;
  const spotCheck = row.action === 'spot_check_pass' || row.action === 'reopen';
  const o: Partial<Case> = {
    loopLevel: role === 'city_supervisor' && !spotCheck ? 'city' : 'district',
  };
  const request = /^(approve|reject)_(extension|hold|cancel)$/.exec(row.action)?.[2];
  const c = caseIn(from, {
    ...o,
    ...(request ? { pendingRequest: pending(request as PendingRequest['kind']) } : {}),
    ...(row.action === 'settle_responsibility' ? { handleFirst: true } : {}),
    ...(row.action === 'redispatch' && from === 'pending_dispatch'
      ? { workedUnitIds: ['unit-a'], sentBackUnitIds: ['unit-a'] }
      : {}),
  });
  if (row.action !== 'resume' || !c.deadlines.handle) return c;
  return { ...c, deadlines: { handle: { ...c.deadlines.handle, pausedAt: T0 } } };
}

/** Moves the actor (or, for city staff, the case) out of the actor's region scope. */
function outside(c: Case, actor: Actor): { c: Case; actor: Actor } {
  if (actor.role === 'unit_handler') return { c, actor: { ...actor, unitId: 'unit-z' } };
  if (actor.scope === 'city') return { c: { ...c, loopLevel: 'district' }, actor };
  return { c, actor: { ...actor, districtCode: '530103' } };
}

function run(row: TransitionRow, role: Role, outOfScope = false) {
  const inScope = caseForRow(row, role);
  const moved = outside(inScope, actorFor(role, inScope, row.action));
  const { c, actor } = outOfScope
    ? moved
    : { c: inScope, actor: actorFor(role, inScope, row.action) };
  const action = samples[row.action];
  if (row.from !== 'new') return { c, result: applyAction(c, action, actor, T0) };
  const source =
    row.action === 'register' || row.action === 'direct_dispatch'
      ? 'hotline_12345'
      : (role as 'supervisor');
  const draft = makeDraft({ source, loopLevel: c.loopLevel });
  if (
    action.kind !== 'report' &&
    action.kind !== 'register' &&
    action.kind !== 'direct_dispatch' &&
    action.kind !== 'self_handle'
  ) {
    throw new Error(`not an opening action: ${action.kind}`);
  }
  return { c, result: openCase(draft, action, actor, T0) };
}

const rowName = (r: TransitionRow) => `${r.from} --${r.action}--> ${r.to}`;
const allowedCases = TRANSITIONS.flatMap((row) =>
  row.roles.filter(isUserRole).map((role) => [rowName(row), role, row] as const),
);
const deniedCases = TRANSITIONS.flatMap((row) =>
  ROLES.filter((r) => !row.roles.includes(r)).map((role) => [rowName(row), role, row] as const),
);

// City staff may urge and spot-check any district's case, so those rows have no "outside" for them.
const CITY_WIDE = new Set(['urge', 'spot_check_pass', 'reopen']);
const outsideCases = allowedCases.filter(
  ([, role, row]) =>
    !(CITY_WIDE.has(row.action) && actorFor(role, caseForRow(row, role)).scope === 'city'),
);

describe('the transition table', () => {
  it.each(allowedCases)('%s succeeds for an allowed %s', (_name, role, row) => {
    const { c, result } = run(row, role);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { case: next, event } = result.value;
    expect(next.status).toBe(row.to);
    expect(event).toMatchObject({ action: row.action, toStatus: row.to, seq: next.version });
    expect(event.fromStatus).toBe(row.from === 'new' ? null : row.from);
    expect(next.version).toBe(row.from === 'new' ? 1 : c.version + 1);
  });

  it.each(deniedCases)('%s is refused to a %s', (_name, role, row) => {
    const { result } = run(row, role);
    expect(result).toMatchObject({ ok: false, error: { code: 'case.role_not_allowed' } });
  });

  it.each(outsideCases)('%s is refused to a %s outside its region or unit', (_name, role, row) => {
    const { result } = run(row, role, true);
    expect(result).toMatchObject({ ok: false, error: { code: 'case.region_not_allowed' } });
  });

  it('has no two rows for the same status and action', () => {
    const keys = TRANSITIONS.map((r) => `${r.from}/${r.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves every status either terminal or with a way out', () => {
    for (const s of CASE_STATUSES) {
      const exits = TRANSITIONS.filter((r) => r.from === s && r.to !== s);
      expect(isTerminalStatus(s) || exits.length > 0, s).toBe(true);
      if (isTerminalStatus(s))
        expect(
          TRANSITIONS.filter((r) => r.from === s),
          s,
        ).toEqual([]);
    }
  });

  it('reaches every status from a new report', () => {
    const seen = new Set<CaseStatus | 'new'>(['new']);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of TRANSITIONS) {
        if (seen.has(r.from) && !seen.has(r.to)) {
          seen.add(r.to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES, 'new'].sort());
  });
});

describe('case numbers and masking', () => {
  it('numbers a case by district, Shanghai date and a padded daily sequence', () => {
    expect(formatCaseNumber('530102', new Date('2026-11-24T15:59:59Z'), 7)).toBe(
      '530102-20261124-0007',
    );
    expect(formatCaseNumber('530102', new Date('2026-11-24T16:00:00Z'), 12345)).toBe(
      '530102-20261125-12345',
    );
  });

  it.each([
    ['13812345678', '138****5678'],
    ['0871-6361234', '087****1234'],
    ['12345', '***45'],
    ['', ''],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('a reason or note left out at the edge', () => {
  // The HTTP bodies leave reasons and notes to the domain, so missing and blank are one refusal.
  const needing = TRANSITIONS.filter((r) => {
    const a = samples[r.action] as Record<string, unknown>;
    return r.from !== 'new' && ('reason' in a || 'note' in a) && r.roles.length > 0;
  }).filter((r) => {
    // Optional notes (file, verify, close ...) do not count: only those the action checks.
    const a = samples[r.action] as Record<string, unknown>;
    const field = 'reason' in a ? 'reason' : 'note';
    const role = r.roles.filter(isUserRole)[0]!;
    const c = caseForRow(r, role);
    const blanked = applyAction(c, { ...a, [field]: '' } as never, actorFor(role, c, r.action), T0);
    return !blanked.ok && blanked.error.code === 'case.reason_required';
  });

  it('covers the actions that need one', () => {
    const kinds = new Set(needing.map((r) => r.action));
    for (const k of ['send_back', 'rework', 'redispatch', 'urge', 'feedback', 'reopen']) {
      expect(kinds).toContain(k);
    }
  });

  it.each(needing.map((r) => [rowName(r), r] as const))(
    '%s refuses a missing one with case.reason_required, never a throw',
    (_name, row) => {
      const a = { ...(samples[row.action] as Record<string, unknown>) };
      delete a.reason;
      delete a.note;
      const role = row.roles.filter(isUserRole)[0]!;
      const c = caseForRow(row, role);
      const r = applyAction(c, a as never, actorFor(role, c, row.action), T0);
      expect(r).toMatchObject({ ok: false, error: { code: 'case.reason_required' } });
    },
  );
});

describe('a client system (role channel, through the intake seam)', () => {
  const client: Actor = {
    userId: clientActorId('open311-test'),
    role: CLIENT_ROLE,
    districtCode: '530102',
  };

  it('registers a report: the case awaits verification, the event names the client', () => {
    const r = openCase(makeDraft({ source: 'open311' }), samples.register, client, T0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.case.status).toBe('pending_verification');
    expect(r.value.event.actor).toMatchObject({ userId: 'client:open311-test', role: 'channel' });
  });

  it('sends a work order straight to its unit (直派), the handling timer running', () => {
    const r = openCase(makeDraft({ source: 'hotline_12345' }), samples.direct_dispatch, client, T0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.case).toMatchObject({ status: 'dispatched', mainUnitId: 'unit-a' });
    expect(r.value.case.deadlines.handle?.dueAt).toBeInstanceOf(Date);
    expect(r.value.case.workedUnitIds).toEqual(['unit-a']);
  });

  it('may not open a supervisor’s report', () => {
    const r = openCase(makeDraft({ source: 'supervisor' }), samples.register, client, T0);
    expect(r).toMatchObject({ ok: false, error: { code: 'case.source_mismatch' } });
  });

  it('rates a closed case for the public portal (rate_satisfaction via portal), not an open one', () => {
    const rate = {
      kind: 'rate_satisfaction',
      result: 'dissatisfied',
      via: 'portal',
    } as const;
    const open = caseIn('handling');
    expect(applyAction(open, rate, client, T0)).toMatchObject({
      ok: false,
      error: { code: 'case.not_in_state' },
    });
    const r = applyAction(caseIn('closed'), rate, client, T0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.case.status).toBe('closed');
    expect(r.value.event).toMatchObject({
      action: 'rate_satisfaction',
      payload: { result: 'dissatisfied', via: 'portal' },
    });
  });

  // A client opens cases, and carries the public's rating; nothing else.
  const ACTIONS_OF_CLIENTS = new Set(['register', 'direct_dispatch', 'rate_satisfaction']);
  it.each(
    TRANSITIONS.filter((t) => !ACTIONS_OF_CLIENTS.has(t.action)).map(
      (t) => [rowName(t), t] as const,
    ),
  )('may not take %s', (_name, row) => {
    expect(row.roles).not.toContain(CLIENT_ROLE);
  });
});
