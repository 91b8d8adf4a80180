import { isCityLevel, scopeFilter, type Principal } from '../../domain/access/index.ts';
import {
  approverRoles,
  type Case,
  type CaseEvent,
  type CaseStatus,
  type LoopLevel,
} from '../../domain/cases/index.ts';
import { assertNever, err, ok, type Result } from '../../domain/shared/index.ts';
import { listCaseEvents } from '../../store/case-events.store.ts';
import { findCase, listCases, type CaseListFilter } from '../../store/cases.store.ts';
import type { Deps } from '../deps.ts';
import { mayRead } from './actor.ts';
import type { CaseLookupError } from './errors.ts';

/** One case the principal may see; outside their scope it does not exist for them. */
export async function getCase(
  deps: Deps,
  principal: Principal,
  caseId: string,
): Promise<Result<Case, CaseLookupError>> {
  const c = await findCase(deps.db, caseId);
  return c && mayRead(principal, c) ? ok(c) : err({ code: 'case.not_found', details: { caseId } });
}

/** A case with its whole history (one event per action, versions 1..n), in one call. */
export async function getCaseHistory(
  deps: Deps,
  principal: Principal,
  caseId: string,
): Promise<Result<{ case: Case; events: CaseEvent[] }, CaseLookupError>> {
  const c = await getCase(deps, principal, caseId);
  if (!c.ok) return c;
  return ok({ case: c.value, events: await listCaseEvents(deps.db, c.value.districtCode, caseId) });
}

/**
 * Per-role work queues (待核实, 待立案, 待派遣, 待处置, 待核查, 待结案, 待审批, 超期), and
 * `handled` (本单位经办): every case the principal's unit was ever sent to, wherever it is now
 * (empty for roles without a unit).
 */
export const CASE_QUEUES = [
  'all',
  'to_verify',
  'to_file',
  'to_dispatch',
  'to_handle',
  'to_recheck',
  'to_close',
  'approvals',
  'overdue',
  'handled',
] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];

export type ListQueueInput = {
  readonly queue: CaseQueue;
  readonly status?: CaseStatus | undefined;
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
};

export type CasePage = {
  readonly items: Case[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
};

const REQUEST_KINDS = ['extension', 'hold', 'cancel'] as const;

/**
 * The requests in a principal's approvals queue: those their role answers (as the approving
 * actions' declarations say); a role that answers none sees every pending request in its scope.
 */
function approvalKinds(p: Principal): ('extension' | 'hold' | 'cancel')[] {
  const answered = REQUEST_KINDS.filter((k) => approverRoles(k).includes(p.role));
  return answered.length > 0 && p.role !== 'admin' ? answered : [...REQUEST_KINDS];
}

function queueFilter(
  p: Principal,
  queue: CaseQueue,
  now: Date,
): Pick<CaseListFilter, 'statuses' | 'pendingRequestKinds' | 'overdueAt' | 'workedUnitIds'> {
  switch (queue) {
    case 'all':
      return {};
    case 'to_verify':
      return { statuses: ['pending_verification'] };
    case 'to_file':
      return { statuses: ['pending_filing'] };
    case 'to_dispatch':
      return { statuses: ['pending_dispatch'] };
    case 'to_handle':
      return { statuses: ['dispatched', 'handling', 'on_hold'] };
    case 'to_recheck':
      return { statuses: ['pending_recheck'] };
    case 'to_close':
      return { statuses: ['pending_close'] };
    case 'approvals':
      return { pendingRequestKinds: approvalKinds(p) };
    case 'overdue':
      return { overdueAt: now };
    case 'handled':
      return { workedUnitIds: p.unitId !== undefined ? [p.unitId] : [] };
    default:
      return assertNever(queue);
  }
}

// A work queue holds what the principal may act on: city staff work the city loop, district
// staff the other loops (domain/cases scope). Overdue and "all" lists show the whole scope.
function loopLevelsFor(p: Principal, queue: CaseQueue): LoopLevel[] | undefined {
  if (queue === 'all' || queue === 'overdue' || queue === 'handled') return undefined;
  if (p.role === 'unit_handler' || p.role === 'admin') return undefined;
  return isCityLevel(p) ? ['city'] : ['district', 'street', 'community'];
}

function currentUnitsFor(p: Principal, queue: CaseQueue): string[] | undefined {
  if (p.role !== 'unit_handler' || queue === 'all' || queue === 'handled') return undefined;
  return p.unitId !== undefined ? [p.unitId] : [];
}

/**
 * A page of one queue for the principal, region scope applied in SQL (district/street/grid
 * prefixes, or the units a case was sent to), oldest deadline first.
 */
export async function listQueue(
  deps: Deps,
  principal: Principal,
  input: ListQueueInput,
): Promise<CasePage> {
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, input.pageSize ?? 50));
  const q = queueFilter(principal, input.queue, deps.clock.now());
  const statuses = input.status
    ? (q.statuses ?? [input.status]).filter((s) => s === input.status)
    : q.statuses;
  const r = await listCases(deps.db, {
    scope: scopeFilter(principal),
    ...q,
    statuses,
    loopLevels: loopLevelsFor(principal, input.queue),
    // A unit's work queues hold what is with it now; its read scope also covers past cases.
    unitIds: currentUnitsFor(principal, input.queue),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { ...r, page, pageSize };
}
