import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { presentServiceRequests } from '../../channels/open311/present.ts';
import { definitionOf, servicesOf } from '../../channels/open311/services.ts';
import { submitServiceRequest } from '../../channels/open311/submit.ts';
import { lookupCode } from '../../domain/intake/index.ts';
import { ok } from '../../domain/shared/index.ts';
import { admitClient, type Client } from '../../services/apikeys/api-keys.ts';
import type { Deps } from '../../services/deps.ts';
import {
  findRequestByToken,
  findServiceRequest,
  findServiceRequests,
  REQUEST_PAGE_CAP,
  REQUEST_WINDOW_DAYS,
  sharedRequestList,
} from '../../services/open311/requests.ts';
import { open311Vocabulary } from '../../services/open311/vocabulary.ts';
import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import {
  Discovery,
  ExtensionsQuery,
  FormatOnly,
  JurisdictionQuery,
  open311Errors,
  PostRequestAnswer,
  PostRequestBody,
  RequestParams,
  RequestsQuery,
  ServiceDefinition,
  ServiceList,
  ServiceParams,
  ServiceRequests,
  TokenAnswer,
  TokenParams,
} from './open311.schemas.ts';
import { formatOf, renderShared, sendOpen311, sendRendered } from './send.ts';

const tags = ['open311'];
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-12-03T00:00:00+08:00';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client system an Open311 api_key admitted (POST /requests). */
    open311Client?: Client;
  }
}

/** A W3C date-time (date alone allowed, read as the city's midnight), else null. */
function w3cDate(s: string | undefined): Date | null | undefined {
  if (s === undefined || s === '') return undefined;
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    return null;
  }
  const withZone = /T|\s/.test(t)
    ? /(Z|[+-]\d{2}:?\d{2})$/.test(t)
      ? t
      : `${t}+08:00`
    : `${t}T00:00:00+08:00`;
  const d = new Date(withZone.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

const list = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');

/** GeoReport v2 under /open311/v2 and its discovery document. */
export function georeportRoutes(deps: Deps, opts: { jurisdictionId?: string | undefined }) {
  const jurisdiction =
    opts.jurisdictionId ?? process.env.GRIDLOOP_OPEN311_JURISDICTION ?? 'gridloop';
  // One jurisdiction: absent or this one; any other is the spec's 404.
  const checkJurisdiction = async (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.query as { jurisdiction_id?: unknown } | undefined;
    const b = req.body as { jurisdiction_id?: unknown } | undefined;
    const asked = q?.jurisdiction_id ?? b?.jurisdiction_id;
    if (asked === undefined || asked === '' || asked === jurisdiction) return undefined;
    return reply.sendError({
      code: 'open311.unknown_jurisdiction',
      details: { id: typeof asked === 'string' ? asked.slice(0, 100) : 'not text' },
    });
  };

  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/discovery.:format',
      {
        schema: {
          operationId: 'getOpen311Discovery',
          tags,
          summary:
            'Open311 服务发现 service discovery (GeoReport v2 endpoint, formats, key service)',
          params: FormatOnly,
          response: { 200: Discovery, ...open311Errors(400, 429) },
        },
      },
      async (req, reply) => {
        const base = `${req.protocol}://${req.host}`;
        return sendOpen311(req, reply, 'discovery', {
          changeset: CHANGESET,
          contact: '城市管理指挥中心 the city’s grid management centre',
          key_service:
            '向城市管理指挥中心申请 API 密钥 ask the centre for an api_key (gridloop apikey add NAME)',
          endpoints: [
            {
              specification: SPEC,
              url: `${base}/open311/v2`,
              changeset: CHANGESET,
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        });
      },
    );

    app.get(
      '/v2/services.:format',
      {
        preHandler: checkJurisdiction,
        schema: {
          operationId: 'listOpen311Services',
          tags,
          summary:
            'Open311 服务列表 GET services: the service codes (mapped to catalogue categories)',
          params: FormatOnly,
          querystring: JurisdictionQuery,
          response: { 200: ServiceList, ...open311Errors(400, 404, 429) },
        },
      },
      async (req, reply) =>
        sendOpen311(req, reply, 'services', servicesOf(open311Vocabulary(deps))),
    );

    app.get(
      '/v2/services/:service_code.:format',
      {
        preHandler: checkJurisdiction,
        schema: {
          operationId: 'getOpen311ServiceDefinition',
          tags,
          summary: 'Open311 服务定义 GET service definition: the attributes of a service code',
          params: ServiceParams,
          querystring: JurisdictionQuery,
          response: { 200: ServiceDefinition, ...open311Errors(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const e = lookupCode(open311Vocabulary(deps), req.params.service_code);
        if (!e) {
          return reply.sendError({
            code: 'open311.unknown_service',
            details: { serviceCode: req.params.service_code },
          });
        }
        return sendOpen311(req, reply, 'service_definition', definitionOf(e));
      },
    );

    app.post(
      '/v2/requests.:format',
      {
        config: { clientKey: true },
        preValidation: async (req, reply) => {
          const q = req.query as { api_key?: unknown } | undefined;
          const b = req.body as { api_key?: unknown } | undefined;
          const key = q?.api_key ?? b?.api_key;
          const r = await admitClient(deps, typeof key === 'string' ? key : undefined, 'open311');
          if (r.ok) {
            req.open311Client = r.value;
            return undefined;
          }
          if (r.error.code === 'api_key.rate_limited') {
            void reply.header('retry-after', String(r.error.details.retryAfterS));
          }
          return reply.sendError(r.error);
        },
        preHandler: checkJurisdiction,
        schema: {
          operationId: 'createOpen311Request',
          tags,
          summary:
            'Open311 提交服务请求 POST request (api_key; form-encoded or JSON; WGS84 lat/long)',
          description:
            'Opens a case through the intake seam as the client system that owns the api_key (channel open311). Answers the case number as service_request_id and a token (GET /tokens/{token}). 403 for a missing, wrong or revoked key; 404 for an unknown service_code; 400 otherwise.',
          params: FormatOnly,
          body: PostRequestBody,
          response: {
            201: PostRequestAnswer,
            200: PostRequestAnswer,
            ...open311Errors(400, 403, 404, 429),
          },
        },
      },
      async (req, reply) => {
        const client = req.open311Client;
        if (!client) throw new Error('POST /requests without an admitted client');
        const r = await submitServiceRequest(deps, client, req.body);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'cases', id: r.value.service_request_id };
        return sendOpen311(req, reply, 'service_requests', [r.value], 201);
      },
    );

    app.get(
      '/v2/requests.:format',
      {
        preHandler: checkJurisdiction,
        schema: {
          operationId: 'listOpen311Requests',
          tags,
          summary: `Open311 服务请求列表 GET requests: newest first, at most ${REQUEST_PAGE_CAP}, default window ${REQUEST_WINDOW_DAYS} days`,
          description:
            'Filters: service_request_id (comma list; the other filters are then ignored), service_code (comma list), start_date, end_date (W3C; a window of at most 90 days, the last 90 days by default), status open|closed. extensions=true adds extended_attributes and notes. Page back by asking again with end_date = the oldest requested_datetime.',
          params: FormatOnly,
          querystring: RequestsQuery,
          response: { 200: ServiceRequests, ...open311Errors(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const startDate = w3cDate(q.start_date);
        const endDate = w3cDate(q.end_date);
        if (startDate === null || endDate === null) {
          return reply.sendError({
            code: 'open311.invalid_date',
            details: { field: startDate === null ? 'start_date' : 'end_date' },
          });
        }
        const extensions = q.extensions === true;
        const filter = {
          serviceRequestIds: list(q.service_request_id),
          serviceCodes: list(q.service_code),
          startDate,
          endDate,
          status: q.status,
          withSteps: extensions,
        };
        const format = formatOf(req);
        // One read and one rendering per distinct ask and second, shared by the clients asking.
        const answer = await sharedRequestList(deps, JSON.stringify([format, filter]), async () => {
          const r = await findServiceRequests(deps, filter);
          if (!r.ok) return r;
          const views = presentServiceRequests(r.value, open311Vocabulary(deps), extensions);
          return ok(renderShared(format, 'service_requests', views));
        });
        if (!answer.ok) return reply.sendError(answer.error);
        return sendRendered(req, reply, answer.value);
      },
    );

    app.get(
      '/v2/requests/:service_request_id.:format',
      {
        preHandler: checkJurisdiction,
        schema: {
          operationId: 'getOpen311Request',
          tags,
          summary: 'Open311 单个服务请求 GET request by service_request_id (the case number)',
          params: RequestParams,
          querystring: ExtensionsQuery,
          response: { 200: ServiceRequests, ...open311Errors(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const extensions = req.query.extensions === true;
        const r = await findServiceRequest(deps, req.params.service_request_id, extensions);
        if (!r.ok) return reply.sendError(r.error);
        const views = presentServiceRequests(r.value, open311Vocabulary(deps), extensions);
        return sendOpen311(req, reply, 'service_requests', views);
      },
    );

    app.get(
      '/v2/tokens/:token.:format',
      {
        config: { rateLimit: 'tracking-lookup' },
        preHandler: checkJurisdiction,
        schema: {
          operationId: 'getOpen311Token',
          tags,
          summary: 'Open311 令牌换取请求编号 GET service_request_id from a token',
          params: TokenParams,
          querystring: JurisdictionQuery,
          response: { 200: TokenAnswer, ...open311Errors(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const r = await findRequestByToken(deps, req.params.token);
        if (!r.ok) return reply.sendError(r.error);
        return sendOpen311(req, reply, 'service_requests', [
          { service_request_id: r.value.serviceRequestId, token: r.value.token },
        ]);
      },
    );
  };
}
