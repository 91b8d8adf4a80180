import { Type, type Static } from '@sinclair/typebox';
import { URGENCIES } from '../../domain/cases/index.ts';
import { CRS_VALUES } from '../../domain/geo/index.ts';
import { CALL_BACK_RESULTS, HOTLINE_LINES, ORDER_STATUSES } from '../../domain/hotline/index.ts';
import { Instant, Lat, Lng } from './input.schemas.ts';

/** TypeBox schemas of the hotline (接诉即办): calls, work orders, rates, the platform exchange. */

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{3,20}$', description: '来电号码 caller phone' });
const Line = literals(HOTLINE_LINES, '热线 12345 (市民热线) or 12319 (城建热线)');
const HotlineTypeCode = Type.String({
  minLength: 1,
  maxLength: 32,
  description: '热线类型 hotline type (reference/channels/hotline-types.csv)',
});
const Location = Type.Object(
  {
    lng: Lng(),
    lat: Lat(),
    crs: Type.Optional(literals(CRS_VALUES, '坐标系 coordinate system (default wgs84)')),
  },
  { additionalProperties: false },
);

const callFields = {
  line: Line,
  hotlineType: HotlineTypeCode,
  callerName: Type.Optional(Type.String({ maxLength: 100 })),
  callerPhone: Phone,
  description: Type.String({
    minLength: 1,
    maxLength: 4000,
    description: '诉求 what the caller reports',
  }),
  location: Type.Optional(Location),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  urgency: Type.Optional(
    literals(URGENCIES, '紧急程度 urgency (default: the type’s, else normal)'),
  ),
};

export const RecordCallBody = Type.Object(
  {
    ...callFields,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    photoIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 30 }),
    ),
  },
  { additionalProperties: false },
);

export const HotlineTypesView = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.Object({ zh: Type.String(), en: Type.String() }),
      kind: Type.Union([Type.Literal('component'), Type.Literal('event')]),
      categoryCode: Type.String(),
      urgency: Nullable(literals(URGENCIES, '该类型默认紧急程度 the type’s urgency')),
      route: Type.Union([Type.Literal('street'), Type.Literal('department')], {
        description:
          'street: 直派街道 to the street centre; department: 按派遣规则 by dispatch rule',
      }),
    }),
  ),
});

export const OrderParams = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 64,
    description: '工单 = 案件 id the order’s case id',
  }),
});

export const OrdersQuery = Type.Object(
  {
    status: Type.Optional(literals(ORDER_STATUSES, '工单状态 order status')),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const RespondBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object(
  {
    note: Type.String({
      maxLength: 2000,
      description: '答复内容 what the caller was told (required)',
    }),
  },
  { additionalProperties: false },
);
export const CallBackBody = Type.Object(
  {
    result: literals(CALL_BACK_RESULTS, '回访结果 满意 / 基本满意 / 不满意'),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: '回访说明 (required when dissatisfied)' }),
    ),
  },
  { additionalProperties: false },
);
export const LinkCallBody = Type.Object(
  {
    callerName: Type.Optional(Type.String({ maxLength: 100 })),
    callerPhone: Type.Optional(Phone),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const Caller = Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()) });

export const OrderView = Type.Object(
  {
    id: Type.String({ description: '工单 id = its case id' }),
    caseNumber: Type.String(),
    districtCode: Type.String(),
    line: Line,
    orderNo: Nullable(Type.String({ description: '12345 平台工单号 the platform’s number' })),
    hotlineType: Type.String(),
    streetCode: Type.String(),
    unitId: Type.String(),
    status: literals(ORDER_STATUSES, '工单状态'),
    receivedAt: Time,
    dispatchedAt: Time,
    respondDueAt: Time,
    handleDueAt: Time,
    respondedAt: Nullable(Time),
    respondedLate: Type.Boolean(),
    repliedAt: Nullable(Time),
    replyNote: Nullable(Type.String()),
    handledLate: Type.Boolean(),
    callBack: Nullable(
      Type.Object({
        result: literals(CALL_BACK_RESULTS, '回访结果'),
        note: Nullable(Type.String()),
        at: Time,
      }),
    ),
    reopenCount: Type.Integer(),
    linkedCalls: Type.Integer(),
    version: Type.Integer(),
    caller: Nullable(Caller),
  },
  { $id: 'HotlineOrder' },
);
export const OrderRef = Type.Unsafe<Static<typeof OrderView>>(Type.Ref('HotlineOrder'));

export const RecordedCallView = Type.Object({
  order: OrderRef,
  likelyDuplicates: Type.Array(
    Type.Object({ caseId: Type.String(), caseNumber: Type.String(), distanceM: Type.Number() }),
    {
      description: '附近同类未结案件：可改为关联重复来电 likely duplicates (link the call instead)',
    },
  ),
});

export const OrderDetailView = Type.Object({
  order: OrderRef,
  calls: Type.Array(
    Type.Object({ caller: Caller, description: Nullable(Type.String()), at: Time }),
    { description: '关联的重复来电 repeated calls linked to the order' },
  ),
});

export const RatesQuery = Type.Object(
  {
    from: Instant('期间开始（含） received from, inclusive'),
    to: Instant('期间结束（不含） received before, exclusive'),
    district: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    street: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const RateView = Type.Object({
  numerator: Type.Number(),
  denominator: Type.Integer(),
  percent: Nullable(Type.Number()),
});
const RateSetView = Type.Object({
  response: RateView,
  handling: RateView,
  satisfaction: RateView,
});
const Average = Type.Object({
  response: Nullable(Type.Number()),
  handling: Nullable(Type.Number()),
  satisfaction: Nullable(Type.Number()),
});
const Group = Type.Object({ key: Type.String(), orders: Type.Integer(), rates: RateSetView });

export const RatesView = Type.Object({
  from: Time,
  to: Time,
  asOf: Time,
  orders: Type.Integer(),
  total: RateSetView,
  byStreet: Type.Array(Group),
  byUnit: Type.Array(Group, { description: '按承办单位（部门、街道） per receiving unit' }),
  streetAverage: Average,
  unitAverage: Average,
});

export const ApiKeyQuery = Type.Object(
  { api_key: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  {
    orders: Type.Array(
      Type.Object(
        {
          orderNo: Type.String({
            minLength: 1,
            maxLength: 64,
            pattern: '^[0-9A-Za-z_-]+$',
            description: '平台工单号 the platform’s order number',
          }),
          ...callFields,
          location: Location,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export const ImportView = Type.Object({
  results: Type.Array(
    Type.Object({
      orderNo: Type.String(),
      outcome: literals(
        ['created', 'unchanged', 'conflict', 'refused'] as const,
        'created / unchanged (imported before, nothing new) / conflict / refused (code, details)',
      ),
      caseId: Type.Optional(Type.String()),
      caseNumber: Type.Optional(Type.String()),
      unitId: Type.Optional(Type.String()),
      code: Type.Optional(Type.String()),
      details: Type.Optional(Type.Unknown()),
    }),
  ),
});

export const ExportQuery = Type.Object(
  {
    api_key: Type.Optional(Type.String({ maxLength: 200 })),
    since: Instant('变更时间起（含） orders changed at or after this instant'),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const ExportView = Type.Object({
  orders: Type.Array(
    Type.Object({
      orderNo: Nullable(Type.String()),
      caseId: Type.String(),
      caseNumber: Type.String(),
      line: Line,
      hotlineType: Type.String(),
      status: literals(ORDER_STATUSES, '工单状态'),
      unitId: Type.String(),
      receivedAt: Time,
      respondDueAt: Time,
      respondedAt: Nullable(Time),
      respondedLate: Type.Boolean(),
      handleDueAt: Time,
      repliedAt: Nullable(Time),
      reply: Nullable(Type.String()),
      handledLate: Type.Boolean(),
      callBack: Nullable(
        Type.Object({ result: Type.String(), note: Nullable(Type.String()), at: Time }),
      ),
      reopenCount: Type.Integer(),
      updatedAt: Time,
    }),
  ),
  next: Nullable(Time),
});
