import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { mayDo, type Capability, type Principal, type Role } from '../../domain/access/index.ts';
import { completeAudit, recordAudit } from '../../services/access/audit.ts';
import { faultOf } from '../../services/faults.ts';
import { FAULT_RETRY_AFTER_S } from '../errors/faults.ts';
import {
  resolveSessionSecret,
  verifySession,
  type SessionError,
} from '../../services/access/sessions.ts';
import type { Deps } from '../../services/deps.ts';
import { RateLimits, type BudgetName, type RateBudget } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route admits client systems by API key (api_key), each on its own rate budget. */
    clientKey?: boolean;
  }
  interface FastifyInstance {
    /** The key that signs session tokens (shared by every service copy), read on first use. */
    sessionSecret: () => Promise<string>;
  }
  interface FastifyRequest {
    /** The signed-in user, or null for anonymous requests. */
    principal: Principal | null;
    /** The session behind `principal` (for logout and `GET /auth/me`). */
    session: { id: string; expiresAt: Date } | null;
    /** Why a presented token was not accepted, answered by `requireAuth`. */
    authProblem: SessionError | null;
    /** What the audit entry names as the entity; routes set it when the path does not say. */
    auditEntity: { entity: string; id: string | null } | null;
    /** The key of the audit entry begun before the handler ran (write requests that reach it). */
    auditKey: string | null;
  }
}

export type AuthOptions = {
  sessionSecret?: string | undefined;
  /** Budgets of anonymous callers overriding DEFAULT_BUDGETS (tests, or a busy public portal). */
  rateLimits?: Partial<Record<BudgetName, RateBudget>> | undefined;
};

export const SESSION_COOKIE = 'gridloop_session';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type PreHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** Marks the guards below, so the app can tell a protected route from a public one. */
const GUARD = Symbol('gridloop.auth-guard');
type Guard = PreHandler & { [GUARD]: true };
const guard = (f: PreHandler): Guard => Object.assign(f, { [GUARD]: true as const });
const isGuard = (f: unknown): f is Guard =>
  typeof f === 'function' && (f as Partial<Guard>)[GUARD] === true;
const asList = <T>(x: T | readonly T[] | undefined): T[] =>
  x === undefined ? [] : Array.isArray(x) ? [...(x as readonly T[])] : [x as T];

/**
 * Every route is protected or public by its guard, and the OpenAPI document says so: a route
 * whose preHandler holds requireAuth / requireRole / requireCapability declares bearer security
 * and runs its guard before validation (preValidation: the body is parsed, so the audit entry of
 * a refused request still says what was asked, but an anonymous or wrong-role caller learns
 * nothing from validation); every other route declares
 * `security: []` and limits its anonymous callers per address.
 */
function classifyRoutes(app: FastifyInstance, limits: RateLimits): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const pre = asList(route.preHandler);
    const guards = pre.filter(isGuard);
    const schema = (route.schema ??= {}) as { security?: unknown };
    if (guards.length > 0) {
      const rest = pre.filter((h) => !isGuard(h));
      if (rest.length > 0) route.preHandler = rest;
      else delete route.preHandler;
      route.preValidation = [...asList(route.preValidation), ...guards];
      schema.security = [{ bearer: [] }, { cookie: [] }];
    } else if (route.config?.clientKey === true) {
      // A client system's key (Open311 POST /requests): checked by the route, counted against
      // the client's own budget, not the per-address budget of anonymous callers.
      schema.security = [{ open311ApiKey: [] }];
    } else {
      route.onRequest = [...asList(route.onRequest), limits.hookFor(route)];
      schema.security = [];
    }
  });
}

/**
 * The session token the request presents (bearer header first, then the session cookie). A
 * cookie value that is not valid percent-encoding (`%E0%A4%A`) is presented as it came: no token
 * we sign looks like that, so it is refused as an invalid token (401 where a login is needed,
 * anonymous elsewhere), never thrown as a URIError.
 */
function presentedToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  const cookies = req.headers.cookie;
  if (!cookies) return undefined;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodedCookie(value.join('='));
  }
  return undefined;
}

function decodedCookie(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Authentication and audit for the whole app (not encapsulated, so every route group sees
 * them): reads the session from `Authorization: Bearer` or the session cookie into
 * `req.principal`, and appends an audit entry for every write request, refused ones included.
 */
export async function registerAuth(
  app: FastifyInstance,
  deps: Deps,
  opts: AuthOptions = {},
): Promise<void> {
  // Resolved on first use, not at build time: building the app (e.g. for the OpenAPI document)
  // must not need a migrated database.
  let secret: Promise<string> | undefined;
  const sessionSecret = (): Promise<string> => {
    secret ??= resolveSessionSecret(deps, opts.sessionSecret).catch((e: unknown) => {
      secret = undefined;
      throw e;
    });
    return secret;
  };
  app.decorate('sessionSecret', sessionSecret);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('authProblem', null);
  app.decorateRequest('auditEntity', null);
  app.decorateRequest('auditKey', null);
  const limits = new RateLimits(deps.clock, opts.rateLimits);
  app.decorate('rateLimits', limits);
  classifyRoutes(app, limits);

  app.addHook('onRequest', async (req) => {
    const token = presentedToken(req);
    if (!token) return;
    const r = await verifySession(deps, { token, secret: await sessionSecret() });
    if (r.ok) {
      req.principal = r.value.principal;
      req.session = { id: r.value.sessionId, expiresAt: r.value.expiresAt };
    } else req.authProblem = r.error;
  });

  // Audit before the write (issue #8): a write request that passed its guard and validation
  // appends its entry, with no outcome yet, before any handler runs. When that append fails the
  // request is refused with 503 and its handler never runs, so no change goes unaudited: the
  // database's own fault code when the database failed (db.*), `audit.unavailable` otherwise.
  // Global preHandler hooks run before the routes' own preHandlers.
  app.addHook('preHandler', async (req, reply) => {
    if (!WRITES.has(req.method)) return;
    const key = deps.newId();
    try {
      await recordAudit(deps, { ...auditEntryOf(req, null, deps.clock.now()), entryKey: key });
    } catch (e) {
      req.log.error({ err: e }, 'audit entry not begun: request refused');
      const fault = faultOf(e);
      const retryAfter = fault === null ? 5 : FAULT_RETRY_AFTER_S[fault];
      if (retryAfter !== null) void reply.header('retry-after', String(retryAfter));
      return reply.sendError(
        fault !== null && fault.startsWith('db.')
          ? { code: fault, details: { requestId: req.id } }
          : { code: 'audit.unavailable', details: { requestId: req.id, fault } },
      );
    }
    req.auditKey = key;
    return undefined;
  });

  // The outcome, in onSend rather than onResponse: it is written before the client sees the
  // answer, so a client (or test) that reads the log right after a write finds it. A begun entry
  // is completed; a request refused before its handler (guard, validation, framework) changed
  // nothing and gets its whole entry here. A failure now is logged: the begun entry stays, with
  // status null (outcome not recorded), and the answer is not turned into an error after the
  // change has been committed.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!WRITES.has(req.method)) return payload;
    try {
      if (req.auditKey !== null) {
        const entry = auditEntryOf(req, reply.statusCode, deps.clock.now());
        await completeAudit(deps, {
          entryKey: req.auditKey,
          status: reply.statusCode,
          entity: entry.entity,
          entityId: entry.entityId,
          userId: entry.userId,
          role: entry.role,
          districtCode: entry.districtCode,
        });
      } else await recordAudit(deps, auditEntryOf(req, reply.statusCode, deps.clock.now()));
    } catch (e) {
      req.log.error({ err: e, auditKey: req.auditKey }, 'audit outcome not written');
    }
    return payload;
  });
}

function auditEntryOf(req: FastifyRequest, status: number | null, at: Date) {
  const route = req.routeOptions.url ?? req.url.split('?')[0] ?? req.url;
  const fromPath = /^\/api\/v1\/([^/]+)/.exec(route)?.[1] ?? null;
  const params = req.params as Record<string, unknown> | undefined;
  const id = params?.id;
  const p = req.principal;
  return {
    at,
    userId: p?.userId ?? null,
    role: p?.role ?? null,
    districtCode: p?.districtCode ?? null,
    method: req.method,
    route,
    entity: req.auditEntity?.entity ?? fromPath,
    entityId: req.auditEntity ? req.auditEntity.id : typeof id === 'string' ? id : null,
    status,
    requestId: req.id,
    ip: req.ip,
    payload: summarisePayload(req.body),
  };
}

// Keys, phones and one-time codes of the public are secret or personal too.
const SECRET_FIELD = /password|token|secret|api_?key|phone|^code$/i;

/**
 * Text the audit log can always store: NUL and unpaired surrogates (which jsonb refuses) become
 * U+FFFD, and a long value is cut at a code point boundary. An entry must never be lost because
 * of what a refused request carried.
 */
function storable(s: string, max: number): string {
  const cps = Array.from(s.replaceAll('\u0000', '\ufffd'));
  const cut = cps.length > max ? `${cps.slice(0, max).join('')}…` : cps.join('');
  return cut.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** Field names and short values of a JSON body, secrets redacted; enough to tell what was asked. */
function summarisePayload(body: unknown): Record<string, unknown> | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(body).slice(0, 30)) {
    const k = storable(key, 80);
    if (SECRET_FIELD.test(k)) out[k] = '[redacted]';
    else if (typeof v === 'string') out[k] = storable(v, 80);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (Array.isArray(v)) out[k] = `[${v.length} items]`;
    else out[k] = '[object]';
  }
  return out;
}

/** preHandler: answers 401 unless a valid session is presented. */
export const requireAuth: PreHandler = guard(async (req, reply) => {
  if (req.principal) return undefined;
  return reply.sendError(req.authProblem ?? { code: 'auth.required' });
});

/** preHandler: a signed-in user with one of these roles. */
export function requireRole(...roles: Role[]): PreHandler {
  return guard(async (req, reply) => {
    if (!req.principal) return requireAuth(req, reply);
    if (roles.includes(req.principal.role)) return undefined;
    return reply.sendError({ code: 'auth.forbidden', details: { reason: 'role', roles } });
  });
}

/** preHandler: a signed-in user whose role has the capability (region is checked by the route). */
export function requireCapability(capability: Capability): PreHandler & { capability: Capability } {
  const check = guard(async (req, reply) => {
    if (!req.principal) return requireAuth(req, reply);
    if (mayDo(req.principal.role, capability)) return undefined;
    return reply.sendError({ code: 'auth.forbidden', details: { reason: 'role', capability } });
  });
  // Named on the check, so the OpenAPI document can list the roles a route allows.
  return Object.assign(check, { capability });
}

/** The principal of a request that passed `requireAuth` / `requireRole` / `requireCapability`. */
export function currentPrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('currentPrincipal used on a route without requireAuth');
  return req.principal;
}
