import type { ErrorSpec } from './spec.ts';

type PortalErrorCode =
  | 'portal.unknown_topic'
  | 'portal.invalid_phone'
  | 'portal.not_closed'
  | 'portal.already_rated'
  | 'portal.phone_mismatch'
  | 'portal.code_invalid'
  | 'portal.code_expired'
  | 'portal.code_attempts_exhausted'
  | 'portal.reporter_token_required';

/** The public portal: citizens' reports, follow-up, rating, one-time codes. */
export const PORTAL_ERRORS: Record<PortalErrorCode, ErrorSpec> = {
  'portal.unknown_topic': {
    status: 422,
    zh: '没有这个问题类型，请从列表中选择',
    en: 'No such problem type; pick one from the list',
  },
  'portal.invalid_phone': {
    status: 400,
    zh: '请填写11位手机号码',
    en: 'Give an 11-digit mobile number',
  },
  'portal.not_closed': {
    status: 409,
    zh: '问题办结后才能评价',
    en: 'A report can be rated once it is closed',
  },
  'portal.already_rated': {
    status: 409,
    zh: '该反映已经评价过',
    en: 'This report has already been rated',
  },
  'portal.phone_mismatch': {
    status: 403,
    zh: '手机号与反映时留下的号码不一致',
    en: 'The phone does not match the one given with the report',
  },
  'portal.code_invalid': {
    status: 401,
    zh: '验证码不正确（details.attemptsLeft 为剩余次数）',
    en: 'Wrong code (details.attemptsLeft tries left)',
  },
  'portal.code_expired': {
    status: 401,
    zh: '验证码已过期或已使用，请重新获取',
    en: 'The code has expired or was used; ask for a new one',
  },
  'portal.code_attempts_exhausted': {
    status: 429,
    zh: '验证码错误次数过多，请重新获取',
    en: 'Too many wrong tries; ask for a new code',
  },
  'portal.reporter_token_required': {
    // 403, not 401: no session is asked for; the phone must be proved (public-surface test).
    status: 403,
    zh: '请先用短信验证码验证手机号（X-Reporter-Token 缺失或已过期）',
    en: 'Verify your phone with a one-time code first (X-Reporter-Token missing or expired)',
  },
};
