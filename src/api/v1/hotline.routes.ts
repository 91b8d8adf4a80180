import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { admitClient, type Client } from '../../services/apikeys/api-keys.ts';
import type { Deps } from '../../services/deps.ts';
import { exportPlatformOrders, importPlatformOrders } from '../../services/hotline/exchange.ts';
import {
  callBackOrder,
  linkRepeatedCall,
  replyToCaller,
  respondToOrder,
} from '../../services/hotline/order-steps.ts';
import { getOrder, listOrdersFor, ratesFor } from '../../services/hotline/read-orders.ts';
import { recordCall } from '../../services/hotline/record-call.ts';
import { hotlineReference } from '../../services/hotline/reference.ts';
import type { StoredOrder } from '../../services/hotline/read-orders.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';
import { presentCall, presentExported, presentOrder, presentRates } from './hotline.present.ts';
import {
  ApiKeyQuery,
  CallBackBody,
  ExportQuery,
  ExportView,
  HotlineTypesView,
  ImportBody,
  ImportView,
  LinkCallBody,
  OrderDetailView,
  OrderParams,
  OrderRef,
  OrderView,
  OrdersQuery,
  RatesQuery,
  RatesView,
  RecordCallBody,
  RecordedCallView,
  ReplyBody,
  RespondBody,
} from './hotline.schemas.ts';

const tags = ['hotline'];
const security = [{ bearer: [] }];

declare module 'fastify' {
  interface FastifyRequest {
    /** The client system a hotline exchange api_key admitted (the city's 12345 platform). */
    hotlineClient?: Client;
  }
}

/**
 * The 12345 / 12319 hotline (接诉即办, docs/hotline.md): agents record calls as work orders that
 * go straight to the unit the hotline type names; units respond and reply; the hotline calls back;
 * rates per street and department; the city platform's import and export under its api_key.
 */
export function hotlineRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(OrderView);

    /** The order as it now stands, with its case (for the number and the caller). */
    const answer = async (req: FastifyRequest, reply: FastifyReply, o: StoredOrder) => {
      const r = await getOrder(deps, currentPrincipal(req), o.caseId);
      if (!r.ok) return reply.sendError(r.error);
      return presentOrder(r.value.order, r.value.case, currentPrincipal(req));
    };

    app.get(
      '/hotline/types',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'listHotlineTypes',
          tags,
          security,
          summary: '热线类型 the hotline types (street or department route, catalogue category)',
          description:
            'reference/channels/hotline-types.csv: `street` types go to the street centre holding the point, `department` types to the unit the dispatch rules name for the category.',
          response: { 200: HotlineTypesView, ...errorResponses(401, 403) },
        },
      },
      async () => ({
        items: [...hotlineReference(deps).types.values()].map((t) => ({
          code: t.code,
          name: { zh: t.nameZh, en: t.nameEn },
          kind: t.kind,
          categoryCode: t.categoryCode,
          urgency: t.urgency,
          route: t.route,
        })),
      }),
    );

    app.post(
      '/hotline/orders',
      {
        preHandler: requireCapability('case.report'),
        schema: {
          operationId: 'recordHotlineCall',
          tags,
          summary: '热线受理 record a call as a work order sent straight to its unit (直派)',
          description:
            'Through the intake seam with routing direct: the hotline type maps to a category and names the unit (a street type → the street centre holding the point; a department type → the unit the dispatch rules name). Only hotline agents open direct cases. A map point, or an address matched against the city’s base data to a road or a house (geocode.not_found / ambiguous / too_coarse otherwise); neither: hotline.location_required. The answer offers likely duplicates: link the call to one instead (POST /hotline/orders/{id}/calls).',
          security,
          body: RecordCallBody,
          response: { 201: RecordedCallView, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const p = currentPrincipal(req);
        const r = await recordCall(deps, { kind: 'user', principal: p }, req.body);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'cases', id: r.value.case.id };
        return reply.code(201).send({
          order: presentOrder(r.value.order, r.value.case, p),
          likelyDuplicates: r.value.likelyDuplicates.map((d) => ({
            caseId: d.caseId,
            caseNumber: d.caseNumber,
            distanceM: d.distanceM,
          })),
        });
      },
    );

    app.get(
      '/hotline/orders',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'listHotlineOrders',
          tags,
          summary:
            '热线工单列表 the newest orders in the caller’s sight (a unit: those sent to it)',
          security,
          querystring: OrdersQuery,
          response: {
            200: Type.Object({ items: Type.Array(OrderRef) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req) => {
        const p = currentPrincipal(req);
        const items = await listOrdersFor(deps, p, req.query);
        // The list shows no caller: open an order to call back.
        return { items: items.map((o) => presentOrder(o, null, p)) };
      },
    );

    app.get(
      '/hotline/orders/:id',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'getHotlineOrder',
          tags,
          summary: '热线工单详情 one order with its caller (masked for units) and linked calls',
          security,
          params: OrderParams,
          response: { 200: OrderDetailView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const p = currentPrincipal(req);
        const r = await getOrder(deps, p, req.params.id);
        if (!r.ok) return reply.sendError(r.error);
        return {
          order: presentOrder(r.value.order, r.value.case, p),
          calls: r.value.calls.map((c) => presentCall(c, p)),
        };
      },
    );

    const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
    const step = (
      path: string,
      operationId: string,
      summary: string,
      capability: 'case.handle' | 'case.evaluate' | 'case.report',
      body: typeof RespondBody | typeof ReplyBody | typeof CallBackBody | typeof LinkCallBody,
      run: (req: FastifyRequest) => ReturnType<typeof respondToOrder>,
    ) =>
      app.post(
        `/hotline/orders/:id/${path}`,
        {
          preHandler: requireCapability(capability),
          schema: {
            operationId,
            tags,
            summary,
            security,
            params: OrderParams,
            body,
            response: { 200: OrderRef, ...errorResponses(400, 401, 403, 404, 409, 422) },
          },
        },
        async (req, reply) => {
          const id = idOf(req);
          req.auditEntity = { entity: 'cases', id };
          const r = await run(req);
          return r.ok ? answer(req, reply, r.value) : reply.sendError(r.error);
        },
      );

    step(
      'respond',
      'respondToHotlineOrder',
      '响应 the unit contacted the caller',
      'case.handle',
      RespondBody,
      (req) =>
        respondToOrder(deps, currentPrincipal(req), idOf(req), req.body as { note?: string }),
    );
    step(
      'reply',
      'replyToHotlineCaller',
      '处置答复 the unit handled it and told the caller',
      'case.handle',
      ReplyBody,
      (req) => replyToCaller(deps, currentPrincipal(req), idOf(req), req.body as { note: string }),
    );
    step(
      'call-back',
      'callBackHotlineOrder',
      '回访 the hotline records satisfied / basically satisfied / dissatisfied; dissatisfied reopens by rule',
      'case.evaluate',
      CallBackBody,
      (req) =>
        callBackOrder(
          deps,
          currentPrincipal(req),
          idOf(req),
          req.body as { result: 'satisfied'; note?: string },
        ),
    );
    step(
      'calls',
      'linkHotlineCall',
      '重复来电 link a repeated call to the order (no new case)',
      'case.report',
      LinkCallBody,
      (req) => linkRepeatedCall(deps, currentPrincipal(req), idOf(req), req.body as object),
    );

    app.get(
      '/hotline/rates',
      {
        preHandler: requireCapability('indicator.read'),
        schema: {
          operationId: 'getHotlineRates',
          tags,
          summary: '响应率、处置率、服务满意率 per street and per department',
          description:
            'Orders received in [from, to), judged now; formulas and parameters in docs/hotline.md. Omitting district reads the caller’s own (city staff: the city). A unit’s handler reads its own unit.',
          security,
          querystring: RatesQuery,
          response: { 200: RatesView, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const r = await ratesFor(deps, currentPrincipal(req), {
          ...req.query,
          from: new Date(req.query.from),
          to: new Date(req.query.to),
        });
        return r.ok ? presentRates(r.value) : reply.sendError(r.error);
      },
    );

    const admit = async (req: FastifyRequest, reply: FastifyReply) => {
      const key = (req.query as { api_key?: unknown } | undefined)?.api_key;
      const r = await admitClient(
        deps,
        typeof key === 'string' ? key : undefined,
        'hotline_exchange',
      );
      if (r.ok) {
        req.hotlineClient = r.value;
        return undefined;
      }
      if (r.error.code === 'api_key.rate_limited')
        void reply.header('retry-after', String(r.error.details.retryAfterS));
      return reply.sendError(r.error);
    };

    app.post(
      '/hotline/exchange/orders',
      {
        config: { clientKey: true },
        preValidation: admit,
        schema: {
          operationId: 'importHotlineOrders',
          tags,
          summary: '12345 平台工单导入 import a batch of the city platform’s work orders (api_key)',
          description:
            'Idempotent by orderNo: an order imported before answers `unchanged` and creates nothing; another payload under a number imported before is a conflict, and the answer is then 409 hotline.order_conflict (details.conflicts, details.results: the other orders are imported). Format in docs/hotline.md.',
          querystring: ApiKeyQuery,
          body: ImportBody,
          response: { 200: ImportView, ...errorResponses(400, 403, 409, 429) },
        },
      },
      async (req, reply) => {
        const client = req.hotlineClient;
        if (!client) throw new Error('hotline import without an admitted client');
        const results = await importPlatformOrders(deps, client, req.body.orders);
        const created = results.find((r) => r.outcome === 'created');
        if (created && 'caseId' in created)
          req.auditEntity = { entity: 'cases', id: created.caseId };
        const conflicts = results.filter((r) => r.outcome === 'conflict').map((r) => r.orderNo);
        if (conflicts.length > 0)
          return reply.sendError({
            code: 'hotline.order_conflict',
            details: { conflicts, results },
          });
        return { results };
      },
    );

    app.get(
      '/hotline/exchange/orders',
      {
        config: { clientKey: true },
        preValidation: admit,
        schema: {
          operationId: 'exportHotlineOrders',
          tags,
          summary: '12345 平台工单回传 orders and their outcome changed since an instant (api_key)',
          description:
            'Oldest change first; when `next` is set, ask again with since = next (an order changed at that instant may come twice: the platform keeps the last by orderNo). No personal data.',
          querystring: ExportQuery,
          response: { 200: ExportView, ...errorResponses(400, 403, 429) },
        },
      },
      async (req) => {
        const limit = req.query.limit ?? 200;
        const orders = await exportPlatformOrders(deps, new Date(req.query.since), limit);
        const last = orders.at(-1);
        return {
          orders: orders.map(presentExported),
          next: orders.length === limit && last ? last.updatedAt.toISOString() : null,
        };
      },
    );
  };
}
