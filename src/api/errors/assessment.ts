import type { ErrorSpec } from './spec.ts';

export type AssessmentErrorCode =
  'assessment.invalid_period' | 'assessment.unknown_indicator' | 'assessment.district_required';

export const ASSESSMENT_ERRORS: Record<AssessmentErrorCode, ErrorSpec> = {
  'assessment.invalid_period': {
    status: 400,
    zh: '考核周期不合法，应为 YYYY-MM（月度）或 YYYY（年度）',
    en: 'Invalid assessment period: expected YYYY-MM (month) or YYYY (year)',
  },
  'assessment.unknown_indicator': {
    status: 404,
    zh: '没有这个考核指标',
    en: 'No such assessment indicator',
  },
  'assessment.district_required': {
    status: 400,
    zh: '市级用户须指定区县（district）',
    en: 'City-level users must name a district (district)',
  },
};
