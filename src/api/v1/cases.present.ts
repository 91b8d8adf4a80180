import { mayReadPersonal, mayReadPhoneOf, type Principal } from '../../domain/access/index.ts';
import {
  ACTIONS,
  TRANSITIONS,
  type CaseActionKind,
  eventLabel,
  STATUS_LABELS,
  STEP_NAMES,
  activeStep,
  maskEmail,
  maskPhone,
  type Case,
  type CaseEvent,
  type Reporter,
} from '../../domain/cases/index.ts';
import { timerStateAt } from '../../domain/deadlines/index.ts';

/** Who reads the case decides whether the reporter's phone is shown in full. */
export type Viewer = { readonly principal: Principal; readonly now: Date };

/** The reporter of a report that came in by `source` (a hotline caller's phone: the hotline's alone). */
function presentReporter(r: Reporter, source: string, v: Viewer) {
  const phone = r.phone ?? null;
  return {
    name: r.name ?? null,
    phone: phone === null || mayReadPhoneOf(v.principal.role, source) ? phone : maskPhone(phone),
    ...(r.email === undefined
      ? {}
      : {
          email: mayReadPersonal(v.principal.role, 'reporter_email') ? r.email : maskEmail(r.email),
        }),
  };
}

function presentTimer(c: Case, now: Date) {
  const step = activeStep(c.status);
  const d = step === null ? undefined : c.deadlines[step];
  if (step === null || d === undefined) return null;
  const state = timerStateAt(
    d.dueAt.getTime(),
    d.warnAt.getTime(),
    d.pausedAt !== undefined,
    now.getTime(),
  );
  return { step, dueAt: d.dueAt.toISOString(), warnAt: d.warnAt.toISOString(), state };
}

/** The public fields of a case, the reporter's phone masked for roles that do not call back. */
export function presentCase(c: Case, v: Viewer) {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    source: c.source,
    externalRef: c.externalRef,
    originClientId: c.originClientId,
    kind: c.kind,
    category: { scheme: c.categoryScheme, code: c.categoryCode },
    urgency: c.urgency,
    location: {
      lng: c.location.point.lng,
      lat: c.location.point.lat,
      polygon: c.location.polygon ?? null,
    },
    districtCode: c.districtCode,
    streetCode: c.streetCode,
    communityCode: c.communityCode,
    gridCode: c.gridCode,
    address: c.address,
    description: c.description,
    photoIds: [...c.photoIds],
    reporter: presentReporter(c.reporter, c.source, v),
    linkedReports: c.linkedReports.map((l) => ({
      caseId: l.caseId,
      caseNumber: l.caseNumber,
      source: l.source,
      reporter: presentReporter(l.reporter, l.source, v),
      linkedAt: l.linkedAt.toISOString(),
    })),
    loopLevel: c.loopLevel,
    mainUnitId: c.mainUnitId,
    assistingUnitIds: [...c.assistingUnitIds],
    workedUnitIds: [...c.workedUnitIds],
    sentBackUnitIds: [...c.sentBackUnitIds],
    assistFeedbackUnitIds: [...c.assistFeedbackUnitIds],
    dispatchRuleId: c.dispatchRuleId,
    responsibleUnitId: c.responsibleUnitId,
    timer: presentTimer(c, v.now),
    deadlines: STEP_NAMES.flatMap((s) => {
      const d = c.deadlines[s];
      return d === undefined
        ? []
        : [
            {
              step: s,
              startedAt: d.startedAt.toISOString(),
              dueAt: d.dueAt.toISOString(),
              warnAt: d.warnAt.toISOString(),
              pausedAt: d.pausedAt?.toISOString() ?? null,
              pausedWorkingMs: d.pausedWorkingMs,
            },
          ];
    }),
    pendingRequest: c.pendingRequest
      ? {
          ...c.pendingRequest,
          requestedAt: c.pendingRequest.requestedAt.toISOString(),
          requestedDueAt: c.pendingRequest.requestedDueAt?.toISOString() ?? null,
        }
      : null,
    counters: { ...c.counters },
    satisfaction: c.satisfaction,
    mergedInto: c.mergedInto,
    selfHandled: c.selfHandled,
    handleFirst: c.handleFirst,
    spotChecked: c.spotChecked,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

// A merge event carries the duplicate's reporter: mask it like the case's own.
function presentPayload(p: Readonly<Record<string, unknown>>, v: Viewer) {
  const reporter = p.reporter as Reporter | undefined;
  if (reporter === undefined || typeof reporter !== 'object') return { ...p };
  const source = typeof p.source === 'string' ? p.source : '';
  return { ...p, reporter: presentReporter(reporter, source, v) };
}

/** Role names as the centre says them; `system` is the deadline sweep. */
const ROLE_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  supervisor: { zh: '监督员', en: 'supervisor' },
  city_supervisor: { zh: '市级监督员', en: 'city supervisor' },
  acceptance_operator: { zh: '受理员', en: 'acceptance operator' },
  dispatcher: { zh: '派遣员', en: 'dispatcher' },
  unit_handler: { zh: '处置单位人员', en: 'unit handler' },
  commander: { zh: '值班长', en: 'commander' },
  hotline_agent: { zh: '热线坐席', en: 'hotline agent' },
  admin: { zh: '系统管理员', en: 'administrator' },
  system: { zh: '系统', en: 'system' },
  channel: { zh: '接入渠道', en: 'channel client' },
};

/**
 * One history entry. `actorName` comes with a read of the history (the user's display name);
 * an action's own answer carries the caller's name from the session when given.
 */
export function presentCaseEvent(e: CaseEvent & { readonly actorName?: string | null }, v: Viewer) {
  return {
    id: e.id,
    version: e.seq,
    action: e.action,
    // Workflow actions and the sweep's timer events (timer_warning / timer_overdue) alike.
    actionLabel: eventLabel(e.action),
    actor: {
      userId: e.actor.userId,
      name: e.actorName ?? null,
      role: e.actor.role,
      roleLabel: ROLE_LABELS[e.actor.role] ?? { zh: e.actor.role, en: e.actor.role },
      districtCode: e.actor.districtCode,
      unitId: e.actor.unitId ?? null,
    },
    at: e.at.toISOString(),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    payload: presentPayload(e.payload, v),
  };
}

/** An action's declaration as the API serves it (and the OpenAPI document repeats it). */
export function presentCaseAction(kind: CaseActionKind) {
  const d = ACTIONS[kind];
  const reach: 'opening' | 'command' | 'internal' =
    typeof d.reach === 'object' ? 'command' : d.reach;
  const path =
    typeof d.reach === 'object'
      ? `/api/v1/cases/{id}/${d.reach.command}`
      : d.reach === 'opening'
        ? '/api/v1/cases'
        : null;
  return {
    action: kind,
    label: d.label,
    capability: d.capability,
    roles: [...d.roles],
    rows: TRANSITIONS.filter((r) => r.action === kind).map((r) => ({
      from: r.from,
      to: r.to,
      guard: r.guard?.id ?? null,
    })),
    reach: reach,
    method: path === null ? null : ('POST' as const),
    path,
    needsApproval: d.approval !== undefined && !d.approval.answers,
    approval: d.approval ? { request: d.approval.request, answers: d.approval.answers } : null,
    startsStep: d.startsStep ?? null,
  };
}
