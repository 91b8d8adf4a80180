import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { ROLES, mayDo, type Capability } from '../../domain/access/index.ts';
import { SESSION_COOKIE } from './auth.ts';
import { ErrorBodySchema } from '../v1/error.schemas.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rewrites one JSON Schema (draft 7, as TypeBox and Ajv write it) into the OpenAPI 3.0 schema
 * dialect, in place, with its subschemas: numeric `exclusiveMinimum`/`exclusiveMaximum` become
 * `minimum`/`maximum` with the boolean flag; tuples (`items: [...]`, `additionalItems`) become
 * one `items` schema (`anyOf` of the members when they differ, the length kept by
 * min/maxItems); `const` becomes a one-value `enum`; a `type` array becomes `anyOf` (with
 * `nullable` for its `null`). Validation is not affected: Ajv keeps the route's own schema.
 */
export function toOpenApi30Schema(s: unknown): void {
  if (Array.isArray(s)) {
    for (const m of s) toOpenApi30Schema(m);
    return;
  }
  if (!isObject(s)) return;
  for (const [key, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof s[key] === 'number') {
      s[bound] = s[key];
      s[key] = true;
    }
  }
  if (Array.isArray(s.items)) {
    const members = s.items as unknown[];
    const distinct = [...new Map(members.map((m) => [JSON.stringify(m), m])).values()];
    s.items = distinct.length === 1 ? distinct[0] : { anyOf: distinct };
  }
  delete s.additionalItems;
  if ('const' in s) {
    s.enum = [s.const];
    delete s.const;
  }
  if (Array.isArray(s.type)) {
    const types = (s.type as string[]).filter((t) => t !== 'null');
    if (types.length < (s.type as string[]).length) s.nullable = true;
    if (types.length === 1) s.type = types[0];
    else {
      delete s.type;
      s.anyOf = types.map((type) => ({ type }));
    }
  }
  for (const key of ['items', 'additionalProperties', 'not']) toOpenApi30Schema(s[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) toOpenApi30Schema(s[key]);
  if (isObject(s.properties)) for (const p of Object.values(s.properties)) toOpenApi30Schema(p);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every media type's schema of a request body or response. */
function contentSchemas(holder: unknown): unknown[] {
  if (!isObject(holder) || !isObject(holder.content)) return [];
  return Object.values(holder.content).map((m) => (isObject(m) ? m.schema : undefined));
}

const HTTP_LAYER_REFUSAL = {
  description:
    'HTTP 层在路由之前拒绝请求（URL 编码错误、请求体无法解析或过大等），错误体格式相同。 ' +
    'Refused by the HTTP layer before the route (bad URL encoding, unparsable or too large body ...), in the same error shape.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
};

/**
 * The generated document made valid OpenAPI 3.0 in one place: every schema in the OpenAPI 3.0
 * dialect, and every operation declares the `4XX` answer any request may get from the HTTP
 * layer itself, besides the 4xx answers its route lists.
 */
export function finishDocument(doc: Json): Json {
  const components = isObject(doc.components) ? doc.components : {};
  if (isObject(components.schemas)) {
    for (const s of Object.values(components.schemas)) toOpenApi30Schema(s);
  }
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      for (const p of Array.isArray(op.parameters) ? op.parameters : []) {
        if (isObject(p)) toOpenApi30Schema(p.schema);
      }
      for (const s of contentSchemas(op.requestBody)) toOpenApi30Schema(s);
      const responses = isObject(op.responses) ? op.responses : {};
      for (const r of Object.values(responses)) {
        for (const s of contentSchemas(r)) toOpenApi30Schema(s);
        if (isObject(r) && isObject(r.headers)) {
          for (const h of Object.values(r.headers)) if (isObject(h)) toOpenApi30Schema(h.schema);
        }
      }
      op.responses = { ...responses, '4XX': HTTP_LAYER_REFUSAL };
    }
  }
  return doc;
}

/** The capability a route's preHandler requires (see requireCapability), if any. */
function requiredCapability(route: RouteOptions): Capability | undefined {
  const handlers = [route.preHandler ?? []].flat() as unknown[];
  for (const h of handlers) {
    if (typeof h === 'function' && 'capability' in h) return h.capability as Capability;
  }
  return undefined;
}

/**
 * Writes into a route's documentation the roles allowed to call it, derived from the capability
 * its preHandler requires and the capability table: `x-capability`, `x-roles` and a line of
 * the description.
 */
function documentRoles(route: RouteOptions): void {
  const capability = requiredCapability(route);
  if (capability === undefined || route.schema === undefined) return;
  const roles = ROLES.filter((r) => mayDo(r, capability));
  const line = `允许的角色 roles allowed: ${roles.join(', ')} (capability \`${capability}\`).`;
  const schema = route.schema as Record<string, unknown>;
  route.schema = {
    ...route.schema,
    description: typeof schema.description === 'string' ? `${schema.description}\n\n${line}` : line,
    'x-capability': capability,
    'x-roles': roles,
  } as NonNullable<RouteOptions['schema']>;
}

/**
 * OpenAPI 3.0 generated from the TypeBox route schemas; UI at /api/docs, JSON at /api/docs/json.
 * Also registers the app-wide shared schemas (ErrorBody), which become named component schemas
 * (a schema with `$id` is a component under that name, never `def-N`), and documents the roles
 * each route allows.
 */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorBodySchema);
  app.addHook('onRoute', documentRoles);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'gridloop API',
        description: '网格化城市管理平台 API · grid-based urban management platform',
        version: '0.1.0',
        license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      },
      servers: [{ url: '/', description: '本服务 this service (same origin)' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: '登录返回的会话令牌 the session token from POST /api/v1/auth/login',
          },
          open311ApiKey: {
            type: 'apiKey',
            in: 'query',
            name: 'api_key',
            description:
              '客户端系统的 API 密钥（查询参数或表单/JSON 字段 api_key）an Open311 client system’s key, as the api_key query parameter or body field (gridloop apikey add NAME)',
          },
          cookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              '同一会话令牌，登录时以 Cookie 写入 the same session token, set as a cookie on login',
          },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transformObject: (documentObject) =>
      'openapiObject' in documentObject
        ? finishDocument(structuredClone(documentObject.openapiObject) as Json)
        : documentObject.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
