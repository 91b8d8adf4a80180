import {
  APPROVAL_ACTION_KINDS,
  TIMER_EVENT_KINDS,
  type CaseStatus,
} from '../../domain/cases/index.ts';
import type { CaseQueue } from '../cases/read-cases.ts';

/** The work queue (read-cases) a case in this status sits in, if any. */
export function queueOfStatus(s: CaseStatus): CaseQueue | null {
  switch (s) {
    case 'pending_verification':
      return 'to_verify';
    case 'pending_filing':
      return 'to_file';
    case 'pending_dispatch':
      return 'to_dispatch';
    case 'dispatched':
    case 'handling':
    case 'on_hold':
      return 'to_handle';
    case 'pending_recheck':
      return 'to_recheck';
    case 'pending_close':
      return 'to_close';
    case 'not_filed':
    case 'closed':
    case 'evaluated':
    case 'cancelled':
    case 'merged':
      return null;
  }
}

// The requests (延期, 挂账, 作废) and their answers, as the action declarations say.
const APPROVAL_ACTIONS: ReadonlySet<string> = new Set(APPROVAL_ACTION_KINDS);
const TIMER_ACTIONS: ReadonlySet<string> = new Set(TIMER_EVENT_KINDS);

/**
 * The queues one change touches: the one the case left, the one it entered, "all", approvals for
 * requests and their answers, overdue for timer changes (the sweep's `timer_*` events).
 */
export function queuesAffected(change: {
  readonly action: string;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus;
}): CaseQueue[] {
  const out = new Set<CaseQueue>(['all']);
  for (const s of [change.fromStatus, change.toStatus]) {
    const q = s === null ? null : queueOfStatus(s);
    if (q !== null) out.add(q);
  }
  if (APPROVAL_ACTIONS.has(change.action)) out.add('approvals');
  // An overdue case that changes status may leave the overdue list; a new case cannot be overdue.
  const moved = change.fromStatus !== null && change.fromStatus !== change.toStatus;
  if (TIMER_ACTIONS.has(change.action) || moved) out.add('overdue');
  return [...out];
}
