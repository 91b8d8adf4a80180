import type { ErrorSpec } from './spec.ts';

export type AccessErrorCode =
  | 'auth.invalid_credentials'
  | 'auth.account_disabled'
  | 'auth.rate_limited'
  | 'auth.session_expired'
  | 'auth.invalid_token'
  | 'auth.role_scope_mismatch'
  | 'user.role_scope_mismatch'
  | 'audit.unavailable'
  | 'metrics.not_configured'
  | 'metrics.unauthorized'
  | 'user.invalid'
  | 'user.weak_password'
  | 'user.username_taken'
  | 'user.not_found'
  | 'user.unit_not_found'
  | 'user.unit_inactive'
  | 'user.unit_outside_district';

export const ACCESS_ERRORS: Record<AccessErrorCode, ErrorSpec> = {
  'auth.invalid_credentials': {
    status: 401,
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  },
  'auth.account_disabled': { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  'auth.rate_limited': {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed logins, try again later',
  },
  'auth.session_expired': {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has ended, please sign in again',
  },
  'auth.invalid_token': {
    status: 401,
    zh: '登录凭证无效，请重新登录',
    en: 'The session token is not valid, please sign in again',
  },
  'auth.role_scope_mismatch': {
    status: 403,
    zh: '账号的角色与所属区域不匹配，请联系管理员',
    en: 'This account’s role does not fit its region; ask an administrator',
  },
  'user.role_scope_mismatch': {
    status: 422,
    zh: '该角色不能设在此级区域（如市级监督员须属市级）',
    en: 'This role cannot sit at this region level (a city supervisor belongs to the city)',
  },
  'audit.unavailable': {
    status: 503,
    zh: '审计记录未能写入，请求未执行，未做任何更改，请稍后重试',
    en: 'The audit entry could not be written, so the request was not carried out and nothing changed; try again later',
  },
  'metrics.not_configured': {
    status: 403,
    zh: '未配置监控令牌（GRIDLOOP_METRICS_TOKEN），/metrics 不对外提供',
    en: '/metrics is off: no GRIDLOOP_METRICS_TOKEN is configured',
  },
  'metrics.unauthorized': {
    status: 401,
    zh: '监控令牌缺失或错误',
    en: 'The metrics bearer token is missing or wrong',
  },
  'user.invalid': { status: 400, zh: '用户信息不合法', en: 'The user data is invalid' },
  'user.weak_password': {
    status: 400,
    zh: '密码太短',
    en: 'The password is too short',
  },
  'user.username_taken': { status: 409, zh: '用户名已存在', en: 'This username is taken' },
  'user.not_found': { status: 404, zh: '用户不存在', en: 'No such user' },
  'user.unit_not_found': { status: 422, zh: '所属单位不存在', en: 'No such unit' },
  'user.unit_inactive': {
    status: 422,
    zh: '所属单位已停用',
    en: 'The unit is inactive',
  },
  'user.unit_outside_district': {
    status: 422,
    zh: '所属单位不在该用户的区县（details.unitDistrictCode）',
    en: 'The unit belongs to another district than the user (details.unitDistrictCode)',
  },
};
