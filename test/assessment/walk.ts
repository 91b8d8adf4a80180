import type { Case } from '../../src/domain/cases/index.ts';
import type { CaseCommand } from '../../src/services/cases/commands.ts';
import { sweepDeadlines } from '../../src/services/deadlines/sweep.ts';
import { act, openTestCase, OWN_UNIT, OWN_UNIT_2, type CaseWorld } from '../factories.ts';

/**
 * Walks generated cases of 呈贡区 (530114) through the loop with the demo users: the main path,
 * send-back and re-dispatch, failed re-check, hold and resume, extension, city spot-check
 * reopening, and cases left open for the deadline sweep to mark overdue. The clock moves a
 * varying number of hours between steps, so some steps are on time and some late.
 */
type Step = readonly [username: string, action: CaseCommand];

const FEEDBACK: CaseCommand = { kind: 'feedback', note: '已处置', photoIds: ['p-after'] };
const dispatchTo = (unitId: string): CaseCommand => ({ kind: 'dispatch', unitId });
const TO_HANDLING: readonly Step[] = [
  ['acceptance_operator', { kind: 'file' }],
  ['dispatcher', dispatchTo(OWN_UNIT)],
  ['unit_handler', { kind: 'accept' }],
];
const CLOSING: readonly Step[] = [
  ['supervisor', { kind: 'recheck_pass' }],
  ['acceptance_operator', { kind: 'close' }],
];
const MAIN: readonly Step[] = [...TO_HANDLING, ['unit_handler', FEEDBACK], ...CLOSING];

export const PATHS: readonly { readonly name: string; readonly steps: readonly Step[] }[] = [
  { name: 'main', steps: MAIN },
  {
    name: 'send back',
    steps: [
      ...TO_HANDLING,
      ['unit_handler', { kind: 'send_back', reason: '非本单位职责' }],
      ['dispatcher', { kind: 'redispatch', unitId: OWN_UNIT_2, reason: '改派' }],
      ['cg.unit2', { kind: 'accept' }],
      ['cg.unit2', FEEDBACK],
      ...CLOSING,
    ],
  },
  {
    name: 'rework',
    steps: [
      ...TO_HANDLING,
      ['unit_handler', FEEDBACK],
      ['supervisor', { kind: 'rework', reason: '未处置到位' }],
      ['unit_handler', { ...FEEDBACK, photoIds: ['p-again'] }],
      ...CLOSING,
    ],
  },
  {
    name: 'hold',
    steps: [
      ...TO_HANDLING,
      ['unit_handler', { kind: 'request_hold', reason: '需协调资金' }],
      ['dispatcher', { kind: 'approve_hold' }],
      ['dispatcher', { kind: 'resume' }],
      ['unit_handler', FEEDBACK],
      ...CLOSING,
    ],
  },
  {
    name: 'extension',
    steps: [
      ...TO_HANDLING,
      ['unit_handler', { kind: 'request_extension', reason: '材料未到' }],
      ['dispatcher', { kind: 'approve_extension' }],
      ['unit_handler', FEEDBACK],
      ...CLOSING,
    ],
  },
  {
    name: 'reopen',
    steps: [
      ...MAIN,
      ['city_supervisor', { kind: 'reopen', reason: '抽查发现问题仍在' }],
      // A case a unit had goes on by 改派 with a reason (domain/cases guards neverDispatched).
      ['dispatcher', { kind: 'redispatch', unitId: OWN_UNIT_2, reason: '抽查不通过，改派' }],
      ['cg.unit2', { kind: 'accept' }],
      ['cg.unit2', FEEDBACK],
      ...CLOSING,
    ],
  },
  { name: 'left handling', steps: TO_HANDLING },
  { name: 'left unfiled', steps: [] },
];

/** Walks `n` cases (path i mod the number of paths), running the sweep now and then. */
export async function walkCases(w: CaseWorld, n: number): Promise<Case[]> {
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const path = PATHS[i % PATHS.length];
    if (!path) throw new Error('no path');
    let c = await openTestCase(w, 'supervisor', { source: 'supervisor' });
    for (const [j, [user, action]] of path.steps.entries()) {
      // 1..17 hours: across days and weekends, some steps within their limits, some not
      w.clock.advanceHours(1 + ((i * 7 + j * 5) % 17));
      c = await act(w, user, c, action);
    }
    if (i % 5 === 4) await sweepDeadlines(w.deps);
    out.push(c);
  }
  w.clock.advanceHours(72);
  await sweepDeadlines(w.deps);
  return out;
}
