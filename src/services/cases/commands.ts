import type { TimeLimit } from '../../domain/catalogue/index.ts';
import {
  CASE_COMMANDS,
  type ActionOf,
  type CaseAction,
  type CaseActionKind,
} from '../../domain/cases/index.ts';

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

/**
 * Actions that open a case (reportCase) or happen only inside another action (merge): the
 * declarations' `opening` and `internal` actions (a test keeps the two in step).
 */
type NotACommand =
  | 'report'
  | 'register'
  | 'direct_dispatch'
  | 'self_handle'
  | 'absorb_duplicate'
  | 'approve_extension'
  | 'whistle'
  | 'close_whistle'
  | 'hotline_respond'
  | 'hotline_reply'
  | 'hotline_reopen'
  | 'hotline_link_call'
  | 'rate_satisfaction';

/**
 * A workflow action as a caller asks for it: the domain action without the fields the service
 * computes. `approve_extension` may name the extra time (default: the category's limit again).
 */
export type CaseCommand =
  | DistributiveOmit<Exclude<CaseAction, ActionOf<NotACommand>>, Computed>
  | { readonly kind: 'approve_extension'; readonly note?: string; readonly extra?: TimeLimit };

export type CaseCommandKind = Exclude<CaseActionKind, Exclude<NotACommand, 'approve_extension'>>;

/** Every action a caller may ask for on an existing case, in declaration order. */
export const CASE_COMMAND_KINDS = CASE_COMMANDS.map((c) => c.kind) as readonly CaseCommandKind[];

/** The sub-resource path of a command under /cases/{id}, as its declaration names it. */
export function commandPath(kind: CaseCommandKind): string {
  const c = CASE_COMMANDS.find((x) => x.kind === kind);
  if (!c) throw new Error(`${kind} is declared without a command path`);
  return c.path;
}
