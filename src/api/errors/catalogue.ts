import type { ErrorSpec } from './spec.ts';

export type CatalogueErrorCode =
  | 'catalogue.unknown_scheme'
  | 'catalogue.unknown_category'
  | 'catalogue.unknown_district'
  | 'catalogue.invalid_code'
  | 'catalogue.invalid_time_limit'
  | 'catalogue.invalid_override'
  | 'unit.not_found'
  | 'unit.parent_not_found'
  | 'unit.region_not_found'
  | 'unit.invalid_kind'
  | 'unit.invalid_field'
  | 'unit.duplicate_id'
  | 'unit.parent_cycle';

export const CATALOGUE_ERRORS: Record<CatalogueErrorCode, ErrorSpec> = {
  'catalogue.unknown_scheme': { status: 404, zh: '分类标准不存在', en: 'No such category scheme' },
  'catalogue.unknown_category': {
    status: 404,
    zh: '该分类标准中没有此部件或事件类别',
    en: 'No such category in this scheme',
  },
  'catalogue.unknown_district': {
    status: 404,
    zh: '区县不存在（details.districtCode）',
    en: 'No such district (details.districtCode)',
  },
  'catalogue.invalid_code': {
    status: 400,
    zh: '类别代码格式错误（现行标准 5 位，旧标准 4 位）',
    en: 'Malformed category code (5 digits current, 4 digits legacy)',
  },
  'catalogue.invalid_time_limit': {
    status: 400,
    zh: '处置时限不合法：单位须为工作时、工作日或自然小时，时长须为正数且紧急≤较急≤一般',
    en: 'Invalid time limit: unit must be working_hours, working_days or calendar_hours, the amount positive, and urgent ≤ pressing ≤ normal',
  },
  'catalogue.invalid_override': {
    status: 400,
    zh: '区县管理标准设置不合法',
    en: 'Invalid district override of the management standard',
  },
  'unit.not_found': { status: 404, zh: '单位不存在', en: 'No such unit' },
  'unit.parent_not_found': {
    status: 422,
    zh: '上级单位不存在',
    en: 'The parent unit does not exist',
  },
  'unit.region_not_found': { status: 422, zh: '所属区域不存在', en: 'The region does not exist' },
  'unit.invalid_kind': { status: 400, zh: '单位类型不合法', en: 'Unknown unit kind' },
  'unit.invalid_field': { status: 400, zh: '单位信息不合法', en: 'Invalid unit field' },
  'unit.parent_cycle': {
    status: 422,
    zh: '不能把单位移到其下级单位之下',
    en: 'A unit cannot be moved under one of its own sub-units',
  },
  'unit.duplicate_id': {
    status: 409,
    zh: '单位编号已存在',
    en: 'A unit with this id already exists',
  },
};
