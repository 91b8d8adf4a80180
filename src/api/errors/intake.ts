import type { ErrorSpec } from './spec.ts';

type IntakeErrorCode =
  | 'intake.idempotency_conflict'
  | 'intake.not_found'
  | 'intake.unit_not_found'
  | 'intake.unit_inactive'
  | 'intake.unit_outside_district';

/** Intake: supervisors' idempotent reports and the public's reports. */
export const INTAKE_ERRORS: Record<IntakeErrorCode, ErrorSpec> = {
  'intake.idempotency_conflict': {
    status: 409,
    zh: '该幂等键已用于内容不同的另一次上报',
    en: 'This Idempotency-Key was already used for a different report',
  },
  // A channel's preferred unit (直派 to a unit it names by id), checked at the intake seam.
  'intake.unit_not_found': {
    status: 422,
    zh: '来源渠道指定的处置单位不存在（details.unitId）',
    en: 'The unit the channel names does not exist (details.unitId)',
  },
  'intake.unit_inactive': {
    status: 422,
    zh: '来源渠道指定的处置单位已停用，不能接收案件（details.unitId）',
    en: 'The unit the channel names is inactive and takes no cases (details.unitId)',
  },
  'intake.unit_outside_district': {
    status: 422,
    zh: '来源渠道指定的处置单位不负责问题所在区县（details.unitDistrictCode / caseDistrictCode）',
    en: 'The unit the channel names does not serve the district of the point (details.unitDistrictCode / caseDistrictCode)',
  },
  'intake.not_found': {
    status: 404,
    zh: '查询码不存在',
    en: 'No report has this tracking code',
  },
};
