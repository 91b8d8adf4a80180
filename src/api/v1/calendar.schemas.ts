import { Type, type Static } from '@sinclair/typebox';
import { CALENDAR_DAY_KINDS } from '../../domain/calendar/index.ts';
import { TIME_LIMIT_UNITS } from '../../domain/catalogue/index.ts';
import { Instant, LocalDate } from './input.schemas.ts';

/** TypeBox schemas for working-time calendars (validation, types and OpenAPI at once). */

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

const LocalDateString = LocalDate('本地日期 local date (Asia/Shanghai) YYYY-MM-DD');
const Clock = Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$', description: 'HH:MM local time' });
const WorkingPeriod = Type.Object({ start: Clock, end: Clock });
const WeekendDays = Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
  maxItems: 6,
  description: '周末休息日 weekend days, 0 Sunday … 6 Saturday',
});
const DayKind = literals(
  CALENDAR_DAY_KINDS,
  '节假日 holiday / 调休上班 make-up working day / 普通日 normal (weekday rule)',
);

export const CalendarSchema = Type.Object({
  id: Type.String(),
  districtCode: Type.Union([Type.String(), Type.Null()], {
    description: '区县代码; null for the default calendar',
  }),
  parentId: Type.Union([Type.String(), Type.Null()], {
    description: 'the calendar whose days this one inherits',
  }),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  timeZone: Type.String(),
  utcOffsetMinutes: Type.Integer(),
  workingPeriods: Type.Array(WorkingPeriod, { description: '每日工作时段 working periods' }),
  weekendDays: WeekendDays,
  revision: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CalendarDaySchema = Type.Object({
  date: LocalDateString,
  kind: DayKind,
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  origin: literals(
    ['reference', 'manual'],
    '随附数据 shipped reference data / 人工设置 manual edit',
  ),
  status: literals(['official', 'provisional'], '已公布 official / 暂定 provisional'),
  source: Type.String(),
  inherited: Type.Boolean({ description: 'true when the row comes from the parent calendar' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CalendarDaysSchema = Type.Object({
  calendar: CalendarSchema,
  year: Type.Integer(),
  days: Type.Array(CalendarDaySchema),
});

export const CalendarParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }) });
export type CalendarParams = Static<typeof CalendarParams>;

export const CalendarDayParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }),
  date: LocalDateString,
});
export type CalendarDayParams = Static<typeof CalendarDayParams>;

export const DaysQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export type DaysQuery = Static<typeof DaysQuery>;

export const SetDayBody = Type.Object(
  {
    kind: DayKind,
    nameZh: Type.Optional(Type.String({ maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ maxLength: 120 })),
    note: Type.Optional(Type.String({ maxLength: 500, description: '依据 basis, e.g. a notice' })),
  },
  { additionalProperties: false },
);
export type SetDayBody = Static<typeof SetDayBody>;

export const CreateCalendarBody = Type.Object(
  {
    districtCode: Type.String({ pattern: '^[0-9]{6}$', description: '区县代码 district code' }),
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    workingPeriods: Type.Optional(Type.Array(WorkingPeriod, { minItems: 1, maxItems: 6 })),
    weekendDays: Type.Optional(WeekendDays),
  },
  { additionalProperties: false },
);
export type CreateCalendarBody = Static<typeof CreateCalendarBody>;

export const DeadlineQuery = Type.Object({
  from: Instant('起算时刻 start instant (ISO 8601)'),
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 8760 }),
  unit: literals(
    TIME_LIMIT_UNITS,
    '工作时 working hours / 工作日 working days / 自然小时 calendar hours',
  ),
  warnFraction: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 1, description: '预警比例, default 0.8' }),
  ),
});
export type DeadlineQuery = Static<typeof DeadlineQuery>;

export const DeadlinePreviewSchema = Type.Object({
  startedAt: Type.String({ format: 'date-time' }),
  dueAt: Type.String({ format: 'date-time', description: '截止时刻 deadline' }),
  warnAt: Type.String({ format: 'date-time', description: '预警时刻 warning instant' }),
  allowedMs: Type.Integer({ description: 'allowed time on the timer clock, ms' }),
  clock: literals(['working', 'calendar'], '计时方式 working time or elapsed time'),
});

export const ClearedDaySchema = Type.Object({ calendarId: Type.String(), date: LocalDateString });
