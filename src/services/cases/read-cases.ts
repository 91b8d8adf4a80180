import { isCityLevel, scopeFilter, type Principal } from '../../domain/access/index.ts';
import {
  approverRoles,
  type Case,
  type CaseStatus,
  type LoopLevel,
  type SourceChannel,
  type Urgency,
} from '../../domain/cases/index.ts';
import { assertNever, err, ok, type Result } from '../../domain/shared/index.ts';
import { listCaseEvents, type CaseHistoryEvent } from '../../store/case-events.store.ts';
import {
  indexedText,
  listCases,
  type CaseListFilter,
  type CaseListPosition,
  type CaseSort,
} from '../../store/case-list.store.ts';
import { findCase } from '../../store/cases.store.ts';
import type { Deps } from '../deps.ts';
import { mayRead } from './actor.ts';
import type { CaseListError, CaseLookupError } from './errors.ts';

/**
 * The districts a principal's region scope lies in (district, street, community or grid codes
 * all start with their district's six digits); undefined when it spans the city or is by unit.
 */
function scopeDistricts(p: Principal): string[] | undefined {
  const f = scopeFilter(p);
  if (f.kind !== 'regions' || f.prefixes.some((x) => x.length < 6)) return undefined;
  return [...new Set(f.prefixes.map((x) => x.slice(0, 6)))];
}

/** One case the principal may see; outside their scope it does not exist for them. */
export async function getCase(
  deps: Deps,
  principal: Principal,
  caseId: string,
): Promise<Result<Case, CaseLookupError>> {
  const c = await findCase(deps.db, caseId, scopeDistricts(principal));
  return c && mayRead(principal, c) ? ok(c) : err({ code: 'case.not_found', details: { caseId } });
}

/**
 * A case with its whole history (one event per action, versions 1..n), in one call; each event
 * with the name of the user who acted (the role is the one they acted in).
 */
export async function getCaseHistory(
  deps: Deps,
  principal: Principal,
  caseId: string,
): Promise<Result<{ case: Case; events: CaseHistoryEvent[] }, CaseLookupError>> {
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

/** What GET /cases may filter by (already bounded by the route's schema). */
export type ListQueueInput = {
  readonly queue: CaseQueue;
  readonly status?: CaseStatus | undefined;
  readonly district?: string | undefined;
  readonly street?: string | undefined;
  readonly community?: string | undefined;
  readonly grid?: string | undefined;
  readonly source?: SourceChannel | undefined;
  readonly category?: string | undefined;
  readonly unit?: string | undefined;
  readonly urgency?: Urgency | undefined;
  readonly reportedFrom?: Date | undefined;
  readonly reportedTo?: Date | undefined;
  readonly closedFrom?: Date | undefined;
  readonly closedTo?: Date | undefined;
  readonly overdue?: boolean | undefined;
  readonly caseNumber?: string | undefined;
  readonly trackingCode?: string | undefined;
  readonly text?: string | undefined;
  readonly cursor?: string | undefined;
  readonly pageSize?: number | undefined;
};

export type CasePage = {
  readonly items: Case[];
  readonly pageSize: number;
  /** opaque; null on the last page */
  readonly nextCursor: string | null;
  /** matches, on the first page (no cursor); null on later pages */
  readonly total: number | null;
  /** true: `total` was counted; false: it is the database's estimate (more than 1,000 match) */
  readonly totalExact: boolean | null;
};

// Cursor: base64url of `r|<created µs>|<id>` (list order) or `d|<due µs or ->|<created µs>|<id>`.
const MICROS = /^-?[0-9]{1,17}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

/** The opaque cursor the API hands out for a position. */
export function encodeCursor(p: CaseListPosition): string {
  const text =
    p.sort === 'reported_desc'
      ? `r|${p.createdUs}|${p.id}`
      : `d|${p.dueUs ?? '-'}|${p.createdUs}|${p.id}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The position a cursor names, for a list in `sort` order; an error for anything else. */
export function decodeCursor(
  cursor: string,
  sort: CaseSort,
): Result<CaseListPosition, CaseListError> {
  const bad = (reason: string) => err({ code: 'case.bad_cursor' as const, details: { reason } });
  if (!CURSOR.test(cursor)) return bad('not a cursor of this list');
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [kind] = parts;
  const want = sort === 'reported_desc' ? 'r' : 'd';
  if (kind !== 'r' && kind !== 'd') return bad('not a cursor of this list');
  if (kind !== want) return bad('the cursor belongs to another queue');
  if (kind === 'r') {
    const [, created, id] = parts;
    if (parts.length !== 3 || !MICROS.test(created ?? '') || !validId(id)) {
      return bad('not a cursor of this list');
    }
    return ok({ sort: 'reported_desc', createdUs: created as string, id: id as string });
  }
  const [, due, created, id] = parts;
  if (
    parts.length !== 4 ||
    (due !== '-' && !MICROS.test(due ?? '')) ||
    !MICROS.test(created ?? '') ||
    !validId(id)
  ) {
    return bad('not a cursor of this list');
  }
  return ok({
    sort: 'due_asc',
    dueUs: due === '-' ? null : (due as string),
    createdUs: created as string,
    id: id as string,
  });
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const validId = (id: string | undefined): boolean => id !== undefined && ID.test(id);

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
export function loopLevelsFor(p: Principal, queue: CaseQueue): LoopLevel[] | undefined {
  if (queue === 'all' || queue === 'overdue' || queue === 'handled') return undefined;
  if (p.role === 'unit_handler' || p.role === 'admin') return undefined;
  return isCityLevel(p) ? ['city'] : ['district', 'street', 'community'];
}

/** Work queues list the oldest deadline first; "all" (the case list) the newest report first. */
export const sortOfQueue = (q: CaseQueue): CaseSort =>
  q === 'all' || q === 'handled' ? 'reported_desc' : 'due_asc';

function checkRange(
  field: string,
  from: Date | undefined,
  to: Date | undefined,
): CaseListError | null {
  if (from !== undefined && to !== undefined && from.getTime() >= to.getTime()) {
    return {
      code: 'case.bad_filter',
      details: { field, reason: 'the range ends before it starts' },
    };
  }
  return null;
}

/** The longest reported or closed range that narrows a list enough for a short text. */
export const SHORT_TEXT_MAX_RANGE_DAYS = 31;
const SHORT_TEXT = /[\p{L}\p{N}]{2}/u;

const withinDays = (from: Date | undefined, to: Date | undefined): boolean =>
  from !== undefined &&
  to !== undefined &&
  to.getTime() - from.getTime() <= SHORT_TEXT_MAX_RANGE_DAYS * 86_400_000;

/**
 * True when the list is narrow enough to test each case for a text the trigram index cannot
 * find: a work queue (open cases), a region of a district or smaller, a unit, a category, one
 * case, or a reported or closed range of at most SHORT_TEXT_MAX_RANGE_DAYS, given as a filter or
 * by the principal's own scope.
 */
function narrowsForShortText(p: Principal, input: ListQueueInput): boolean {
  const scope = scopeFilter(p);
  return (
    input.queue !== 'all' ||
    scope.kind === 'units' ||
    (scope.kind === 'regions' && scope.prefixes.every((x) => x.length >= 6)) ||
    [
      input.district,
      input.street,
      input.community,
      input.grid,
      input.unit,
      input.category,
      input.caseNumber,
      input.trackingCode,
    ].some((x) => x !== undefined) ||
    withinDays(input.reportedFrom, input.reportedTo) ||
    withinDays(input.closedFrom, input.closedTo)
  );
}

/**
 * A text of three letters or digits in a row is found through the trigram index. A shorter one
 * (井盖, two characters: many Chinese words) has no trigram, so each case of the list is tested:
 * allowed when the list is narrow (see narrowsForShortText), else refused with what to add.
 */
function checkText(p: Principal, input: ListQueueInput, text: string): CaseListError | null {
  if (indexedText(text)) return null;
  if (!SHORT_TEXT.test(text)) {
    return {
      code: 'case.bad_filter',
      details: { field: 'text', reason: 'needs two letters or digits in a row' },
    };
  }
  if (narrowsForShortText(p, input)) return null;
  return {
    code: 'case.text_needs_narrowing',
    details: {
      field: 'text',
      narrowBy: [
        'district',
        'street',
        'community',
        'grid',
        'unit',
        'category',
        'reportedFrom+reportedTo',
        'closedFrom+closedTo',
      ],
      maxRangeDays: SHORT_TEXT_MAX_RANGE_DAYS,
    },
  };
}

function currentUnitsFor(p: Principal, queue: CaseQueue): string[] | undefined {
  if (p.role !== 'unit_handler' || queue === 'all' || queue === 'handled') return undefined;
  return p.unitId !== undefined ? [p.unitId] : [];
}

/**
 * A page of one queue (or of the whole case list, `all`) for the principal with the filters
 * given, region scope applied in SQL (district/street/grid codes, or the units a case was sent
 * to). Keyset pages: `cursor` is the `nextCursor` of the previous page.
 */
export async function listQueue(
  deps: Deps,
  principal: Principal,
  input: ListQueueInput,
): Promise<Result<CasePage, CaseListError>> {
  const pageSize = Math.min(200, Math.max(1, input.pageSize ?? 50));
  const sort = sortOfQueue(input.queue);
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, sort);
  if (after !== undefined && !after.ok) return after;
  const rangeError =
    checkRange('reportedFrom', input.reportedFrom, input.reportedTo) ??
    checkRange('closedFrom', input.closedFrom, input.closedTo);
  if (rangeError) return err(rangeError);
  const textError = input.text === undefined ? null : checkText(principal, input, input.text);
  if (textError) return err(textError);
  const now = deps.clock.now();
  const q = queueFilter(principal, input.queue, now);
  const statuses = input.status
    ? (q.statuses ?? [input.status]).filter((s) => s === input.status)
    : q.statuses;
  const overdue =
    q.overdueAt !== undefined
      ? { overdueAt: q.overdueAt, overdue: input.overdue === false ? undefined : true }
      : input.overdue !== undefined
        ? { overdueAt: now, overdue: input.overdue }
        : {};
  // The overdue queue asked for its cases that are not overdue: none.
  if (q.overdueAt !== undefined && input.overdue === false) {
    return ok({ items: [], pageSize, nextCursor: null, total: 0, totalExact: true });
  }
  const r = await listCases(deps.db, {
    scope: scopeFilter(principal),
    ...q,
    ...overdue,
    statuses,
    loopLevels: loopLevelsFor(principal, input.queue),
    // A unit's work queues hold what is with it now; its read scope also covers past cases.
    unitIds: input.unit === undefined ? currentUnitsFor(principal, input.queue) : [input.unit],
    districtCode: input.district,
    streetCode: input.street,
    communityCode: input.community,
    gridCode: input.grid,
    source: input.source,
    categoryCode: input.category,
    urgency: input.urgency,
    reportedFrom: input.reportedFrom,
    reportedTo: input.reportedTo,
    closedFrom: input.closedFrom,
    closedTo: input.closedTo,
    caseNumber: input.caseNumber,
    trackingCode: input.trackingCode?.toUpperCase(),
    text: input.text,
    sort,
    after: after?.value,
    limit: pageSize,
    withCount: after === undefined,
  });
  return ok({
    items: r.items,
    pageSize,
    nextCursor: r.next === null ? null : encodeCursor(r.next),
    total: r.count?.value ?? null,
    totalExact: r.count?.exact ?? null,
  });
}
