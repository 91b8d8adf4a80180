import type {
  Case,
  CaseEvent,
  CaseStatus,
  GeoPolygon,
  LinkedReport,
  PendingRequest,
  StepDeadline,
  StepName,
} from '../domain/cases/index.ts';
import { SYSTEM_USER_ID, activeStep, STEP_NAMES } from '../domain/cases/index.ts';
import { timerStateAt, type TimerState } from '../domain/deadlines/index.ts';
import type { Row } from './db.ts';

/** Row ⇄ domain mapping for `cases` and `case_events` (dates inside jsonb travel as ISO text). */

export type CaseRow = Row & {
  id: string;
  case_number: string;
  district_code: string;
  source: Case['source'];
  kind: Case['kind'];
  category_scheme: string;
  category_code: string;
  urgency: Case['urgency'];
  lng: number;
  lat: number;
  polygon: GeoPolygon | null;
  grid_code: string | null;
  community_code: string | null;
  street_code: string | null;
  address: string;
  description: string;
  photo_ids: string[];
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  external_ref: string | null;
  origin_client_id: string | null;
  linked_reports: StoredLinkedReport[];
  loop_level: Case['loopLevel'];
  status: CaseStatus;
  main_unit_id: string | null;
  assisting_unit_ids: string[];
  worked_unit_ids: string[];
  sent_back_unit_ids: string[];
  assist_feedback_unit_ids: string[];
  dispatch_rule_id: string | null;
  responsible_unit_id: string | null;
  deadlines: Partial<Record<StepName, StoredDeadline>>;
  pending_request: StoredRequest | null;
  rework_count: number;
  send_back_count: number;
  extension_count: number;
  urge_count: number;
  reopen_count: number;
  satisfaction: number | null;
  merged_into: string | null;
  self_handled: boolean;
  handle_first: boolean;
  spot_checked: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

type StoredDeadline = {
  step: StepName;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  pausedAt?: string;
  pausedWorkingMs: number;
  extendedMs?: number;
};
type StoredRequest = Omit<PendingRequest, 'requestedAt' | 'requestedDueAt'> & {
  requestedAt: string;
  requestedDueAt?: string;
};
type StoredLinkedReport = Omit<LinkedReport, 'linkedAt'> & { linkedAt: string };

export const CASE_COLUMNS = `id, case_number, district_code, source, kind, category_scheme,
  category_code, urgency, lng, lat, polygon, grid_code, community_code, street_code, address,
  description, photo_ids, reporter_name, reporter_phone, linked_reports, loop_level, status,
  main_unit_id, assisting_unit_ids, worked_unit_ids, sent_back_unit_ids, assist_feedback_unit_ids,
  dispatch_rule_id, responsible_unit_id, deadlines,
  pending_request, rework_count, send_back_count, extension_count, urge_count, reopen_count,
  satisfaction, merged_into, self_handled, handle_first, spot_checked, version, created_at,
  updated_at, external_ref, origin_client_id, reporter_email`;

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function toDeadline(d: StoredDeadline): StepDeadline {
  return {
    step: d.step,
    startedAt: new Date(d.startedAt),
    dueAt: new Date(d.dueAt),
    warnAt: new Date(d.warnAt),
    ...(d.pausedAt !== undefined ? { pausedAt: new Date(d.pausedAt) } : {}),
    pausedWorkingMs: d.pausedWorkingMs,
    ...(d.extendedMs !== undefined ? { extendedMs: d.extendedMs } : {}),
  };
}

function fromDeadline(d: StepDeadline): StoredDeadline {
  return {
    step: d.step,
    startedAt: d.startedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    warnAt: d.warnAt.toISOString(),
    ...(d.pausedAt !== undefined ? { pausedAt: d.pausedAt.toISOString() } : {}),
    pausedWorkingMs: d.pausedWorkingMs,
    ...(d.extendedMs !== undefined ? { extendedMs: d.extendedMs } : {}),
  };
}

function toRequest(req: StoredRequest): PendingRequest {
  const { requestedDueAt, ...rest } = req;
  return {
    ...rest,
    requestedAt: new Date(req.requestedAt),
    ...(requestedDueAt !== undefined ? { requestedDueAt: new Date(requestedDueAt) } : {}),
  };
}

export function toCase(r: CaseRow): Case {
  const deadlines: { [S in StepName]?: StepDeadline } = {};
  for (const step of STEP_NAMES) {
    const d = r.deadlines[step];
    if (d) deadlines[step] = toDeadline(d);
  }
  const req = r.pending_request;
  return {
    id: r.id,
    caseNumber: r.case_number,
    source: r.source,
    kind: r.kind,
    categoryCode: r.category_code,
    categoryScheme: r.category_scheme,
    urgency: r.urgency,
    location: {
      point: { lng: r.lng, lat: r.lat },
      ...(r.polygon ? { polygon: r.polygon } : {}),
    },
    gridCode: r.grid_code,
    communityCode: r.community_code,
    streetCode: r.street_code,
    districtCode: r.district_code,
    address: r.address,
    description: r.description,
    photoIds: r.photo_ids,
    externalRef: r.external_ref,
    originClientId: r.origin_client_id,
    reporter: {
      ...(r.reporter_name !== null ? { name: r.reporter_name } : {}),
      ...(r.reporter_phone !== null ? { phone: r.reporter_phone } : {}),
      ...(r.reporter_email !== null && r.reporter_email !== undefined
        ? { email: r.reporter_email }
        : {}),
    },
    linkedReports: r.linked_reports.map((l) => ({ ...l, linkedAt: new Date(l.linkedAt) })),
    loopLevel: r.loop_level,
    status: r.status,
    mainUnitId: r.main_unit_id,
    assistingUnitIds: r.assisting_unit_ids,
    workedUnitIds: r.worked_unit_ids,
    sentBackUnitIds: r.sent_back_unit_ids,
    assistFeedbackUnitIds: r.assist_feedback_unit_ids,
    dispatchRuleId: r.dispatch_rule_id,
    responsibleUnitId: r.responsible_unit_id,
    deadlines,
    pendingRequest: req ? toRequest(req) : null,
    counters: {
      reworkCount: r.rework_count,
      sendBackCount: r.send_back_count,
      extensionCount: r.extension_count,
      urgeCount: r.urge_count,
      reopenCount: r.reopen_count,
    },
    satisfaction: r.satisfaction,
    mergedInto: r.merged_into,
    selfHandled: r.self_handled,
    handleFirst: r.handle_first,
    spotChecked: r.spot_checked,
    version: r.version,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

/** The running step's timer as the indexed columns the deadline sweep reads. */
function activeTimerOf(
  c: Case,
  now: Date,
): {
  step: StepName | null;
  dueAt: Date | null;
  warnAt: Date | null;
  pausedAt: Date | null;
  state: TimerState | null;
} {
  const step = activeStep(c.status);
  const d = step === null ? undefined : c.deadlines[step];
  if (step === null || d === undefined) {
    return { step: null, dueAt: null, warnAt: null, pausedAt: null, state: null };
  }
  const state = timerStateAt(
    d.dueAt.getTime(),
    d.warnAt.getTime(),
    d.pausedAt !== undefined,
    now.getTime(),
  );
  return { step, dueAt: d.dueAt, warnAt: d.warnAt, pausedAt: d.pausedAt ?? null, state };
}

/** The parameters of an INSERT or UPDATE of every projected column, in CASE_PARAMS order. */
export function caseParams(c: Case, now: Date): unknown[] {
  const timer = activeTimerOf(c, now);
  const deadlines = Object.fromEntries(
    Object.entries(c.deadlines).map(([k, d]) => [k, fromDeadline(d)]),
  );
  const req = c.pendingRequest;
  return [
    c.id,
    c.caseNumber,
    c.districtCode,
    c.source,
    c.kind,
    c.categoryScheme,
    c.categoryCode,
    c.urgency,
    c.location.point.lng,
    c.location.point.lat,
    c.location.polygon ? JSON.stringify(c.location.polygon) : null,
    c.gridCode,
    c.communityCode,
    c.streetCode,
    c.address,
    c.description,
    c.photoIds,
    c.reporter.name ?? null,
    c.reporter.phone ?? null,
    JSON.stringify(c.linkedReports.map((l) => ({ ...l, linkedAt: l.linkedAt.toISOString() }))),
    c.loopLevel,
    c.status,
    c.mainUnitId,
    c.assistingUnitIds,
    c.workedUnitIds,
    c.sentBackUnitIds,
    c.assistFeedbackUnitIds,
    c.dispatchRuleId,
    c.responsibleUnitId,
    JSON.stringify(deadlines),
    timer.step,
    timer.dueAt,
    timer.warnAt,
    timer.pausedAt,
    timer.state,
    req
      ? JSON.stringify({
          ...req,
          requestedAt: req.requestedAt.toISOString(),
          ...(req.requestedDueAt ? { requestedDueAt: req.requestedDueAt.toISOString() } : {}),
        })
      : null,
    req?.kind ?? null,
    c.counters.reworkCount,
    c.counters.sendBackCount,
    c.counters.extensionCount,
    c.counters.urgeCount,
    c.counters.reopenCount,
    c.satisfaction,
    c.mergedInto,
    c.selfHandled,
    c.handleFirst,
    c.spotChecked,
    c.version,
    c.createdAt,
    c.updatedAt,
    closedAtCandidate(c),
    c.externalRef,
    c.originClientId,
    c.reporter.email ?? null,
  ];
}

/**
 * 结案时间 as this write proposes it: the case is closed (or evaluated) now, else null. An
 * UPDATE keeps the time already stored (evaluation and spot checks do not move it), see
 * `CLOSED_AT_UPDATE`.
 */
function closedAtCandidate(c: Case): Date | null {
  return c.status === 'closed' || c.status === 'evaluated' ? c.updatedAt : null;
}

/** The SET expression of `closed_at` for the parameter `$n` of `closedAtCandidate`. */
export const CLOSED_AT_UPDATE = (n: number): string =>
  `closed_at = CASE WHEN $${n}::timestamptz IS NULL THEN NULL ELSE coalesce(closed_at, $${n}::timestamptz) END`;

/** Column names in the order of `caseParams`, with the casts each parameter needs. */
export const CASE_PARAMS: readonly (readonly [string, string])[] = [
  ['id', ''],
  ['case_number', ''],
  ['district_code', ''],
  ['source', ''],
  ['kind', ''],
  ['category_scheme', ''],
  ['category_code', ''],
  ['urgency', ''],
  ['lng', '::double precision'],
  ['lat', '::double precision'],
  ['polygon', '::jsonb'],
  ['grid_code', ''],
  ['community_code', ''],
  ['street_code', ''],
  ['address', ''],
  ['description', ''],
  ['photo_ids', '::text[]'],
  ['reporter_name', ''],
  ['reporter_phone', ''],
  ['linked_reports', '::jsonb'],
  ['loop_level', ''],
  ['status', ''],
  ['main_unit_id', ''],
  ['assisting_unit_ids', '::text[]'],
  ['worked_unit_ids', '::text[]'],
  ['sent_back_unit_ids', '::text[]'],
  ['assist_feedback_unit_ids', '::text[]'],
  ['dispatch_rule_id', ''],
  ['responsible_unit_id', ''],
  ['deadlines', '::jsonb'],
  ['active_step', ''],
  ['due_at', '::timestamptz'],
  ['warn_at', '::timestamptz'],
  ['paused_at', '::timestamptz'],
  ['timer_state', ''],
  ['pending_request', '::jsonb'],
  ['pending_request_kind', ''],
  ['rework_count', '::integer'],
  ['send_back_count', '::integer'],
  ['extension_count', '::integer'],
  ['urge_count', '::integer'],
  ['reopen_count', '::integer'],
  ['satisfaction', '::smallint'],
  ['merged_into', ''],
  ['self_handled', '::boolean'],
  ['handle_first', '::boolean'],
  ['spot_checked', '::boolean'],
  ['version', '::integer'],
  ['created_at', '::timestamptz'],
  ['updated_at', '::timestamptz'],
  ['closed_at', '::timestamptz'],
  ['external_ref', ''],
  ['origin_client_id', ''],
  ['reporter_email', ''],
];

export type CaseEventRow = Row & {
  id: number | string;
  case_id: string;
  district_code: string;
  version: number;
  action: CaseEvent['action'];
  actor_user_id: string;
  actor_role: CaseEvent['actor']['role'];
  actor_unit_id: string | null;
  actor_district_code: string;
  actor_scope: 'city' | 'district' | null;
  at: Date;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  payload: Record<string, unknown>;
};

export const EVENT_COLUMNS = `id, case_id, district_code, version, action, actor_user_id,
  actor_role, actor_unit_id, actor_district_code, actor_scope, at, from_status, to_status, payload`;

export function toCaseEvent(r: CaseEventRow): CaseEvent {
  return {
    id: String(r.id),
    caseId: r.case_id,
    districtCode: r.district_code,
    seq: r.version,
    action: r.action,
    actor:
      r.actor_role === 'system'
        ? { userId: SYSTEM_USER_ID, role: 'system', districtCode: r.actor_district_code }
        : {
            userId: r.actor_user_id,
            role: r.actor_role,
            districtCode: r.actor_district_code,
            ...(r.actor_unit_id !== null ? { unitId: r.actor_unit_id } : {}),
            ...(r.actor_scope !== null ? { scope: r.actor_scope } : {}),
          },
    at: date(r.at),
    fromStatus: r.from_status,
    toStatus: r.to_status,
    payload: r.payload,
  };
}
