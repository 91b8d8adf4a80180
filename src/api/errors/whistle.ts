import type { WhistleErrorCode } from '../../domain/whistle/index.ts';
import type { ErrorSpec } from './spec.ts';

/**
 * Whistle and report (吹哨报到) refusals. Who may whistle and report is 403; a state that does
 * not allow the step is 409; fields and units refused by a rule are 422.
 */
export const WHISTLE_ERRORS: Record<WhistleErrorCode, ErrorSpec> = {
  'whistle.not_found': {
    status: 404,
    zh: '吹哨不存在或不在您的管辖范围内',
    en: 'No such whistle, or it is outside your scope',
  },
  'whistle.case_not_open': {
    status: 409,
    zh: '案件已办结、作废或合并，不能吹哨',
    en: 'The case is closed, cancelled or merged: no whistle',
  },
  'whistle.level_not_allowed': {
    status: 403,
    zh: '您不能就此案件吹哨（角色、辖区不含此案件，或市级只报到不吹哨；details.reason）',
    en: 'You may not whistle on this case (role, the case outside your region, or the city reports and does not whistle; details.reason)',
  },
  'whistle.no_units': {
    status: 422,
    zh: '吹哨须至少召集一个部门',
    en: 'A whistle summons at least one department',
  },
  'whistle.duplicate_units': {
    status: 422,
    zh: '同一部门不能重复召集',
    en: 'A department is named twice',
  },
  'whistle.too_many_units': {
    status: 422,
    zh: '召集部门过多（details.max）',
    en: 'Too many departments for one whistle (details.max)',
  },
  'whistle.unit_not_found': {
    status: 422,
    zh: '被召集的单位不存在（details.unitId）',
    en: 'No such unit (details.unitId)',
  },
  'whistle.unit_inactive': {
    status: 422,
    zh: '被召集的单位已停用（details.unitId）',
    en: 'The unit is inactive (details.unitId)',
  },
  'whistle.unit_not_summonable': {
    status: 422,
    zh: '此级别吹哨不能召集该单位（details.reason: 单位类别、所在区县或街道社区不符；details.summons 为可召集的类别）',
    en: 'A whistle of this level may not summon this unit (details.reason: its kind, district or street; details.summons lists the kinds it may)',
  },
  'whistle.reason_required': {
    status: 422,
    zh: '请填写吹哨事由',
    en: 'Say why the region cannot solve it alone',
  },
  'whistle.note_required': {
    status: 422,
    zh: '请填写处置情况说明',
    en: 'A note on what was done is required',
  },
  'whistle.closed': {
    status: 409,
    zh: '吹哨已结束',
    en: 'The whistle is closed',
  },
  'whistle.unit_not_summoned': {
    status: 403,
    zh: '您的单位不在此次吹哨的召集名单中',
    en: 'Your unit was not summoned by this whistle',
  },
  'whistle.already_reported': {
    status: 409,
    zh: '该步骤已报到（details.step）',
    en: 'This step is reported already (details.step)',
  },
  'whistle.step_out_of_order': {
    status: 409,
    zh: '请按顺序报到：先响应，再到场，后处置反馈（details.missing）',
    en: 'Report in order: acknowledge, arrive, then feed back (details.missing)',
  },
  'whistle.bad_period': {
    status: 400,
    zh: '统计期间无效：from 须早于 to，且不超过五年',
    en: 'The period is not valid: from before to, at most five years',
  },
};
