import type { ErrorSpec } from './spec.ts';

export type CommonErrorCode =
  | 'request.invalid'
  | 'request.invalid_text'
  | 'request.invalid_json'
  | 'request.invalid_multipart'
  | 'request.unsupported_media_type'
  | 'request.bad_url'
  | 'request.url_too_long'
  | 'request.headers_too_large'
  | 'request.malformed'
  | 'request.timeout'
  | 'request.too_large'
  | 'request.bad_cursor'
  | 'route.not_found'
  | 'route.method_not_allowed'
  | 'internal'
  | 'auth.required'
  | 'auth.forbidden'
  | 'rate_limited';

export const COMMON_ERRORS: Record<CommonErrorCode, ErrorSpec> = {
  'request.invalid': { status: 400, zh: '请求参数不合法', en: 'The request is invalid' },
  // Text the database cannot store: U+0000, or a UTF-16 surrogate without its pair (not Unicode);
  // details: { location, path, problem: 'nul' | 'lone_surrogate' }.
  'request.invalid_text': {
    status: 400,
    zh: '请求中含有不允许的字符：空字符 U+0000 或不成对的 UTF-16 代理项（位置见 details.location 与 details.path，种类见 details.problem）',
    en: 'The request contains a character that is not allowed: the NUL character U+0000 or an unpaired UTF-16 surrogate (see details.location and details.path; details.problem says which)',
  },
  // A list cursor this server did not hand out for this list (details.reason).
  'request.bad_cursor': {
    status: 400,
    zh: '分页游标无效：请使用上一页返回的 nextCursor',
    en: 'The page cursor is not valid: pass the nextCursor of the previous page',
  },
  'request.invalid_json': {
    status: 400,
    zh: '请求体不是合法的 JSON',
    en: 'The request body is not valid JSON',
  },
  // A multipart body without a boundary, cut short, or otherwise unreadable.
  'request.invalid_multipart': {
    status: 400,
    zh: 'multipart 请求体不完整或格式错误',
    en: 'The multipart request body is incomplete or malformed',
  },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的请求内容类型（Content-Type）',
    en: 'The request content type (Content-Type) is not supported',
  },
  // A percent-encoding in the path that is not UTF-8 (e.g. %E0%A4%A).
  'request.bad_url': {
    status: 400,
    zh: '请求地址的编码不合法',
    en: 'The request URL is not validly encoded',
  },
  'request.url_too_long': { status: 414, zh: '请求地址过长', en: 'The request URL is too long' },
  'request.headers_too_large': {
    status: 431,
    zh: '请求头过大',
    en: 'The request headers are too large',
  },
  // Bytes that are not HTTP/1.1 (answered by the connection's error handler).
  'request.malformed': {
    status: 400,
    zh: '请求不是合法的 HTTP 请求',
    en: 'The request is not valid HTTP',
  },
  'request.timeout': {
    status: 408,
    zh: '请求未在规定时间内发送完毕',
    en: 'The request was not sent in time',
  },
  'request.too_large': { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  'route.not_found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  // details.allowed lists the methods the path answers.
  'route.method_not_allowed': {
    status: 405,
    zh: '该接口不支持此请求方法（可用方法见 details.allowed）',
    en: 'This endpoint does not answer this method (details.allowed lists the methods it does)',
  },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'auth.required': { status: 401, zh: '请先登录', en: 'Authentication required' },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  rate_limited: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
};
