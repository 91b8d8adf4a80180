import type { DispatchServiceError } from '../../services/dispatch/rules.ts';
import type { ErrorSpec } from './spec.ts';

type DispatchErrorCode = Exclude<
  DispatchServiceError['code'],
  'auth.forbidden' | 'case.not_found' | 'case.merge_target_not_found'
>;

/** Dispatch rules (以案定责) and suggestions. */
export const DISPATCH_ERRORS: Record<DispatchErrorCode, ErrorSpec> = {
  'dispatch.invalid_rule': {
    status: 422,
    zh: '派遣规则不合法（details.problem 说明原因）',
    en: 'The dispatch rule is not valid (details.problem says why)',
  },
  'dispatch.rule_not_found': {
    status: 404,
    zh: '没有该有效派遣规则',
    en: 'No such active dispatch rule',
  },
  'dispatch.rule_exists': {
    status: 409,
    zh: '已有相同编号的派遣规则',
    en: 'A dispatch rule with this id exists already',
  },
  'dispatch.unit_not_found': {
    status: 422,
    zh: '规则指定的处置单位不存在',
    en: 'The rule names a unit that does not exist',
  },
  'dispatch.unit_inactive': {
    status: 422,
    zh: '规则指定的处置单位已停用',
    en: 'The rule names an inactive unit',
  },
  'dispatch.unit_outside_district': {
    status: 422,
    zh: '规则指定的处置单位不负责该区县（只能是本区单位或本市市级部门）',
    en: 'The rule’s unit does not serve its district (a unit of the district or a city department)',
  },
  'dispatch.unknown_district': {
    status: 422,
    zh: '规则所属区县不存在',
    en: 'The rule names a district that does not exist',
  },
  'dispatch.no_matching_unit': {
    status: 404,
    zh: '没有适用于此案件的派遣规则，请人工选择处置单位',
    en: 'No dispatch rule applies to this case; choose the unit by hand',
  },
};
