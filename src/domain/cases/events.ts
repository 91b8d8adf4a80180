import type { CaseActionKind } from './actions.ts';
import type { Actor, CaseStatus } from './case.ts';

/**
 * One entry of a case's append-only history. `seq` equals the case version the event produced
 * (1 for the opening event), so (caseId, seq) is unique. `fromStatus` is null for the opening event.
 */
export type NewCaseEvent = {
  readonly caseId: string;
  readonly districtCode: string;
  readonly seq: number;
  readonly action: CaseActionKind;
  readonly actor: Actor;
  readonly at: Date;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus;
  /** The action's fields (minus `kind`/`expectedVersion`) plus derived facts, JSON-serialisable. */
  readonly payload: Readonly<Record<string, unknown>>;
};

/** A stored event: the store assigns the id. */
export type CaseEvent = NewCaseEvent & { readonly id: string };
