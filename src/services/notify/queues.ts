import type { CaseStatus } from '../../domain/cases/index.ts';
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

const APPROVAL_ACTIONS = new Set([
  'request_extension',
  'approve_extension',
  'reject_extension',
  'request_hold',
  'approve_hold',
  'reject_hold',
  'request_cancel',
  'approve_cancel',
  'reject_cancel',
]);

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
  if (change.action.startsWith('timer_') || moved) out.add('overdue');
  return [...out];
}
