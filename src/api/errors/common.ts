import type { ErrorSpec } from './spec.ts';

export type CommonErrorCode =
  | 'request.invalid'
  | 'request.invalid_text'
  | 'request.too_large'
  | 'route.not_found'
  | 'internal'
  | 'auth.required'
  | 'auth.forbidden'
  | 'rate_limited';

export const COMMON_ERRORS: Record<CommonErrorCode, ErrorSpec> = {
  'request.invalid': { status: 400, zh: '请求参数不合法', en: 'The request is invalid' },
  // The database cannot store U+0000 in text or jsonb; details: { location, path }.
  'request.invalid_text': {
    status: 400,
    zh: '请求中含有不允许的空字符 U+0000（位置见 details.location 与 details.path）',
    en: 'The request contains the NUL character U+0000, which is not allowed (see details.location and details.path)',
  },
  'request.too_large': { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  'route.not_found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'auth.required': { status: 401, zh: '请先登录', en: 'Authentication required' },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  rate_limited: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
};
