import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import {
  ACTION_LABELS,
  CASE_STATUSES,
  LOOP_LEVELS,
  SOURCE_CHANNELS,
  STEP_NAMES,
  URGENCIES,
} from '../../domain/cases/index.ts';
import { CRS_VALUES } from '../../domain/geo/index.ts';
import { CASE_QUEUES } from '../../services/cases/read-cases.ts';
import {
  CASE_COMMAND_KINDS,
  commandPath,
  type CaseCommandKind,
} from '../../services/cases/commands.ts';
import { Instant, Lat, Lng, MAX_INT4 } from './input.schemas.ts';

/** TypeBox schemas for cases (案件): intake, reads, queues and one body per workflow action. */

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

// Reasons, notes and photos a workflow action needs are checked by the domain, so a missing one
// and a blank one are the same refusal (422 case.reason_required / case.photos_required) on every
// action; the schema only bounds their size.
const Reason = Type.Optional(
  Type.String({
    maxLength: 2000,
    description:
      '原因 reason (required by the workflow: 422 case.reason_required when missing or blank)',
  }),
);
const NeededNote = Type.Optional(
  Type.String({
    maxLength: 2000,
    description:
      '说明 note (required by the workflow: 422 case.reason_required when missing or blank)',
  }),
);
const Note = Type.String({ maxLength: 2000, description: '说明 note' });
const PhotoIds = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
  maxItems: 30,
  description: '照片 id photo ids (from the upload endpoint)',
});
const UnitId = Type.String({ minLength: 1, maxLength: 64, description: '单位 id unit id' });
const ExpectedVersion = Type.Optional(
  Type.Integer({
    minimum: 1,
    maximum: MAX_INT4,
    description: '调用方看到的版本号；也可用 If-Match 头 the version the caller saw (or If-Match)',
  }),
);

export const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type CaseParams = Static<typeof CaseParams>;

const PolygonSchema = Type.Object({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(
    Type.Array(Type.Tuple([Lng(), Lat()]), { minItems: 4, maxItems: 10_000 }),
    { minItems: 1, maxItems: 100 },
  ),
});

export const ReportCaseBody = Type.Object(
  {
    source: Type.Optional(literals(SOURCE_CHANNELS, '问题来源 source channel (default from role)')),
    kind: literals(['component', 'event'] as const, '部件 component / 事件 event'),
    categoryCode: Type.String({ pattern: '^[0-9]{4,6}$', description: '类别代码 category code' }),
    categoryScheme: Type.Optional(Type.String({ maxLength: 32 })),
    urgency: literals(URGENCIES, '紧急程度 urgency'),
    location: Type.Object(
      {
        lng: Lng(),
        lat: Lat(),
        crs: Type.Optional(literals(CRS_VALUES, '坐标系 coordinate system (default wgs84)')),
      },
      { additionalProperties: false },
    ),
    polygon: Type.Optional(PolygonSchema),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    photoIds: Type.Optional(PhotoIds),
    reporter: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 100 })),
          phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{3,20}$' })),
        },
        { additionalProperties: false },
      ),
    ),
    note: Type.Optional(Note),
    selfHandle: Type.Optional(
      Type.Object(
        { note: Note, beforePhotoIds: PhotoIds, afterPhotoIds: PhotoIds },
        {
          additionalProperties: false,
          description: '自行处置：现场处理完毕直接结案 self-handled on the spot (opens closed)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ReportCaseBody = Static<typeof ReportCaseBody>;

export const CasesQuery = Type.Object(
  {
    queue: Type.Optional(literals(CASE_QUEUES, '工作队列 work queue (default all)')),
    status: Type.Optional(literals(CASE_STATUSES, '状态 status')),
    district: Type.Optional(
      Type.String({ pattern: '^[0-9]{6}$', description: '区 district code' }),
    ),
    street: Type.Optional(Type.String({ pattern: '^[0-9]{9}$', description: '街道 street code' })),
    community: Type.Optional(
      Type.String({ pattern: '^[0-9]{12}$', description: '社区 community code' }),
    ),
    grid: Type.Optional(Type.String({ pattern: '^[0-9]{15}$', description: '单元网格 grid code' })),
    source: Type.Optional(literals(SOURCE_CHANNELS, '问题来源 source channel')),
    category: Type.Optional(
      Type.String({ pattern: '^[0-9]{4,5}$', description: '类别代码 category code' }),
    ),
    unit: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description: '处置单位 unit id (main or assisting)',
      }),
    ),
    urgency: Type.Optional(literals(URGENCIES, '紧急程度 urgency')),
    reportedFrom: Type.Optional(Instant('上报时间起（含）reported at or after')),
    reportedTo: Type.Optional(Instant('上报时间止（不含）reported before')),
    closedFrom: Type.Optional(Instant('结案时间起（含）closed at or after')),
    closedTo: Type.Optional(Instant('结案时间止（不含）closed before')),
    overdue: Type.Optional(
      literals(['true', 'false'] as const, '超期 only overdue (true) or only not overdue (false)'),
    ),
    caseNumber: Type.Optional(
      Type.String({
        maxLength: 24,
        pattern: '^[0-9]{6}-[0-9]{8}-[0-9]{4,8}$',
        description: '案件编号 case number',
      }),
    ),
    trackingCode: Type.Optional(
      Type.String({ pattern: '^[0-9A-Za-z]{10}$', description: '举报查询码 tracking code' }),
    ),
    text: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 100,
        description:
          '地址或描述包含：至少连续三个字或数字；两个字（如“井盖”）须同时限定区、街道、社区、网格、单位、类别、工作队列或不超过 31 天的时间范围 text in the address or description: three letters or digits in a row, or two (a two-character word such as 井盖) with a district, street, community, grid, unit, category, work queue or a time range of at most 31 days',
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 400,
        pattern: '^[A-Za-z0-9_-]+$',
        description: '上一页的 nextCursor the nextCursor of the previous page',
      }),
    ),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type CasesQuery = Static<typeof CasesQuery>;

/** The filters of the case list for an export: every one but the page's cursor and size. */
export const CasesExportQuery = Type.Omit(CasesQuery, ['cursor', 'pageSize'], {
  additionalProperties: false,
});

export const LikelyDuplicatesView = Type.Object({
  items: Type.Array(
    Type.Object({
      caseId: Type.String(),
      caseNumber: Type.String(),
      distanceM: Type.Number({ description: '距离（米） distance in metres' }),
      ageMs: Type.Number({ description: '上报时间相差（毫秒） time between the reports' }),
    }),
  ),
});

const body = (props: TProperties) =>
  Type.Object({ ...props, expectedVersion: ExpectedVersion }, { additionalProperties: false });

const TimeLimitBody = Type.Object(
  {
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 8760 }),
    unit: literals(['working_hours', 'working_days', 'calendar_hours'] as const, '时限单位 unit'),
  },
  { additionalProperties: false },
);

/** The HTTP body of each workflow command (the domain declares the rest of the action). */
const ACTION_BODIES: Readonly<Record<CaseCommandKind, { readonly body: TObject }>> = {
  verify: {
    body: body({ note: Type.Optional(Note), photoIds: Type.Optional(PhotoIds) }),
  },
  file: { body: body({ note: Type.Optional(Note) }) },
  refuse_filing: { body: body({ reason: Reason }) },
  dispatch: {
    body: body({
      unitId: UnitId,
      assistingUnitIds: Type.Optional(Type.Array(UnitId, { maxItems: 10 })),
      ruleId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
      note: Type.Optional(Note),
    }),
  },
  redispatch: {
    body: body({
      unitId: UnitId,
      reason: Reason,
      ruleId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    }),
  },
  handle_first: { body: body({ unitId: UnitId, reason: Reason }) },
  accept: { body: body({ note: Type.Optional(Note) }) },
  send_back: { body: body({ reason: Reason }) },
  feedback: {
    body: body({ note: NeededNote, photoIds: Type.Optional(PhotoIds) }),
  },
  recheck_pass: {
    body: body({ note: Type.Optional(Note), photoIds: Type.Optional(PhotoIds) }),
  },
  rework: { body: body({ reason: Reason, photoIds: Type.Optional(PhotoIds) }) },
  close: { body: body({ note: Type.Optional(Note) }) },
  evaluate: {
    body: body({
      satisfaction: Type.Integer({
        minimum: 1,
        maximum: 5,
        description: '满意度 1–5 satisfaction',
      }),
      comment: Type.Optional(Note),
    }),
  },
  request_extension: {
    body: body({
      reason: Reason,
      requestedDueAt: Type.Optional(Instant()),
    }),
  },
  approve_extension: {
    body: body({ note: Type.Optional(Note), extra: Type.Optional(TimeLimitBody) }),
  },
  reject_extension: { body: body({ reason: Reason }) },
  request_hold: { body: body({ reason: Reason }) },
  approve_hold: { body: body({ note: Type.Optional(Note) }) },
  reject_hold: { body: body({ reason: Reason }) },
  resume: { body: body({ note: Type.Optional(Note) }) },
  request_cancel: { body: body({ reason: Reason }) },
  approve_cancel: { body: body({ note: Type.Optional(Note) }) },
  reject_cancel: { body: body({ reason: Reason }) },
  urge: { body: body({ note: NeededNote }) },
  add_assisting_units: {
    body: body({ unitIds: Type.Array(UnitId, { minItems: 1, maxItems: 10 }) }),
  },
  assist_feedback: {
    body: body({ note: NeededNote, photoIds: Type.Optional(PhotoIds) }),
  },
  settle_responsibility: {
    body: body({ unitId: UnitId, note: Type.Optional(Note) }),
  },
  merge: {
    body: body({ targetCaseId: Type.String({ minLength: 1, maxLength: 64 }) }),
  },
  spot_check_pass: { body: body({ note: Type.Optional(Note) }) },
  reopen: { body: body({ reason: Reason }) },
};

/** One sub-resource per workflow action: its path under /cases/{id} (declared with the action) and body. */
export const ACTION_ROUTES: Readonly<
  Record<CaseCommandKind, { readonly path: string; readonly body: TObject }>
> = Object.fromEntries(
  CASE_COMMAND_KINDS.map((k) => [k, { path: commandPath(k), body: ACTION_BODIES[k].body }]),
) as Record<CaseCommandKind, { readonly path: string; readonly body: TObject }>;

export const actionSummary = (kind: CaseCommandKind): string =>
  `${ACTION_LABELS[kind].zh} ${ACTION_LABELS[kind].en}`;

const Iso = Type.String({ format: 'date-time' });
const Labels = Type.Object({ zh: Type.String(), en: Type.String() });

const DeadlineView = Type.Object({
  step: literals(STEP_NAMES, '环节 step'),
  startedAt: Iso,
  dueAt: Iso,
  warnAt: Iso,
  pausedAt: Nullable(Iso),
  pausedWorkingMs: Type.Number(),
});

const ReporterView = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(
    Type.String({ description: '按角色脱敏 masked for roles that do not call back' }),
  ),
  email: Type.Optional(
    Type.String({
      description:
        '电子邮箱（Open311 报告人），按角色脱敏 the reporter’s e-mail (Open311), masked for roles that do not write back',
    }),
  ),
});

export const CaseView = Type.Object(
  {
    id: Type.String(),
    caseNumber: Type.String({ description: '案件编号 district-date-sequence' }),
    status: literals(CASE_STATUSES, '状态 status'),
    statusLabel: Labels,
    source: literals(SOURCE_CHANNELS, '问题来源 source'),
    externalRef: Type.Union([Type.String(), Type.Null()], {
      description: '渠道单号 the channel’s own reference (12345 order number, client request id)',
    }),
    originClientId: Type.Union([Type.String(), Type.Null()], {
      description:
        '接入系统 the client system that submitted the report (null: a signed-in person)',
    }),
    kind: literals(['component', 'event'] as const, '部件/事件'),
    category: Type.Object({ scheme: Type.String(), code: Type.String() }),
    urgency: literals(URGENCIES, '紧急程度 urgency'),
    location: Type.Object({
      lng: Type.Number(),
      lat: Type.Number(),
      polygon: Nullable(PolygonSchema),
    }),
    districtCode: Type.String(),
    streetCode: Nullable(Type.String()),
    communityCode: Nullable(Type.String()),
    gridCode: Nullable(Type.String()),
    address: Type.String(),
    description: Type.String(),
    photoIds: Type.Array(Type.String()),
    reporter: ReporterView,
    linkedReports: Type.Array(
      Type.Object({
        caseId: Type.String(),
        caseNumber: Type.String(),
        source: Type.String(),
        reporter: ReporterView,
        linkedAt: Iso,
      }),
    ),
    loopLevel: literals(LOOP_LEVELS, '循环层级 loop level'),
    mainUnitId: Nullable(Type.String()),
    assistingUnitIds: Type.Array(Type.String()),
    workedUnitIds: Type.Array(Type.String(), {
      description: '经办过的单位 every unit the case was sent to (they keep reading it)',
    }),
    sentBackUnitIds: Type.Array(Type.String(), {
      description: '回退过的单位 units that sent it back',
    }),
    assistFeedbackUnitIds: Type.Array(Type.String(), {
      description: '已反馈的协同单位 assisting units that fed back',
    }),
    dispatchRuleId: Nullable(Type.String()),
    responsibleUnitId: Nullable(Type.String()),
    timer: Nullable(
      Type.Object({
        step: literals(STEP_NAMES, '环节 step'),
        dueAt: Iso,
        warnAt: Iso,
        state: literals(
          ['on_time', 'warning', 'overdue', 'paused'] as const,
          '计时状态 timer state',
        ),
      }),
    ),
    deadlines: Type.Array(DeadlineView),
    pendingRequest: Nullable(
      Type.Object({
        kind: literals(['extension', 'hold', 'cancel'] as const, '待审批申请 pending request'),
        reason: Type.String(),
        requestedBy: Type.String(),
        requestedByRole: Type.String(),
        requestedAt: Iso,
        requestedDueAt: Nullable(Iso),
      }),
    ),
    counters: Type.Object({
      reworkCount: Type.Integer(),
      sendBackCount: Type.Integer(),
      extensionCount: Type.Integer(),
      urgeCount: Type.Integer(),
      reopenCount: Type.Integer(),
    }),
    satisfaction: Nullable(Type.Integer()),
    mergedInto: Nullable(Type.String()),
    selfHandled: Type.Boolean(),
    handleFirst: Type.Boolean(),
    spotChecked: Type.Boolean(),
    version: Type.Integer(),
    createdAt: Iso,
    updatedAt: Iso,
  },
  { $id: 'Case' },
);

export const CaseEventView = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    action: Type.String(),
    actionLabel: Labels,
    actor: Type.Object({
      userId: Type.String(),
      name: Nullable(
        Type.String({ description: '姓名（系统事件为 null）display name (null: the system)' }),
      ),
      role: Type.String(),
      roleLabel: Labels,
      districtCode: Type.String(),
      unitId: Nullable(Type.String()),
    }),
    at: Iso,
    fromStatus: Nullable(Type.String()),
    toStatus: Type.String(),
    payload: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'CaseEvent' },
);

/** References to the two shared schemas (registered once per route group with addSchema). */
export const CaseRef = Type.Unsafe<Static<typeof CaseView>>(Type.Ref('Case'));
export const CaseEventRef = Type.Unsafe<Static<typeof CaseEventView>>(Type.Ref('CaseEvent'));

export const CaseActionResult = Type.Object({
  case: CaseRef,
  events: Type.Array(CaseEventRef),
});

export const CaseHistory = Type.Object({
  case: CaseRef,
  events: Type.Array(CaseEventRef),
});

export const CasePageView = Type.Object({
  items: Type.Array(CaseRef),
  pageSize: Type.Integer(),
  nextCursor: Nullable(
    Type.String({
      description: '下一页游标，末页为 null cursor of the next page (null: last page)',
    }),
  ),
  total: Nullable(
    Type.Integer({
      description:
        '匹配数（仅首页）：不超过 1000 时为精确计数，否则为数据库估算 matches, on the first page only (null later): counted when at most 1,000, else the database estimate',
    }),
  ),
  totalExact: Nullable(
    Type.Boolean({ description: 'true 精确计数，false 估算 true: counted; false: estimated' }),
  ),
});
