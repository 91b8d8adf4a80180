import type { HotlineErrorCode } from '../../domain/hotline/index.ts';
import type { ErrorSpec } from './spec.ts';

/**
 * Hotline (接诉即办) refusals: an order out of sight is 404; another unit's order is 403; a step
 * the order's state does not allow and a changed payload under an imported number are 409;
 * fields a rule refuses are 422.
 */
export const HOTLINE_ERRORS: Record<HotlineErrorCode, ErrorSpec> = {
  'hotline.not_found': {
    status: 404,
    zh: '工单不存在或不在您的管辖范围内',
    en: 'No such work order, or it is outside your scope',
  },
  'hotline.unknown_type': {
    status: 422,
    zh: '热线类型不存在（details.hotlineType；见 reference/channels/hotline-types.csv）',
    en: 'Unknown hotline type (details.hotlineType; see reference/channels/hotline-types.csv)',
  },
  'hotline.not_your_order': {
    status: 403,
    zh: '该工单派给了其他单位（details.unitId）',
    en: 'The order was sent to another unit (details.unitId)',
  },
  'hotline.not_in_state': {
    status: 409,
    zh: '工单当前状态不允许此步骤（details.status, details.step）',
    en: 'The order’s state does not allow this step (details.status, details.step)',
  },
  'hotline.note_required': {
    status: 422,
    zh: '请填写说明（答复内容，或不满意的原因）',
    en: 'A note is required (the reply, or why the caller is dissatisfied)',
  },
  'hotline.location_required': {
    status: 422,
    zh: '请在地图上选点或填写地址',
    en: 'A map point or an address is required',
  },
  'hotline.no_unit': {
    status: 422,
    zh: '该位置没有热线类型指定的承办单位',
    en: 'No unit of the kind the hotline type names covers this point',
  },
  'hotline.order_conflict': {
    status: 409,
    zh: '该工单号已导入且内容不同（details.conflicts）',
    en: 'These order numbers were imported before with other content (details.conflicts)',
  },
  'hotline.bad_period': {
    status: 400,
    zh: '统计期间无效：开始须早于结束，且不超过五年',
    en: 'Invalid period: from must be before to, at most five years apart',
  },
  'hotline.bad_filter': {
    status: 400,
    zh: '街道不在所选区县内',
    en: 'The street does not lie in the district asked for',
  },
};
