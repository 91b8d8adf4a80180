import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CockpitSummary, Hotspots } from '../../domain/cockpit/index.ts';
import { readCockpit, readHotspots, readTrend } from '../../services/cockpit/cockpit.ts';
import { subscribeCockpit } from '../../services/cockpit/push.ts';
import type { Deps } from '../../services/deps.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { answerWithStream } from '../plugins/sse.ts';
import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import {
  CockpitSummarySchema,
  HotspotsQuery,
  HotspotsSchema,
  TrendQuery,
  TrendSchema,
} from './cockpit.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['cockpit'];
const SummaryRef = Type.Unsafe<Static<typeof CockpitSummarySchema>>(Type.Ref('CockpitSummary'));

export type CockpitRouteOptions = {
  /** at most one push per this many ms per stream (default 1 s) */
  readonly pushIntervalMs?: number | undefined;
  /** keep-alive comments of the stream (default 25 s) */
  readonly heartbeatMs?: number | undefined;
};

const presentSummary = (s: CockpitSummary) => ({ ...s, at: s.at.toISOString() });
const presentHotspots = (h: Hotspots) => ({
  ...h,
  from: h.from.toISOString(),
  to: h.to.toISOString(),
});

/**
 * The cockpit (数字驾驶舱): live figures of the caller's region (a district's leaders see the
 * district, city staff the city), trends, hot spots, and a stream that pushes the figures when
 * a case in the region changes.
 */
export function cockpitRoutes(deps: Deps, opts: CockpitRouteOptions = {}) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(CockpitSummarySchema);
    const open = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const end of [...open]) end();
    });
    const guard = requireCapability('cockpit.read');
    const security = [{ bearer: [] }];

    app.get(
      '/cockpit',
      {
        preHandler: guard,
        schema: {
          operationId: 'getCockpit',
          tags,
          security,
          summary:
            '驾驶舱实时数据 live cockpit: open cases by status, category, region, channel; today',
          description:
            'Open cases of the caller’s region by status, category, district, street and channel, overdue ones by main unit, and today’s (Asia/Shanghai) new, closed and overdue. At most one second old; up to three seconds old while a fresh count runs (the stream always pushes fresh figures).',
          response: { 200: SummaryRef, ...errorResponses(401, 403) },
        },
      },
      async (req) => presentSummary(await readCockpit(deps, currentPrincipal(req))),
    );

    app.get(
      '/cockpit/trend',
      {
        preHandler: guard,
        schema: {
          operationId: 'getCockpitTrend',
          tags,
          security,
          summary: '新增与结案趋势 daily new and closed cases of the last N days',
          querystring: TrendQuery,
          response: { 200: TrendSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => ({
        items: await readTrend(deps, currentPrincipal(req), req.query.days ?? 30),
      }),
    );

    app.get(
      '/cockpit/hotspots',
      {
        preHandler: guard,
        schema: {
          operationId: 'getCockpitHotspots',
          tags,
          security,
          summary: '热点网格与高发类别 grids and categories with most cases in the last N days',
          querystring: HotspotsQuery,
          response: { 200: HotspotsSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) =>
        presentHotspots(
          await readHotspots(
            deps,
            currentPrincipal(req),
            req.query.days ?? 7,
            req.query.limit ?? 10,
          ),
        ),
    );

    app.get(
      '/streams/cockpit',
      {
        preHandler: guard,
        schema: {
          operationId: 'streamCockpit',
          tags,
          security,
          summary: '驾驶舱推送 server-sent events: the live cockpit whenever it changes',
          description:
            'text/event-stream. `event: cockpit` with the CockpitSummary as JSON data, at once and then whenever a case of the caller’s region changes (through any copy of the service), at most once a second, only when a figure moved.',
          response: {
            200: {
              description: '事件流 the event stream (stays open)',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errorResponses(401, 403),
          },
        },
      },
      async (req, reply) => {
        return answerWithStream(
          req,
          reply,
          { heartbeatMs: opts.heartbeatMs, open },
          async (write) => ({
            end: await subscribeCockpit(
              deps,
              currentPrincipal(req),
              (s) => write(`event: cockpit\ndata: ${JSON.stringify(presentSummary(s))}\n\n`),
              {
                intervalMs: opts.pushIntervalMs,
                onError: (err) => req.log.warn({ err: String(err) }, 'cockpit not counted'),
              },
            ),
          }),
        );
      },
    );
  };
}
