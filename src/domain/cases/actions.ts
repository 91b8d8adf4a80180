/**
 * The action types and names, declared in declarations.ts (one entry per action) and re-exported
 * here for the module's callers.
 */
export type { ActionOf, CaseAction, CaseActionKind } from './declarations.ts';
export { ACTION_LABELS, CASE_ACTION_KINDS } from './declarations.ts';
import type { ActionOf } from './declarations.ts';

/** The actions that create a case. */
export type OpeningAction = ActionOf<'report' | 'register' | 'direct_dispatch' | 'self_handle'>;
