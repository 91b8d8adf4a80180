import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import { capabilitiesOf, mayReadReporterPhone } from '../../domain/access/index.ts';
import { login, logout } from '../../services/access/sessions.ts';
import { changeOwnPassword } from '../../services/access/users.ts';
import type { Deps } from '../../services/deps.ts';
import { SESSION_COOKIE, currentPrincipal, requireAuth } from '../plugins/auth.ts';
import { presentPrincipal } from './access.present.ts';
import { ChangePasswordBody, LoginBody, MeSchema, SessionSchema } from './access.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const TAGS = ['auth'];

/** POST /auth/login, POST /auth/logout, GET /auth/me, PUT /auth/password. */
export function authRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/auth/login',
      {
        config: { rateLimit: 'login' },
        schema: {
          operationId: 'login',
          tags: TAGS,
          summary: '登录 sign in with username and password',
          body: LoginBody,
          response: { 200: SessionSchema, ...errorResponses(401, 403, 429) },
        },
      },
      async (req, reply) => {
        const r = await login(deps, { ...req.body, ip: req.ip, secret: await app.sessionSecret() });
        if (!r.ok) {
          if (r.error.code === 'auth.rate_limited')
            void reply.header('retry-after', String(r.error.details.retryAfterSeconds));
          return reply.sendError(r.error);
        }
        // The audit entry of this request names who signed in.
        req.principal = r.value.principal;
        const maxAge = Math.max(
          0,
          Math.floor((r.value.expiresAt.getTime() - deps.clock.now().getTime()) / 1000),
        );
        void reply.header(
          'set-cookie',
          `${SESSION_COOKIE}=${r.value.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`,
        );
        return {
          token: r.value.token,
          expiresAt: r.value.expiresAt.toISOString(),
          user: presentPrincipal(r.value.principal),
          capabilities: capabilitiesOf(r.value.principal.role),
        };
      },
    );

    app.post(
      '/auth/logout',
      {
        preHandler: requireAuth,
        schema: {
          operationId: 'logout',
          tags: TAGS,
          summary: '退出登录 sign out (revokes the session)',
          security: [{ bearer: [] }],
          response: { 204: { type: 'null' }, ...errorResponses(401) },
        },
      },
      async (req, reply) => {
        if (req.session) await logout(deps, { sessionId: req.session.id });
        void reply.header(
          'set-cookie',
          `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
        );
        return reply.code(204).send();
      },
    );

    app.get(
      '/auth/me',
      {
        preHandler: requireAuth,
        schema: {
          operationId: 'getMe',
          tags: TAGS,
          summary: '当前用户 the signed-in user, capabilities and session expiry',
          security: [{ bearer: [] }],
          response: { 200: MeSchema, ...errorResponses(401) },
        },
      },
      async (req) => {
        const p = currentPrincipal(req);
        return {
          user: presentPrincipal(p),
          capabilities: capabilitiesOf(p.role),
          mayReadReporterPhone: mayReadReporterPhone(p.role),
          expiresAt: req.session?.expiresAt.toISOString() ?? null,
        };
      },
    );

    app.put(
      '/auth/password',
      {
        preHandler: requireAuth,
        schema: {
          operationId: 'changeOwnPassword',
          tags: TAGS,
          summary: '修改密码 change one’s own password (ends every session)',
          security: [{ bearer: [] }],
          body: ChangePasswordBody,
          response: { 204: { type: 'null' }, ...errorResponses(400, 401) },
        },
      },
      async (req, reply) => {
        const r = await changeOwnPassword(deps, {
          username: currentPrincipal(req).username,
          currentPassword: req.body.currentPassword,
          newPassword: req.body.newPassword,
        });
        return r.ok ? reply.code(204).send() : reply.sendError(r.error);
      },
    );
  };
}
