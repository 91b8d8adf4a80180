import { Type } from '@sinclair/typebox';

const Period = Type.String({
  pattern: '^20[0-9]{2}(-(0[1-9]|1[0-2]))?$',
  description: '考核周期 period: YYYY-MM (month) or YYYY (year)',
  examples: ['2024-06'],
});
const District = Type.String({
  pattern: '^[0-9]{6}$',
  description: '区县代码 district code (default: the caller’s district)',
});

export const AssessmentQuery = Type.Object(
  {
    period: Period,
    level: Type.Optional(
      Type.Union(
        ['unit', 'supervisor', 'operator', 'dispatcher', 'region', 'whistle'].map((l) =>
          Type.Literal(l),
        ),
        { description: '被考核对象 evaluated parties (default unit)' },
      ),
    ),
    district: Type.Optional(District),
    regionLevel: Type.Optional(
      Type.Union(
        ['district', 'street', 'community', 'grid'].map((l) => Type.Literal(l)),
        { description: 'level=region: 区域层级 region level (default street)' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TraceParams = Type.Object({
  indicator: Type.String({ pattern: '^[a-z_.]{1,80}$', description: '指标 indicator id' }),
});

export const TraceQuery = Type.Object(
  {
    period: Period,
    party: Type.String({
      minLength: 1,
      maxLength: 80,
      description: '被考核对象 a unit id, a user id, or a region code',
    }),
    district: Type.Optional(District),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  },
  { additionalProperties: false },
);

export const ReportQuery = Type.Object(
  {
    period: Period,
    district: Type.Optional(District),
    unit: Type.Optional(
      Type.String({ minLength: 1, maxLength: 80, description: '单位 a unit’s own report' }),
    ),
    format: Type.Optional(
      Type.Union([Type.Literal('xlsx'), Type.Literal('html')], { default: 'xlsx' }),
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Change = Type.Object({
  delta: Nullable(Type.Number()),
  pct: Nullable(Type.Number({ description: '相对变化 % relative change (null: from 0)' })),
});
const PeriodSchema = Type.Object({
  label: Type.String(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date', description: 'exclusive' }),
});
const IndicatorSchema = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.Union(['count', 'rate', 'hours', 'ratio'].map((k) => Type.Literal(k))),
  lowerIsBetter: Type.Boolean(),
});

export const AssessmentSchema = Type.Object({
  district: Type.String(),
  level: Type.String(),
  regionLevel: Type.Union([Type.String(), Type.Null()]),
  period: PeriodSchema,
  previous: PeriodSchema,
  yearAgo: PeriodSchema,
  indicators: Type.Array(IndicatorSchema),
  parties: Type.Array(
    Type.Object({
      partyId: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      composite: Nullable(Type.Number({ description: '综合指标值 composite score 0..100' })),
      grade: Type.Union([Type.String(), Type.Null()]),
      rank: Type.Integer(),
      compositeMom: Change,
      compositeYoy: Change,
      values: Type.Array(
        Type.Object({
          id: Type.String(),
          value: Nullable(Type.Number()),
          mom: Change,
          yoy: Change,
        }),
      ),
    }),
  ),
});

export const TraceSchema = Type.Object({
  indicator: IndicatorSchema,
  period: PeriodSchema,
  district: Type.String(),
  party: Type.String(),
  sums: Type.Record(Type.String(), Type.Number(), {
    description: '各事实项合计 each metric summed over the listed facts',
  }),
  truncated: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      caseId: Type.String(),
      caseNumber: Type.String(),
      eventId: Type.String(),
      action: Type.String(),
      at: Type.String({ format: 'date-time' }),
      day: Type.String({ format: 'date' }),
      partyId: Type.String(),
      metric: Type.String(),
      value: Type.Number(),
    }),
  ),
});
