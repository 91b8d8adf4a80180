import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Kind = Type.Union([Type.Literal('component'), Type.Literal('event')]);
const RegionLevel = Type.Union([
  Type.Literal('district'),
  Type.Literal('street'),
  Type.Literal('community'),
  Type.Literal('grid'),
]);
const LoopLevel = Type.Union([
  Type.Literal('city'),
  Type.Literal('district'),
  Type.Literal('street'),
  Type.Literal('community'),
]);
const Text = { zh: Type.String(), en: Type.String() };

export const DispatchRuleView = Type.Object(
  {
    id: Type.String(),
    districtCode: Nullable(Type.String({ description: 'null: city-wide' })),
    categoryKind: Kind,
    categoryCode: Type.String({ description: 'small-class code, big-class prefix or *' }),
    regionLevel: Nullable(RegionLevel),
    regionCode: Nullable(Type.String()),
    loopLevel: Nullable(LoopLevel),
    unitId: Type.String(),
    autoDispatch: Type.Boolean(),
    priority: Type.Integer(),
    active: Type.Boolean(),
    note: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    deactivatedBy: Nullable(Type.String()),
    deactivatedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'DispatchRule' },
);
export const DispatchRuleRef = Type.Unsafe<Static<typeof DispatchRuleView>>(
  Type.Ref('DispatchRule'),
);

export const CreateDispatchRuleBody = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' })),
    districtCode: Nullable(Type.String({ pattern: '^[0-9]{6}$' })),
    categoryKind: Kind,
    categoryCode: Type.String({ minLength: 1, maxLength: 16 }),
    regionLevel: Type.Optional(Nullable(RegionLevel)),
    regionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6,15}$' }))),
    loopLevel: Type.Optional(Nullable(LoopLevel)),
    unitId: Type.String({ minLength: 1, maxLength: 64 }),
    autoDispatch: Type.Optional(Type.Boolean()),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateDispatchRuleBody = Static<typeof CreateDispatchRuleBody>;

export const DispatchRulesQuery = Type.Object({
  district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  includeInactive: Type.Optional(Type.Boolean()),
});
export type DispatchRulesQuery = Static<typeof DispatchRulesQuery>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type IdParams = Static<typeof IdParams>;

const UnitRef = Type.Object({ id: Type.String(), nameZh: Nullable(Type.String()) });

export const DispatchSuggestionView = Type.Object({
  caseId: Type.String(),
  unit: UnitRef,
  rule: DispatchRuleRef,
  autoDispatch: Type.Boolean(),
  reason: Type.Object(Text),
  alternatives: Type.Array(
    Type.Object({ unit: UnitRef, ruleId: Type.String(), reason: Type.Object(Text) }),
  ),
  passedOver: Type.Array(
    Type.Object({ unit: UnitRef, ruleId: Type.String(), reason: Type.Object(Text) }),
    { description: '已回退此案件的单位：规则本会选中，但不再建议 units that sent the case back' },
  ),
});

export const DispatchTrialQuery = Type.Object({
  categoryKind: Kind,
  categoryCode: Type.String({
    pattern: '^[0-9A-Za-z]{1,10}$',
    description: '小类代码 category code',
  }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(
    Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')]),
  ),
  loopLevel: Type.Optional(LoopLevel),
});

export const DispatchTrialView = Type.Object({
  location: Type.Object({
    grid: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
    community: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
    street: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
    district: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
    point: Type.Object({ lng: Type.Number(), lat: Type.Number() }),
  }),
  loopLevel: LoopLevel,
  unit: UnitRef,
  rule: DispatchRuleRef,
  autoDispatch: Type.Boolean(),
  reason: Type.Object(Text),
  alternatives: Type.Array(
    Type.Object({ unit: UnitRef, ruleId: Type.String(), reason: Type.Object(Text) }),
  ),
});
