import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  clearCalendarDay,
  createDistrictCalendar,
  getCalendar,
  listCalendarDays,
  listCalendars,
  previewDeadline,
  setCalendarDay,
} from '../../services/calendar/calendars.ts';
import type { Deps } from '../../services/deps.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { presentCalendar, presentCalendarDay } from './calendar.present.ts';
import {
  CalendarDayParams,
  CalendarDaySchema,
  CalendarDaysSchema,
  CalendarParams,
  CalendarSchema,
  ClearedDaySchema,
  CreateCalendarBody,
  DaysQuery,
  DeadlinePreviewSchema,
  DeadlineQuery,
  SetDayBody,
} from './calendar.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['calendars'];
const security = [{ bearer: [] }];
const writeErrors = errorResponses(400, 401, 403, 404);

/**
 * Working-time calendars (工作日历): read by anyone (holiday data is public), edited with the
 * `calendar.write` capability. A district calendar inherits the default's days.
 */
export function calendarRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const write = { preHandler: requireCapability('calendar.write') };

    app.get(
      '/calendars',
      {
        schema: {
          operationId: 'listCalendars',
          tags,
          summary: '工作日历列表 working calendars',
          response: { 200: Type.Object({ items: Type.Array(CalendarSchema) }) },
        },
      },
      async () => ({ items: (await listCalendars(deps)).map(presentCalendar) }),
    );

    app.post(
      '/calendars',
      {
        ...write,
        schema: {
          operationId: 'createCalendar',
          tags,
          summary:
            '为区县建立工作日历 give a district its own calendar (inherits the default days)',
          security,
          body: CreateCalendarBody,
          response: { 201: CalendarSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const r = await createDistrictCalendar(deps, { ...req.body, actor: currentPrincipal(req) });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'calendars', id: r.value.id };
        return reply.code(201).send(presentCalendar(r.value));
      },
    );

    app.get(
      '/calendars/:id',
      {
        schema: {
          operationId: 'getCalendar',
          tags,
          summary: '工作日历设置 one calendar: working periods and weekend days',
          params: CalendarParams,
          response: { 200: CalendarSchema, ...errorResponses(404) },
        },
      },
      async (req, reply) => {
        const r = await getCalendar(deps, req.params.id);
        return r.ok ? presentCalendar(r.value) : reply.sendError(r.error);
      },
    );

    app.get(
      '/calendars/:id/days',
      {
        schema: {
          operationId: 'listCalendarDays',
          tags,
          summary: '某年的节假日与调休上班日 holidays and make-up working days of a year',
          params: CalendarParams,
          querystring: DaysQuery,
          response: { 200: CalendarDaysSchema, ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const r = await listCalendarDays(deps, { calendarId: req.params.id, year: req.query.year });
        if (!r.ok) return reply.sendError(r.error);
        return {
          calendar: presentCalendar(r.value.calendar),
          year: req.query.year,
          days: r.value.days.map(presentCalendarDay),
        };
      },
    );

    app.get(
      '/calendars/:id/deadline',
      {
        schema: {
          operationId: 'previewDeadline',
          tags,
          summary: '按工作日历计算截止时刻 the deadline of a time limit started at an instant',
          params: CalendarParams,
          querystring: DeadlineQuery,
          response: { 200: DeadlinePreviewSchema, ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const { from, amount, unit, warnFraction } = req.query;
        const r = await previewDeadline(deps, {
          calendarId: req.params.id,
          from: new Date(from),
          limit: { amount, unit },
          warnFraction,
        });
        if (!r.ok) return reply.sendError(r.error);
        return {
          startedAt: r.value.startedAt.toISOString(),
          dueAt: r.value.dueAt.toISOString(),
          warnAt: r.value.warnAt.toISOString(),
          allowedMs: r.value.allowedMs,
          clock: r.value.clock,
        };
      },
    );

    app.put(
      '/calendars/:id/days/:date',
      {
        ...write,
        schema: {
          operationId: 'setCalendarDay',
          tags,
          summary: '设置某日为节假日、调休上班日或普通日 set a day: holiday, make-up or normal',
          security,
          params: CalendarDayParams,
          body: SetDayBody,
          response: { 200: CalendarDaySchema, ...writeErrors },
        },
      },
      async (req, reply) => {
        const r = await setCalendarDay(deps, {
          calendarId: req.params.id,
          date: req.params.date,
          ...req.body,
          actor: currentPrincipal(req),
        });
        return r.ok ? presentCalendarDay(r.value) : reply.sendError(r.error);
      },
    );

    app.delete(
      '/calendars/:id/days/:date',
      {
        ...write,
        schema: {
          operationId: 'deleteCalendarDay',
          tags,
          summary: '取消某日的单独设置 remove a calendar’s own setting for a day',
          security,
          params: CalendarDayParams,
          response: { 200: ClearedDaySchema, ...writeErrors },
        },
      },
      async (req, reply) => {
        const r = await clearCalendarDay(deps, {
          calendarId: req.params.id,
          date: req.params.date,
          actor: currentPrincipal(req),
        });
        return r.ok ? r.value : reply.sendError(r.error);
      },
    );
  };
}
