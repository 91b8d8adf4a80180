import type { ErrorSpec } from './spec.ts';

type Open311ErrorCode =
  | 'api_key.missing'
  | 'api_key.invalid'
  | 'api_key.revoked'
  | 'api_key.wrong_scope'
  | 'api_key.rate_limited'
  | 'api_key.invalid_input'
  | 'api_key.not_found'
  | 'open311.unknown_service'
  | 'open311.unknown_jurisdiction'
  | 'open311.request_not_found'
  | 'open311.token_not_found'
  | 'open311.invalid_window'
  | 'open311.invalid_date'
  | 'open311.invalid_request';

/**
 * API keys of client systems and the Open311 GeoReport v2 server. On /open311 routes these
 * leave in the spec's own error format (channels/open311/errors.ts), with the spec's statuses.
 */
export const OPEN311_ERRORS: Record<Open311ErrorCode, ErrorSpec> = {
  'api_key.missing': { status: 403, zh: '缺少 API 密钥 api_key', en: 'api_key is required' },
  'api_key.invalid': { status: 403, zh: 'API 密钥无效', en: 'Invalid api_key' },
  'api_key.revoked': { status: 403, zh: 'API 密钥已吊销', en: 'This api_key has been revoked' },
  'api_key.wrong_scope': {
    status: 403,
    zh: '该 API 密钥不适用于此渠道',
    en: 'This api_key is not scoped to this channel',
  },
  'api_key.rate_limited': {
    status: 429,
    zh: '该客户端请求过于频繁，请稍后再试',
    en: 'This client is making too many requests; retry later',
  },
  'api_key.invalid_input': {
    status: 400,
    zh: 'API 密钥参数无效',
    en: 'Invalid API key parameters',
  },
  'api_key.not_found': { status: 404, zh: 'API 密钥不存在', en: 'No such API key' },
  'open311.unknown_service': {
    status: 404,
    zh: '服务代码不存在',
    en: 'service_code not found',
  },
  'open311.unknown_jurisdiction': {
    status: 404,
    zh: '辖区代码不存在',
    en: 'jurisdiction_id not found',
  },
  'open311.request_not_found': {
    status: 404,
    zh: '服务请求不存在',
    en: 'service_request_id not found',
  },
  'open311.token_not_found': { status: 404, zh: '令牌不存在', en: 'token not found' },
  'open311.invalid_window': {
    status: 400,
    zh: '时间范围无效（最长 90 天）',
    en: 'Invalid date range (at most 90 days)',
  },
  'open311.invalid_date': {
    status: 400,
    zh: '日期须为 W3C 日期时间格式',
    en: 'Dates must be W3C date-times, e.g. 2026-03-02T09:00:00+08:00',
  },
  'open311.invalid_request': {
    status: 400,
    zh: '服务请求内容无效',
    en: 'Invalid service request',
  },
};
