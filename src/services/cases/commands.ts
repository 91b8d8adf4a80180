import type { TimeLimit } from '../../domain/catalogue/index.ts';
import type { ActionOf, CaseAction, CaseActionKind } from '../../domain/cases/index.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Fields the service computes itself: deadlines, paused time, the merge target's number. */
type Computed =
  | 'deadline'
  | 'pausedWorkingMs'
  | 'expectedVersion'
  | 'targetCaseNumber'
  | 'units'
  | 'target'
  | 'maxDueAt';

/** Actions that open a case (reportCase) or happen only inside another action (merge). */
type NotACommand = 'report' | 'register' | 'self_handle' | 'absorb_duplicate' | 'approve_extension';

/**
 * A workflow action as a caller asks for it: the domain action without the fields the service
 * computes. `approve_extension` may name the extra time (default: the category's limit again).
 */
export type CaseCommand =
  | DistributiveOmit<Exclude<CaseAction, ActionOf<NotACommand>>, Computed>
  | { readonly kind: 'approve_extension'; readonly note?: string; readonly extra?: TimeLimit };

export type CaseCommandKind = Exclude<CaseActionKind, Exclude<NotACommand, 'approve_extension'>>;

/** Every action a caller may ask for on an existing case, in table order. */
export const CASE_COMMAND_KINDS: readonly CaseCommandKind[] = [
  'verify',
  'file',
  'refuse_filing',
  'dispatch',
  'redispatch',
  'handle_first',
  'accept',
  'send_back',
  'feedback',
  'recheck_pass',
  'rework',
  'close',
  'evaluate',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'request_hold',
  'approve_hold',
  'reject_hold',
  'resume',
  'request_cancel',
  'approve_cancel',
  'reject_cancel',
  'urge',
  'add_assisting_units',
  'assist_feedback',
  'settle_responsibility',
  'merge',
  'spot_check_pass',
  'reopen',
];
