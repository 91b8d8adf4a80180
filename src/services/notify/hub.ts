import { canSee, type Principal } from '../../domain/access/index.ts';
import type { CaseStatus } from '../../domain/cases/index.ts';
import type { CaseSight, OutboxChange } from '../../store/case-outbox.store.ts';
import { loopLevelsFor, type CaseQueue } from '../cases/read-cases.ts';
import type { Deps } from '../deps.ts';
import { CHANGE_FEED, type FeedSubscription } from './change-feed.ts';
import { queueOfStatus, queuesAffected } from './queues.ts';

/**
 * What a queue stream sends one subscriber for one committed case change. `position` is the
 * change's place in the outbox (the SSE id: reconnect with it as Last-Event-ID to resume).
 * `left` and `entered` are the subscriber's own queues the case left and entered ("all" is the
 * whole scope): a unit whose case was sent back, re-dispatched or cancelled gets the case with
 * `left: ['all', 'to_handle']` and `visible: false`, and drops it from its lists.
 */
export type QueueNotice = {
  readonly position: number;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly districtCode: string;
  readonly action: string;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus;
  readonly version: number;
  readonly at: string;
  /** every queue the change touched (the one the case left, the one it entered, ...) */
  readonly queues: readonly CaseQueue[];
  /** the subscriber's queues the case left */
  readonly left: readonly CaseQueue[];
  /** the subscriber's queues the case entered */
  readonly entered: readonly CaseQueue[];
  /** whether the subscriber still sees the case after the change */
  readonly visible: boolean;
};

const sees = (p: Principal, districtCode: string, s: CaseSight): boolean =>
  canSee(p, {
    districtCode,
    regionCodes: [s.streetCode, s.communityCode, s.gridCode].filter((x): x is string => x !== null),
    unitIds: s.unitIds,
  });

/** The principal's queues (read-cases) that hold a case in this status at this loop level. */
function queuesHolding(p: Principal, status: CaseStatus, s: CaseSight): CaseQueue[] {
  const out: CaseQueue[] = ['all'];
  const q = queueOfStatus(status);
  const levels = q === null ? undefined : loopLevelsFor(p, q);
  if (q !== null && (levels === undefined || levels.includes(s.loopLevel))) out.push(q);
  return out;
}

/**
 * The notice one change makes for one subscriber, or null when the subscriber saw the case
 * neither before nor after it. Who saw it before is the case's previous outbox row; a case
 * whose history began before the outbox had its units unchanged by assumption.
 */
export function noticeFor(p: Principal, c: OutboxChange): QueueNotice | null {
  const after = sees(p, c.districtCode, c.sight);
  const beforeSight = c.before ?? (c.fromStatus === null ? null : c.sight);
  const before = beforeSight !== null && sees(p, c.districtCode, beforeSight);
  if (!before && !after) return null;
  const was =
    before && beforeSight !== null && c.fromStatus !== null
      ? queuesHolding(p, c.fromStatus, beforeSight)
      : [];
  const is = after ? queuesHolding(p, c.toStatus, c.sight) : [];
  return {
    position: c.position,
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    districtCode: c.districtCode,
    action: c.action,
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    version: c.version,
    at: c.at.toISOString(),
    queues: queuesAffected(c),
    left: was.filter((q) => !is.includes(q)),
    entered: is.filter((q) => !was.includes(q)),
    visible: after,
  };
}

/**
 * Queue notices for one signed-in user: every committed case change of the database (this copy's
 * and every other copy's, read from the outbox in commit order) that the user saw before or
 * sees after it, from after `after` (Last-Event-ID) or from now. `reset` says that `after` could
 * not be resumed (too old or unknown): the stream starts from now and the client must reload.
 */
export function subscribeQueueNotices(
  deps: Deps,
  principal: Principal,
  after: number | null,
  send: (n: QueueNotice) => void,
): Promise<FeedSubscription> {
  return deps.runtime.get(CHANGE_FEED, deps).subscribe(after, (changes) => {
    for (const c of changes) {
      const n = noticeFor(principal, c);
      if (n !== null) send(n);
    }
  });
}
