import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { STATUS_LABELS } from '../../domain/cases/index.ts';
import type { Deps } from '../../services/deps.ts';
import {
  duplicateWindowFromEnv,
  intakeReport,
  submitPublicReport,
  trackPublicReport,
  type IntakeOutcome,
} from '../../services/intake/intake.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { presentCase, type Viewer } from './cases.present.ts';
import { CaseRef, CaseView, ReportCaseBody } from './cases.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['intake'];

const IntakeHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: '离线重试幂等键 the phone’s key: retries never open two cases',
    }),
  ),
});

const Duplicate = Type.Object({
  caseId: Type.String(),
  caseNumber: Type.String(),
  distanceM: Type.Number(),
  ageMs: Type.Number(),
});
const IntakeResult = Type.Object({
  case: CaseRef,
  replayed: Type.Boolean({ description: 'true: the key had opened this case before' }),
  autoDispatched: Type.Union([
    Type.Object({ ruleId: Type.String(), unitId: Type.String() }),
    Type.Null(),
  ]),
  likelyDuplicates: Type.Array(Duplicate, {
    description:
      '疑似重复 open cases of the same category nearby; merge via POST /cases/{id}/merge',
  }),
});

const PublicReportBody = Type.Omit(ReportCaseBody, ['source', 'selfHandle', 'note']);
const TrackingParams = Type.Object({ trackingCode: Type.String({ pattern: '^[0-9A-Za-z]{10}$' }) });
const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const PublicStatus = Type.Object({
  trackingCode: Type.String(),
  caseNumber: Type.String(),
  status: Type.String(),
  statusLabel: Text,
  kind: Type.String(),
  categoryCode: Type.String(),
  districtCode: Type.String(),
  reportedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const location = (l: ReportCaseBody['location']) => ({
  lng: l.lng,
  lat: l.lat,
  ...(l.crs !== undefined ? { crs: l.crs } : {}),
});

/**
 * Intake: the field app's idempotent report (`Idempotency-Key`), with auto-dispatch and likely
 * duplicates, and the public's report with its tracking code (no login; anonymous callers are
 * limited per address by the app's rate limits, plugins/rate-limit.ts).
 */
export function intakeRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(CaseView);
    const window = duplicateWindowFromEnv();
    const present = (o: IntakeOutcome, v: Viewer) => ({
      case: presentCase(o.case, v),
      replayed: o.replayed,
      autoDispatched: o.autoDispatched,
      likelyDuplicates: o.likelyDuplicates,
    });

    app.post(
      '/intake/reports',
      {
        preHandler: requireCapability('case.report'),
        schema: {
          operationId: 'submitFieldReport',
          tags,
          security: [{ bearer: [] }],
          summary:
            '监督员上报（幂等） field report with Idempotency-Key, auto-dispatch, duplicates',
          description:
            'Opens the case as POST /cases does; a rule with autoDispatch files and dispatches it in the same transaction. The same Idempotency-Key and body again answer 200 with the original case; the same key with another body answers 409 intake.idempotency_conflict.',
          headers: IntakeHeaders,
          body: ReportCaseBody,
          response: {
            200: IntakeResult,
            201: IntakeResult,
            ...errorResponses(400, 401, 403, 404, 409, 422),
          },
        },
      },
      async (req, reply) => {
        const v: Viewer = { principal: currentPrincipal(req), now: deps.clock.now() };
        const { location: l, ...rest } = req.body;
        const r = await intakeReport(deps, {
          ...rest,
          location: location(l),
          principal: v.principal,
          idempotencyKey: req.headers['idempotency-key'],
          duplicateWindow: window,
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'cases', id: r.value.case.id };
        return reply
          .code(r.value.replayed ? 200 : 201)
          .header('etag', `"${r.value.case.version}"`)
          .send(present(r.value, v));
      },
    );

    app.post(
      '/public/reports',
      {
        config: { rateLimit: 'public-report' },
        schema: {
          operationId: 'submitPublicReport',
          tags,
          summary: '公众举报 public report (no login; limited per IP); returns a tracking code',
          body: PublicReportBody,
          response: {
            201: Type.Object({ trackingCode: Type.String(), caseNumber: Type.String() }),
            ...errorResponses(400, 404, 422, 429),
          },
        },
      },
      async (req, reply) => {
        const { location: l, ...rest } = req.body;
        const r = await submitPublicReport(deps, {
          ...rest,
          location: location(l),
          duplicateWindow: window,
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'cases', id: r.value.outcome.case.id };
        return reply.code(201).send({
          trackingCode: r.value.trackingCode,
          caseNumber: r.value.outcome.case.caseNumber,
        });
      },
    );

    app.get(
      '/public/reports/:trackingCode',
      {
        config: { rateLimit: 'tracking-lookup' },
        schema: {
          operationId: 'trackPublicReport',
          tags,
          summary: '举报进度查询 status of a public report by tracking code (no personal data)',
          params: TrackingParams,
          response: { 200: PublicStatus, ...errorResponses(404, 429) },
        },
      },
      async (req, reply) => {
        const r = await trackPublicReport(deps, req.params.trackingCode);
        if (!r.ok) return reply.sendError(r.error);
        return {
          ...r.value,
          statusLabel: STATUS_LABELS[r.value.status],
          reportedAt: r.value.reportedAt.toISOString(),
          updatedAt: r.value.updatedAt.toISOString(),
        };
      },
    );
  };
}
