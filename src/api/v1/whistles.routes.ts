import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import {
  getWhistle,
  listWhistlesFor,
  whistleStatsFor,
} from '../../services/whistle/read-whistles.ts';
import {
  blowWhistleOnCase,
  closeWhistleOnCase,
  reportOnWhistle,
} from '../../services/whistle/whistles.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';
import { presentWhistle, presentWhistleEvent, presentWhistleStats } from './whistles.present.ts';
import {
  BlowWhistleBody,
  CloseWhistleBody,
  ReportBody,
  WhistleDetailView,
  WhistleIdParams,
  WhistleRef,
  WhistleStatsQuery,
  WhistleStatsView,
  WhistleView,
  WhistlesQuery,
} from './whistles.schemas.ts';

const tags = ['whistles'];
const security = [{ bearer: [] }];

/**
 * Whistle and report (吹哨报到, docs/whistle.md): a community, street or district summons
 * departments to a case; each reports (响应, 到场, 处置反馈) within its level's limits; the
 * whistler closes it; the assessment counts per level and period.
 */
export function whistlesRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(WhistleView);

    app.post(
      '/whistles',
      {
        preHandler: requireCapability('whistle.blow'),
        schema: {
          operationId: 'blowWhistle',
          tags,
          summary: '吹哨 summon departments to a case the region cannot solve alone',
          description:
            'The level is that of the narrowest region of the caller’s scope holding the case (社区, 街道, 县区); the level decides which units may be summoned (whistle.unit_not_summonable) and the report limits. The case’s history records the whistle.',
          security,
          body: BlowWhistleBody,
          response: { 201: WhistleRef, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const r = await blowWhistleOnCase(deps, currentPrincipal(req), req.body);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'whistles', id: r.value.id };
        return reply.code(201).send(presentWhistle(r.value));
      },
    );

    app.get(
      '/whistles',
      {
        preHandler: requireCapability('whistle.read'),
        schema: {
          operationId: 'listWhistles',
          tags,
          summary:
            '吹哨列表 the newest whistles of the caller’s region, or those summoning their unit',
          security,
          querystring: WhistlesQuery,
          response: {
            200: Type.Object({ items: Type.Array(WhistleRef) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req) => {
        const items = await listWhistlesFor(deps, currentPrincipal(req), req.query);
        return { items: items.map(presentWhistle) };
      },
    );

    app.get(
      '/whistles/:id',
      {
        preHandler: requireCapability('whistle.read'),
        schema: {
          operationId: 'getWhistle',
          tags,
          summary: '吹哨详情 one whistle with its timeline',
          security,
          params: WhistleIdParams,
          response: { 200: WhistleDetailView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await getWhistle(deps, currentPrincipal(req), req.params.id);
        if (!r.ok) return reply.sendError(r.error);
        return {
          whistle: presentWhistle(r.value.whistle),
          events: r.value.events.map(presentWhistleEvent),
        };
      },
    );

    app.post(
      '/whistles/:id/reports',
      {
        preHandler: requireCapability('whistle.report'),
        schema: {
          operationId: 'reportOnWhistle',
          tags,
          summary: '报到 a summoned unit acknowledges, arrives or feeds back',
          description:
            'Steps in order: acknowledge (响应), arrive (到场), feedback (处置反馈, with a note). A step after its limit is accepted and counted late.',
          security,
          params: WhistleIdParams,
          body: ReportBody,
          response: { 200: WhistleRef, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        req.auditEntity = { entity: 'whistles', id: req.params.id };
        const r = await reportOnWhistle(deps, currentPrincipal(req), req.params.id, req.body);
        return r.ok ? presentWhistle(r.value) : reply.sendError(r.error);
      },
    );

    app.post(
      '/whistles/:id/close',
      {
        preHandler: requireCapability('whistle.blow'),
        schema: {
          operationId: 'closeWhistle',
          tags,
          summary: '吹哨结束 the whistler closes the whistle as resolved or unresolved',
          security,
          params: WhistleIdParams,
          body: CloseWhistleBody,
          response: { 200: WhistleRef, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        req.auditEntity = { entity: 'whistles', id: req.params.id };
        const r = await closeWhistleOnCase(deps, currentPrincipal(req), req.params.id, req.body);
        return r.ok ? presentWhistle(r.value) : reply.sendError(r.error);
      },
    );

    app.get(
      '/whistle-stats',
      {
        preHandler: requireCapability('indicator.read'),
        schema: {
          operationId: 'getWhistleStats',
          tags,
          summary: '吹哨报到统计 whistles per level and how departments reported, for a period',
          description:
            'Whistles blown in [from, to) per level, and per summoned department and step: on time, late, never (未报到), pending, waived — judged now. See docs/whistle.md.',
          security,
          querystring: WhistleStatsQuery,
          response: { 200: WhistleStatsView, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const r = await whistleStatsFor(deps, currentPrincipal(req), {
          from: new Date(req.query.from),
          to: new Date(req.query.to),
          district: req.query.district,
        });
        return r.ok ? presentWhistleStats(r.value) : reply.sendError(r.error);
      },
    );
  };
}
