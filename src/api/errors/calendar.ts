import type { ErrorSpec } from './spec.ts';

export type CalendarErrorCode =
  | 'calendar.not_found'
  | 'calendar.invalid_date'
  | 'calendar.makeup_not_weekend'
  | 'calendar.day_not_set'
  | 'calendar.exists'
  | 'calendar.invalid';

export const CALENDAR_ERRORS: Record<CalendarErrorCode, ErrorSpec> = {
  'calendar.not_found': { status: 404, zh: '工作日历不存在', en: 'No such working calendar' },
  'calendar.invalid_date': {
    status: 400,
    zh: '日期不合法，应为 YYYY-MM-DD 格式的真实日期',
    en: 'Invalid date: expected a real date as YYYY-MM-DD',
  },
  'calendar.makeup_not_weekend': {
    status: 400,
    zh: '调休上班日只能设在该日历的周末休息日',
    en: 'A make-up working day must fall on a weekend day of this calendar',
  },
  'calendar.day_not_set': {
    status: 404,
    zh: '该日历未单独设置这一天',
    en: 'This calendar has no entry of its own for that day',
  },
  'calendar.exists': {
    status: 409,
    zh: '该区县已有自己的工作日历',
    en: 'This district already has its own working calendar',
  },
  'calendar.invalid': {
    status: 400,
    zh: '工作日历设置不合法（工作时段须为有序不重叠的 HH:MM，周末须留出工作日）',
    en: 'Invalid calendar settings (working periods sorted, disjoint HH:MM; weekend must leave a weekday)',
  },
};
