import { Type, type Static } from '@sinclair/typebox';
import { CAPABILITIES, ROLES } from '../../domain/access/index.ts';

/** TypeBox schemas for sign-in, users and the audit log (validation, types and OpenAPI at once). */

export const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: '角色 role' },
);

const RegionCode = Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$' });
const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: '区县代码 district code' });

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  districtCode: DistrictCode,
  unitId: Type.Union([Type.String(), Type.Null()]),
  regionScope: Type.Array(Type.String(), { description: '可操作的区域代码 region codes in scope' }),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const PrincipalSchema = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  districtCode: DistrictCode,
  unitId: Type.Union([Type.String(), Type.Null()]),
  regionScope: Type.Array(Type.String()),
});

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionSchema = Type.Object({
  token: Type.String({ description: '会话令牌 bearer token' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: PrincipalSchema,
  capabilities: Type.Array(Type.Union(CAPABILITIES.map((c) => Type.Literal(c)))),
});

export const MeSchema = Type.Object({
  user: PrincipalSchema,
  capabilities: Type.Array(Type.Union(CAPABILITIES.map((c) => Type.Literal(c)))),
  mayReadReporterPhone: Type.Boolean(),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.@-]{2,64}$' }),
    displayName: Type.Optional(Type.String({ maxLength: 100 })),
    role: RoleSchema,
    districtCode: DistrictCode,
    unitId: Type.Optional(Type.String()),
    regionScope: Type.Optional(Type.Array(RegionCode, { maxItems: 200 })),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    regionScope: Type.Optional(Type.Array(RegionCode, { maxItems: 200 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const PasswordBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

const ListCursor = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 400,
    pattern: '^[A-Za-z0-9_-]+$',
    description: '上一页的 nextCursor the nextCursor of the previous page',
  }),
);
const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: '下一页游标，末页为 null cursor of the next page (null: last page)',
});

/** Keyset pages in username order (no offsets): pass `nextCursor` as `cursor`. */
export const UserListQuery = Type.Object(
  {
    districtCode: Type.Optional(DistrictCode),
    role: Type.Optional(RoleSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: ListCursor,
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const IdParams = Type.Object({ id: Type.String() });

export const AuditQuery = Type.Object({
  districtCode: Type.Optional(DistrictCode),
  userId: Type.Optional(Type.String()),
  entity: Type.Optional(Type.String()),
  entityId: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  cursor: ListCursor,
});
export type AuditQuery = Static<typeof AuditQuery>;

export { NextCursor };

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  userId: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  method: Type.String(),
  route: Type.String(),
  entity: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  // null: the request ran, its outcome could not be written (the entry is begun before the write)
  status: Type.Union([Type.Integer(), Type.Null()]),
  requestId: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
