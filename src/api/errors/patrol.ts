import type { ErrorSpec } from './spec.ts';

type PatrolErrorCode = 'patrol.invalid_points' | 'patrol.invalid_period' | 'patrol.user_not_found';

/** Patrol track (巡查轨迹) and coverage refusals. */
export const PATROL_ERRORS: Record<PatrolErrorCode, ErrorSpec> = {
  'patrol.invalid_points': {
    status: 422,
    zh: '轨迹点时间不合理：晚于服务器时间 5 分钟以上或早于 31 天前（details.index 为第几个点）',
    en: 'A track point’s time is more than 5 minutes ahead of the server or older than 31 days (details.index names the point)',
  },
  'patrol.invalid_period': {
    status: 422,
    zh: '统计时段须起于止之前，且不超过 366 天',
    en: 'The period must start before it ends and span at most 366 days',
  },
  'patrol.user_not_found': {
    status: 404,
    zh: '监督员不存在或不在您的管辖范围内',
    en: 'No such supervisor, or outside your scope',
  },
};
