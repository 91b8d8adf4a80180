import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../services/access/audit.ts';
import {
  createUser,
  getUser,
  listUsers,
  setPassword,
  updateUser,
} from '../../services/access/users.ts';
import type { Deps } from '../../services/deps.ts';
import { requireCapability } from '../plugins/auth.ts';
import { presentAuditEntry, presentUser } from './access.present.ts';
import {
  AuditEntrySchema,
  AuditQuery,
  CreateUserBody,
  IdParams,
  NextCursor,
  PasswordBody,
  UpdateUserBody,
  UserListQuery,
  UserSchema,
} from './access.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const security = [{ bearer: [] }];
const errors = errorResponses(400, 401, 403, 404);

/** User administration (admin only) and the audit log. */
export function usersRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const admin = { preHandler: requireCapability('user.admin') };

    app.get(
      '/users',
      {
        ...admin,
        schema: {
          operationId: 'listUsers',
          tags: ['users'],
          summary: '用户列表 list users',
          security,
          querystring: UserListQuery,
          description:
            'Keyset pages in username order: pass `nextCursor` as `cursor` for the next page (no offsets). A cursor this list did not hand out answers 400 request.bad_cursor.',
          response: {
            200: Type.Object({ items: Type.Array(UserSchema), nextCursor: NextCursor }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const r = await listUsers(deps, req.query);
        if (!r.ok) return reply.sendError(r.error);
        return { items: r.value.items.map(presentUser), nextCursor: r.value.nextCursor };
      },
    );

    app.post(
      '/users',
      {
        ...admin,
        schema: {
          operationId: 'createUser',
          tags: ['users'],
          summary: '创建用户 create a user',
          security,
          body: CreateUserBody,
          response: { 201: UserSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const r = await createUser(deps, req.body);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'users', id: r.value.id };
        return reply.code(201).send(presentUser(r.value));
      },
    );

    app.get(
      '/users/:id',
      {
        ...admin,
        schema: {
          operationId: 'getUser',
          tags: ['users'],
          summary: '用户详情 one user',
          security,
          params: IdParams,
          response: { 200: UserSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await getUser(deps, req.params.id);
        return r.ok ? presentUser(r.value) : reply.sendError(r.error);
      },
    );

    app.patch(
      '/users/:id',
      {
        ...admin,
        schema: {
          operationId: 'updateUser',
          tags: ['users'],
          summary: '修改用户 change display name, region scope or disable a user',
          security,
          params: IdParams,
          body: UpdateUserBody,
          response: { 200: UserSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await updateUser(deps, { userId: req.params.id, ...req.body });
        return r.ok ? presentUser(r.value) : reply.sendError(r.error);
      },
    );

    app.put(
      '/users/:id/password',
      {
        ...admin,
        schema: {
          operationId: 'setUserPassword',
          tags: ['users'],
          summary: '重置密码 set a user’s password (signs them out everywhere)',
          security,
          params: IdParams,
          body: PasswordBody,
          response: { 204: { type: 'null' }, ...errors },
        },
      },
      async (req, reply) => {
        const r = await setPassword(deps, { userId: req.params.id, password: req.body.password });
        return r.ok ? reply.code(204).send() : reply.sendError(r.error);
      },
    );

    app.get(
      '/audit',
      {
        preHandler: requireCapability('audit.read'),
        schema: {
          operationId: 'listAuditEntries',
          tags: ['audit'],
          summary: '审计日志 the audit log of write requests, newest first',
          security,
          querystring: AuditQuery,
          description:
            'Keyset pages, newest first: pass `nextCursor` as `cursor` for the next page. A cursor this list did not hand out answers 400 request.bad_cursor.',
          response: {
            200: Type.Object({ items: Type.Array(AuditEntrySchema), nextCursor: NextCursor }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const r = await listAudit(deps, req.query);
        if (!r.ok) return reply.sendError(r.error);
        return { items: r.value.items.map(presentAuditEntry), nextCursor: r.value.nextCursor };
      },
    );
  };
}
