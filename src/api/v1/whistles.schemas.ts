import { Type, type Static } from '@sinclair/typebox';
import { Instant } from './input.schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Level = Type.Union(
  [Type.Literal('community'), Type.Literal('street'), Type.Literal('district')],
  { description: '社区吹哨 / 街道吹哨 / 县区吹哨 community, street or district whistle' },
);
const Step = Type.Union(
  [Type.Literal('acknowledge'), Type.Literal('arrive'), Type.Literal('feedback')],
  { description: '报到步骤: 响应 acknowledge, 到场 arrive, 处置反馈 feedback' },
);
const Outcome = Type.Union([Type.Literal('resolved'), Type.Literal('unresolved')]);
const Status = Type.Union([
  Type.Literal('open'),
  Type.Literal('resolved'),
  Type.Literal('unresolved'),
]);
const Steps = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Object({ acknowledge: t, arrive: t, feedback: t });

export const WhistleIdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const BlowWhistleBody = Type.Object(
  {
    caseId: Type.String({ minLength: 1, maxLength: 64 }),
    unitIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      maxItems: 50,
      description: '被召集的部门 the departments summoned',
    }),
    reason: Type.String({
      maxLength: 1000,
      description: '吹哨事由 why the region cannot solve it alone',
    }),
  },
  { additionalProperties: false },
);

export const ReportBody = Type.Object(
  { step: Step, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const CloseWhistleBody = Type.Object(
  { outcome: Outcome, note: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);

export const WhistlesQuery = Type.Object(
  {
    caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    status: Type.Optional(Status),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const WhistleStatsQuery = Type.Object(
  {
    from: Instant('期间开始（含） period start, inclusive'),
    to: Instant('期间结束（不含） period end, exclusive'),
    district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
);

const SummonsView = Type.Object({
  unitId: Type.String(),
  due: Steps(Time),
  done: Steps(Nullable(Time)),
  missed: Type.Array(Step, { description: '逾期未报到的步骤 steps recorded as missed' }),
});

export const WhistleView = Type.Object(
  {
    id: Type.String(),
    districtCode: Type.String(),
    caseId: Type.String(),
    level: Level,
    levelLabel: Type.Object({ zh: Type.String(), en: Type.String() }),
    regionCode: Type.String({ description: '吹哨的社区、街道或区县 the whistling region' }),
    reason: Type.String(),
    whistledBy: Type.String(),
    whistledAt: Time,
    status: Status,
    outcomeNote: Nullable(Type.String()),
    closedBy: Nullable(Type.String()),
    closedAt: Nullable(Time),
    version: Type.Integer(),
    summons: Type.Array(SummonsView),
  },
  { $id: 'Whistle' },
);
export const WhistleRef = Type.Unsafe<Static<typeof WhistleView>>(Type.Ref('Whistle'));

export const WhistleEventView = Type.Object({
  version: Type.Integer(),
  kind: Type.String({
    description: 'blown, acknowledged, arrived, fed_back, report_missed, closed',
  }),
  label: Type.Object({ zh: Type.String(), en: Type.String() }),
  unitId: Nullable(Type.String()),
  actorUserId: Type.String(),
  actorRole: Type.String(),
  actorName: Nullable(Type.String()),
  at: Time,
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export const WhistleDetailView = Type.Object({
  whistle: WhistleRef,
  events: Type.Array(WhistleEventView),
});

const Counts = Type.Object({
  on_time: Type.Integer(),
  late: Type.Integer(),
  never: Type.Integer(),
  pending: Type.Integer(),
  waived: Type.Integer(),
});

export const WhistleStatsView = Type.Object({
  from: Time,
  to: Time,
  asOf: Time,
  districts: Type.Array(Type.String(), { description: 'empty: every district of the city' }),
  levels: Type.Array(
    Type.Object({
      level: Level,
      whistles: Type.Integer({ description: '吹哨次数 whistles blown in the period' }),
      open: Type.Integer(),
      resolved: Type.Integer(),
      unresolved: Type.Integer(),
      departments: Type.Intersect([Counts, Type.Object({ summoned: Type.Integer() })]),
      steps: Steps(Counts),
    }),
  ),
});
