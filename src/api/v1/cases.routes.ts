import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { capabilityOf } from '../../services/cases/actor.ts';
import { CASE_COMMAND_KINDS, type CaseCommand } from '../../services/cases/commands.ts';
import type { CaseServiceError } from '../../services/cases/errors.ts';
import { performCaseAction } from '../../services/cases/perform-action.ts';
import { getCaseHistory, getCase, listQueue } from '../../services/cases/read-cases.ts';
import { reportCase } from '../../services/cases/report-case.ts';
import type { CaseListError } from '../../services/cases/errors.ts';
import type { ListQueueInput } from '../../services/cases/read-cases.ts';
import { duplicatesOfCase, duplicateWindowFromEnv } from '../../services/intake/intake.ts';
import { CASE_EXPORT_MAX_ROWS, caseListXlsx } from './cases.export.ts';
import type { Case } from '../../domain/cases/index.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { presentCase, presentCaseAction, presentCaseEvent, type Viewer } from './cases.present.ts';
import {
  ACTION_ROUTES,
  CaseActionResult,
  CaseEventView,
  CaseHistory,
  CaseParams,
  CaseRef,
  CasePageView,
  CasesExportQuery,
  CasesQuery,
  CaseView,
  LikelyDuplicatesView,
  ReportCaseBody,
  actionSummary,
} from './cases.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['cases'];
const security = [{ bearer: [] }];
const errors = errorResponses(400, 401, 403, 404, 409, 422);

const viewer = (deps: Deps, req: FastifyRequest): Viewer => ({
  principal: currentPrincipal(req),
  now: deps.clock.now(),
});

/** The operationId of an action's route, derived from its kind: send_back → caseSendBack. */
const actionOperationId = (kind: CaseCommand['kind']): string =>
  `case${kind.replace(/(?:^|_)([a-z])/g, (_m, c: string) => c.toUpperCase())}`;

/** True when the date and time of an RFC 3339 text exist (no 30 February, no 24:00). */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(text);
  if (!m) return false;
  const [y, mo, d, h] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23;
}

/** `If-Match: "7"` (or W/"7", or 7): the version the caller saw. */
function ifMatchVersion(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  const m = typeof h === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(h.trim()) : null;
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Sends a service failure; a version conflict carries the case as it is now. */
function sendCaseError(reply: FastifyReply, e: CaseServiceError, v: Viewer) {
  if (e.code === 'case.version_conflict' && 'current' in e.details) {
    const current = e.details.current as Case;
    return reply.sendError({
      code: e.code,
      details: { ...e.details, current: presentCase(current, v) },
    });
  }
  return reply.sendError(e);
}

/** The list service's input from the query of GET /cases (dates checked as real dates). */
function listInputOf(
  query: CasesQuery,
): { ok: true; value: ListQueueInput } | { ok: false; error: CaseListError } {
  const { queue, overdue, reportedFrom, reportedTo, closedFrom, closedTo, ...rest } = query;
  const instants: Record<string, Date | undefined> = {};
  for (const [field, text] of Object.entries({ reportedFrom, reportedTo, closedFrom, closedTo })) {
    if (text === undefined) continue;
    const at = new Date(text);
    if (Number.isNaN(at.getTime()) || !isCalendarDate(text)) {
      return {
        ok: false,
        error: { code: 'case.bad_filter', details: { field, reason: 'not a date-time' } },
      };
    }
    instants[field] = at;
  }
  return {
    ok: true,
    value: {
      ...rest,
      ...instants,
      queue: queue ?? 'all',
      overdue: overdue === undefined ? undefined : overdue === 'true',
    },
  };
}

/** The body fields of an action request as the service's command (dates parsed). */
function commandOf(kind: CaseCommand['kind'], body: Record<string, unknown>): CaseCommand {
  const fields = Object.fromEntries(
    Object.entries(body).filter(([k, v]) => k !== 'expectedVersion' && v !== undefined),
  );
  if (kind === 'request_extension' && typeof fields.requestedDueAt === 'string') {
    fields.requestedDueAt = new Date(fields.requestedDueAt);
  }
  // The TypeBox schema of each action route validated exactly this kind's fields.
  return { ...fields, kind } as CaseCommand;
}

/**
 * Cases (案件): intake, reads, per-role queues and one sub-resource per workflow action
 * (`POST /cases/{id}/dispatch` ...). Every route needs a session; each action checks its
 * capability, then the service checks region, state, role and version in one transaction.
 */
export function casesRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(CaseView);
    app.addSchema(CaseEventView);

    app.post(
      '/cases',
      {
        preHandler: requireCapability('case.report'),
        schema: {
          operationId: 'reportCase',
          tags,
          security,
          summary: '上报/登记案件 report a case (self-handled: opens closed)',
          description:
            'Locates the point (grid/community/street/district), checks the category, starts the first step timer and mints the case number. Supervisors’ reports open awaiting filing; other sources awaiting verification; `selfHandle` opens a closed, self-handled case.',
          body: ReportCaseBody,
          response: { 201: CaseRef, ...errors },
        },
      },
      async (req, reply) => {
        const v = viewer(deps, req);
        const { location, ...rest } = req.body;
        const r = await reportCase(deps, {
          ...rest,
          location: {
            lng: location.lng,
            lat: location.lat,
            ...(location.crs !== undefined ? { crs: location.crs } : {}),
          },
          principal: v.principal,
        });
        if (!r.ok) return sendCaseError(reply, r.error, v);
        req.auditEntity = { entity: 'cases', id: r.value.case.id };
        return reply
          .code(201)
          .header('etag', `"${r.value.case.version}"`)
          .send(presentCase(r.value.case, v));
      },
    );

    app.get(
      '/cases',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'listCases',
          tags,
          security,
          summary: '案件列表与工作队列 cases in my scope, by work queue, with filters',
          description:
            'Queues: to_verify 待核实, to_file 待立案, to_dispatch 待派遣, to_handle 待处置 (a unit sees the cases sent to it), to_recheck 待核查, to_close 待结案, approvals 待审批, overdue 超期 (oldest deadline first), handled 本单位经办 (a unit’s cases, also those that left its queue, newest report first; empty for roles without a unit); `all` lists the whole scope, newest report first (reported time, then id). Every filter narrows the list (AND); region scope is applied in the query. Keyset pages: pass `nextCursor` as `cursor` for the next page (no page numbers); `total` counts matches up to 1,000 on the first page. Bad filters or cursors answer 400 case.bad_filter / case.bad_cursor.',
          querystring: CasesQuery,
          response: { 200: CasePageView, ...errors },
        },
      },
      async (req, reply) => {
        const v = viewer(deps, req);
        const input = listInputOf(req.query);
        if (!input.ok) return reply.sendError(input.error);
        const r = await listQueue(deps, v.principal, input.value);
        if (!r.ok) return reply.sendError(r.error);
        return { ...r.value, items: r.value.items.map((c) => presentCase(c, v)) };
      },
    );

    app.get(
      '/cases/export',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'exportCases',
          tags,
          security,
          summary: '案件导出 the cases a search finds, as an .xlsx workbook',
          description: `The filters of GET /cases (no cursor or page size). At most ${String(CASE_EXPORT_MAX_ROWS)} cases, in the list's order; the sheet's caption says when more matched.`,
          querystring: CasesExportQuery,
          response: {
            200: {
              description: '案件列表 .xlsx the matching cases as a workbook',
              content: {
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            },
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const v = viewer(deps, req);
        const input = listInputOf(req.query);
        if (!input.ok) return reply.sendError(input.error);
        const found: Case[] = [];
        let cursor: string | undefined;
        do {
          const r = await listQueue(deps, v.principal, { ...input.value, cursor, pageSize: 200 });
          if (!r.ok) return reply.sendError(r.error);
          found.push(...r.value.items);
          cursor = r.value.nextCursor ?? undefined;
        } while (cursor !== undefined && found.length < CASE_EXPORT_MAX_ROWS);
        const more = cursor !== undefined;
        const cases = found.slice(0, CASE_EXPORT_MAX_ROWS).map((c) => presentCase(c, v));
        const day = v.now.toISOString().slice(0, 10);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="cases-${day}.xlsx"`)
          .send(caseListXlsx(cases, v.now, more || found.length > CASE_EXPORT_MAX_ROWS));
      },
    );

    app.get(
      '/cases/:id',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'getCase',
          tags,
          security,
          summary: '案件详情 one case (ETag: its version)',
          params: CaseParams,
          response: { 200: CaseRef, ...errors },
        },
      },
      async (req, reply) => {
        const v = viewer(deps, req);
        const r = await getCase(deps, v.principal, req.params.id);
        if (!r.ok) return reply.sendError(r.error);
        return reply.header('etag', `"${r.value.version}"`).send(presentCase(r.value, v));
      },
    );

    app.get(
      '/cases/:id/history',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'getCaseHistory',
          tags,
          security,
          summary: '案件流转记录 a case with its whole event history',
          params: CaseParams,
          response: { 200: CaseHistory, ...errors },
        },
      },
      async (req, reply) => {
        const v = viewer(deps, req);
        const r = await getCaseHistory(deps, v.principal, req.params.id);
        if (!r.ok) return reply.sendError(r.error);
        return {
          case: presentCase(r.value.case, v),
          events: r.value.events.map((e) => presentCaseEvent(e, v)),
        };
      },
    );

    const window = duplicateWindowFromEnv();
    app.get(
      '/cases/:id/likely-duplicates',
      {
        preHandler: requireCapability('case.merge'),
        schema: {
          operationId: 'listLikelyDuplicates',
          tags,
          security,
          summary:
            '疑似重复案件 open cases of the same category near this one, to compare and merge',
          description:
            'Open cases of the same category within the duplicate window (GRIDLOOP_DUPLICATE_RADIUS_M, GRIDLOOP_DUPLICATE_WINDOW_HOURS) and never farther than a merge allows (GRIDLOOP_MERGE_MAX_DISTANCE_M), nearest first. Merge with POST /cases/{id}/merge.',
          params: CaseParams,
          response: { 200: LikelyDuplicatesView, ...errors },
        },
      },
      async (req, reply) => {
        const v = viewer(deps, req);
        const r = await duplicatesOfCase(deps, v.principal, req.params.id, window);
        if (!r.ok) return reply.sendError(r.error);
        return { items: r.value };
      },
    );

    for (const kind of CASE_COMMAND_KINDS) {
      const route = ACTION_ROUTES[kind];
      const decl = presentCaseAction(kind);
      const approval = decl.needsApproval
        ? ' It is a request: it waits in the approvers’ queue until approved or rejected.'
        : '';
      const timer = decl.startsStep ? ` Starts the \`${decl.startsStep}\` step's timer.` : '';
      // OpenAPI extension (`x-`): the action's declaration, as GET /case-actions serves it.
      const schema = {
        operationId: actionOperationId(kind),
        tags,
        security,
        summary: actionSummary(kind),
        description: `Workflow action \`${kind}\` (capability \`${capabilityOf(kind)}\`). Roles allowed: ${decl.roles.join(', ')}; from ${decl.rows.map((r) => `${r.from} → ${r.to}`).join(', ')}.${approval}${timer} The same facts are in \`x-gridloop-action\` and GET /case-actions; see docs/workflow.md. \`expectedVersion\` (or If-Match) guards against concurrent changes: a stale one answers 409 case.version_conflict with the current case. An action the current status does not allow answers 409 case.not_in_state; missing or invalid fields 422; wrong role or region 403; a case outside the caller's region 404 case.not_found. Nothing is written on any refusal.`,
        params: CaseParams,
        body: route.body,
        response: { 200: CaseActionResult, ...errors },
        'x-gridloop-action': decl,
      };
      app.post<{ Params: CaseParams; Body: Record<string, unknown> }>(
        `/cases/:id/${route.path}`,
        {
          preHandler: requireCapability(capabilityOf(kind)),
          schema,
        },
        async (req, reply) => {
          const v = viewer(deps, req);
          const bodyVersion = req.body.expectedVersion;
          const expectedVersion =
            typeof bodyVersion === 'number' ? bodyVersion : ifMatchVersion(req);
          const r = await performCaseAction(deps, {
            caseId: req.params.id,
            action: commandOf(kind, req.body),
            principal: v.principal,
            expectedVersion,
          });
          if (!r.ok) return sendCaseError(reply, r.error, v);
          return reply.header('etag', `"${r.value.case.version}"`).send({
            case: presentCase(r.value.case, v),
            events: r.value.events.map((e) => presentCaseEvent(e, v)),
          });
        },
      );
    }
  };
}
