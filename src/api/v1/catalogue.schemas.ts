import { Type, type Static } from '@sinclair/typebox';
import {
  CATEGORY_KINDS,
  RESPONSIBLE_UNIT_KINDS,
  TIME_LIMIT_UNITS,
  URGENCY_CLASSES,
} from '../../domain/catalogue/index.ts';

/** TypeBox schemas for the category catalogue (validation, types and OpenAPI at once). */

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

export const KindSchema = literals(CATEGORY_KINDS, '部件 component / 事件 event');
const SchemeId = Type.String({
  pattern: '^[a-z0-9.-]{1,40}$',
  description: '分类标准 scheme id (default gbt47678.5-2026)',
});
const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: '区县代码 district code' });
const Code = Type.String({
  pattern: '^[0-9]{4,5}$',
  description: '类别代码 5 digits (current) or 4 (legacy)',
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const TextSchema = Type.Object({ zh: Type.String(), en: Nullable(Type.String()) });
const TimeLimitSchema = Type.Object({
  amount: Type.Number(),
  unit: literals(TIME_LIMIT_UNITS, '工作时 / 工作日 / 自然小时'),
});
const ProvenanceSchema = Type.Object(
  { source: Type.String(), standard: Type.String(), confirmed: Type.String() },
  { description: '来源与可信度 where the row came from and how sure it is' },
);
const KeySchema = Type.Object({ scheme: Type.String(), kind: KindSchema, code: Type.String() });

export const SchemeSchema = Type.Object({
  id: Type.String(),
  family: literals(['current', 'legacy'], '现行 current (5-digit) / 旧 legacy (4-digit)'),
  name: TextSchema,
  standard: Type.String(),
  isDefault: Type.Boolean(),
  provenance: Type.Object({ source: Type.String(), confirmed: Type.String() }),
});

export const UrgencyClassSchema = Type.Object({
  id: literals(URGENCY_CLASSES, '紧急程度 urgency class'),
  name: TextSchema,
  rank: Type.Integer(),
});

export const CategorySchema = Type.Object({
  scheme: Type.String(),
  kind: KindSchema,
  code: Type.String(),
  bigCode: Type.String({ description: '大类代码 big class' }),
  bigName: TextSchema,
  name: TextSchema,
  provenance: ProvenanceSchema,
});

export const EffectiveStandardSchema = Type.Object({
  districtCode: Nullable(Type.String()),
  enabled: Type.Boolean(),
  filingCriteria: TextSchema,
  closingCriteria: TextSchema,
  timeLimits: Type.Object({
    urgent: TimeLimitSchema,
    pressing: TimeLimitSchema,
    normal: TimeLimitSchema,
  }),
  responsibleUnitKind: literals(RESPONSIBLE_UNIT_KINDS, '责任单位类型 responsible unit kind'),
  responsibleDepartment: Nullable(TextSchema),
  provenance: Type.String({ description: '时限来源 where the default limits come from' }),
  overridden: Type.Array(Type.String(), {
    description: '区县覆盖的字段 fields the district overrides',
  }),
  overrideNote: Nullable(Type.String()),
});

export const MappingSchema = Type.Object({
  legacy: KeySchema,
  current: KeySchema,
  basis: literals(['same_name', 'same_name_normalised', 'order_and_synonym'], '映射依据 basis'),
  note: Type.String(),
});

export const CategoryDetailSchema = Type.Intersect([
  CategorySchema,
  Type.Object({
    standard: EffectiveStandardSchema,
    mapsTo: Nullable(MappingSchema),
    mappedFrom: Type.Array(MappingSchema),
  }),
]);

export const KeyedStandardSchema = Type.Object({
  scheme: Type.String(),
  kind: KindSchema,
  code: Type.String(),
  standard: EffectiveStandardSchema,
});

export const ListCategoriesQuery = Type.Object(
  {
    scheme: Type.Optional(SchemeId),
    kind: Type.Optional(KindSchema),
    big: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: '大类代码 big class' })),
    district: Type.Optional(DistrictCode),
  },
  { additionalProperties: false },
);
export type ListCategoriesQuery = Static<typeof ListCategoriesQuery>;

export const CategoryParams = Type.Object({ kind: KindSchema, code: Code });
export type CategoryParams = Static<typeof CategoryParams>;

export const CategoryQuery = Type.Object(
  { scheme: Type.Optional(SchemeId), district: Type.Optional(DistrictCode) },
  { additionalProperties: false },
);
export type CategoryQuery = Static<typeof CategoryQuery>;

export const MappingsQuery = Type.Object(
  { scheme: Type.Optional(SchemeId), kind: Type.Optional(KindSchema), code: Type.Optional(Code) },
  { additionalProperties: false },
);
export type MappingsQuery = Static<typeof MappingsQuery>;

export const OverrideParams = Type.Object({ district: DistrictCode, kind: KindSchema, code: Code });
export type OverrideParams = Static<typeof OverrideParams>;

export const OverridesQuery = Type.Object(
  { district: DistrictCode },
  { additionalProperties: false },
);
export type OverridesQuery = Static<typeof OverridesQuery>;

const TextInput = Type.Object(
  {
    zh: Type.String({ maxLength: 2000 }),
    en: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
// Unit and amount are checked by the domain, so a bad one answers catalogue.invalid_time_limit.
const TimeLimitInput = Type.Object(
  {
    amount: Type.Number(),
    unit: Type.String({ description: 'working_hours | working_days | calendar_hours' }),
  },
  { additionalProperties: false },
);

export const OverrideBody = Type.Object(
  {
    enabled: Type.Optional(Nullable(Type.Boolean())),
    filingCriteria: Type.Optional(Nullable(TextInput)),
    closingCriteria: Type.Optional(Nullable(TextInput)),
    timeLimits: Type.Optional(
      Nullable(
        Type.Record(Type.String(), TimeLimitInput, {
          description: '按紧急程度 by urgency class: urgent / pressing / normal',
        }),
      ),
    ),
    responsibleUnitKind: Type.Optional(Nullable(Type.String())),
    responsibleDepartment: Type.Optional(Nullable(TextInput)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  {
    additionalProperties: false,
    description:
      '区县覆盖（整体替换；未给出的字段沿用默认） district override (replaces the previous one)',
  },
);
export type OverrideBody = Static<typeof OverrideBody>;

export const OverrideSchema = Type.Object({
  districtCode: Type.String(),
  category: KeySchema,
  enabled: Nullable(Type.Boolean()),
  filingCriteria: Nullable(TextSchema),
  closingCriteria: Nullable(TextSchema),
  timeLimits: Type.Object({
    urgent: Type.Optional(TimeLimitSchema),
    pressing: Type.Optional(TimeLimitSchema),
    normal: Type.Optional(TimeLimitSchema),
  }),
  responsibleUnitKind: Nullable(Type.String()),
  responsibleDepartment: Nullable(TextSchema),
  note: Nullable(Type.String()),
});
