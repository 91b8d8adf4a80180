import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  API_KEY_SCOPES,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRecord,
} from '../../services/apikeys/api-keys.ts';
import type { Deps } from '../../services/deps.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['api-keys'];

const Scope = Type.Union(
  API_KEY_SCOPES.map((s) => Type.Literal(s)),
  {
    description:
      '渠道 the one channel the key admits its client to: open311 (GeoReport v2 POST /requests) or hotline_exchange (the city 12345 platform’s order exchange)',
  },
);
const ApiKeyView = Type.Object({
  id: Type.String(),
  clientName: Type.String(),
  scope: Scope,
  keyPrefix: Type.String({
    description: '密钥前缀 the key’s first characters, to tell keys apart',
  }),
  rateLimitPerMinute: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const present = (k: ApiKeyRecord) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
});

/** API keys of client systems (Open311): created (the key shown once), listed, revoked. */
export function apiKeysRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const guard = requireCapability('api_key.admin');

    app.post(
      '/api-keys',
      {
        preHandler: guard,
        schema: {
          operationId: 'createApiKey',
          tags,
          summary: '创建客户端系统 API 密钥 create a client system’s API key (shown once)',
          body: Type.Object(
            {
              clientName: Type.String({ minLength: 1, maxLength: 100 }),
              scope: Type.Optional(Scope),
              rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              key: Type.String({ description: '密钥，仅此一次显示 the key, shown this once' }),
              apiKey: ApiKeyView,
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const r = await createApiKey(deps, {
          clientName: req.body.clientName,
          scope: req.body.scope,
          rateLimitPerMinute: req.body.rateLimitPerMinute,
          createdBy: currentPrincipal(req).userId,
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'api-keys', id: r.value.record.id };
        return reply.code(201).send({ key: r.value.key, apiKey: present(r.value.record) });
      },
    );

    app.get(
      '/api-keys',
      {
        preHandler: guard,
        schema: {
          operationId: 'listApiKeys',
          tags,
          summary: '客户端系统 API 密钥列表 API keys of client systems (never the keys)',
          response: { 200: Type.Array(ApiKeyView), ...errorResponses(401, 403) },
        },
      },
      async () => (await listApiKeys(deps)).map(present),
    );

    app.post(
      '/api-keys/:id/revoke',
      {
        preHandler: guard,
        schema: {
          operationId: 'revokeApiKey',
          tags,
          summary: '吊销 API 密钥 revoke an API key (its client is refused with 403 from then on)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: { 200: ApiKeyView, ...errorResponses(401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await revokeApiKey(deps, req.params.id, currentPrincipal(req).userId);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'api-keys', id: r.value.id };
        return present(r.value);
      },
    );
  };
}
