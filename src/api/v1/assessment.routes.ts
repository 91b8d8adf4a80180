import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { assessDistrict } from '../../services/indicators/assess.ts';
import { traceIndicator } from '../../services/indicators/trace.ts';
import {
  buildAssessmentReport,
  reportHtml,
  reportXlsx,
} from '../../services/reports/assessment-report.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { presentAssessment, presentTrace } from './assessment.present.ts';
import {
  AssessmentQuery,
  AssessmentSchema,
  ReportQuery,
  TraceParams,
  TraceQuery,
  TraceSchema,
} from './assessment.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['assessment'];
const security = [{ bearer: [] }];

/**
 * Assessment (考核评价, issue #10): indicators of units, supervisors, operators, dispatchers and
 * regions from the daily roll-up; the cases and events behind each number; the monthly and
 * annual report as .xlsx or printable HTML. Leaders, commanders and admins read their region;
 * a unit reads its own figures.
 */
export function assessmentRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/assessment',
      {
        preHandler: requireCapability('indicator.read'),
        schema: {
          operationId: 'getAssessment',
          tags,
          summary: '考核结果 indicators, composite, rank, MoM and YoY of every party of a level',
          security,
          querystring: AssessmentQuery,
          response: { 200: AssessmentSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const r = await assessDistrict(deps, {
          principal: currentPrincipal(req),
          period: req.query.period,
          level: (req.query.level ?? 'unit') as 'unit',
          districtCode: req.query.district,
          regionLevel: req.query.regionLevel as 'street' | undefined,
        });
        return r.ok ? presentAssessment(r.value) : reply.sendError(r.error);
      },
    );

    app.get(
      '/assessment/:indicator/cases',
      {
        preHandler: requireCapability('indicator.read'),
        schema: {
          operationId: 'traceAssessmentIndicator',
          tags,
          summary: '指标溯源 the cases and events behind one indicator of one party',
          security,
          params: TraceParams,
          querystring: TraceQuery,
          response: { 200: TraceSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await traceIndicator(deps, {
          principal: currentPrincipal(req),
          indicator: req.params.indicator,
          period: req.query.period,
          party: req.query.party,
          districtCode: req.query.district,
          limit: req.query.limit,
        });
        return r.ok ? presentTrace(r.value) : reply.sendError(r.error);
      },
    );

    app.get(
      '/assessment/report',
      {
        preHandler: requireCapability('report.export'),
        schema: {
          operationId: 'downloadAssessmentReport',
          tags,
          summary: '网格化综合考核报告 the monthly or annual report (.xlsx or printable HTML)',
          security,
          querystring: ReportQuery,
          response: {
            200: {
              description: '考核报告 .xlsx 或 HTML the report as a workbook or a printable page',
              content: {
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                  schema: { type: 'string', format: 'binary' },
                },
                'text/html': { schema: { type: 'string' } },
              },
            },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const r = await buildAssessmentReport(deps, {
          principal: currentPrincipal(req),
          period: req.query.period,
          districtCode: req.query.district,
          unitId: req.query.unit,
        });
        if (!r.ok) return reply.sendError(r.error);
        const base = `assessment-${r.value.districtCode}-${r.value.period}`;
        if (req.query.format === 'html') {
          return reply.type('text/html; charset=utf-8').send(reportHtml(r.value));
        }
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${base}.xlsx"`)
          .send(reportXlsx(r.value));
      },
    );
  };
}
