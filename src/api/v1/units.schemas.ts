import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { UNIT_KINDS } from '../../domain/units/index.ts';

/** TypeBox schemas for units (处置单位). */

export const UnitKindSchema = Type.Union(
  UNIT_KINDS.map((k) => Type.Literal(k)),
  { description: '单位类型 unit kind' },
);

const unitFields = {
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.String({ description: '区县代码 district code' }),
  regionCode: Type.String({ description: '所属区域 region code' }),
  kind: UnitKindSchema,
  name: Type.Object({ zh: Type.String(), en: Type.Union([Type.String(), Type.Null()]) }),
  creditCode: Type.Union([Type.String(), Type.Null()], {
    description: '统一社会信用代码 unified social credit code',
  }),
  active: Type.Boolean(),
};

export const UnitSchema = Type.Object(unitFields);

/** A unit with the units below it (nested to any depth). */
export const UnitNodeSchema = Type.Recursive(
  (self: TSchema) => Type.Object({ ...unitFields, children: Type.Array(self) }),
  { $id: 'UnitNode' },
);

export const UnitsQuery = Type.Object(
  {
    district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    kind: Type.Optional(UnitKindSchema),
  },
  { additionalProperties: false },
);
export type UnitsQuery = Static<typeof UnitsQuery>;

export const UnitParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export type UnitParams = Static<typeof UnitParams>;

export const CreateUnitBody = Type.Object(
  {
    id: Type.Optional(
      Type.String({ maxLength: 64, description: '留空则自动生成 generated when absent' }),
    ),
    parentId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    regionCode: Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$' }),
    // Checked by the domain, so an unknown kind answers unit.invalid_kind with the allowed list.
    kind: Type.String({ description: UNIT_KINDS.join(' | ') }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    creditCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object(
  {
    parentId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    creditCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    active: Type.Optional(
      Type.Boolean({ description: '停用 false retires the unit (never deleted)' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;
