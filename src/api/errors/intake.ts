import type { ErrorSpec } from './spec.ts';

type IntakeErrorCode = 'intake.idempotency_conflict' | 'intake.not_found';

/** Intake: supervisors' idempotent reports and the public's reports. */
export const INTAKE_ERRORS: Record<IntakeErrorCode, ErrorSpec> = {
  'intake.idempotency_conflict': {
    status: 409,
    zh: '该幂等键已用于内容不同的另一次上报',
    en: 'This Idempotency-Key was already used for a different report',
  },
  'intake.not_found': {
    status: 404,
    zh: '查询码不存在',
    en: 'No report has this tracking code',
  },
};
