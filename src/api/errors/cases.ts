import type { CaseErrorCode } from '../../domain/cases/index.ts';
import type { CaseServiceErrorCode } from '../../services/cases/errors.ts';
import type { ErrorSpec } from './spec.ts';

/**
 * Case workflow refusals. An action the current status does not allow is 409 (the case is in a
 * state that conflicts with the request; retrying after a refresh may succeed); missing or bad
 * fields are 422; wrong role or region 403. A case outside the caller's region answers 404
 * `case.not_found`, so existence does not leak across districts.
 */
export const CASE_ERRORS: Record<CaseErrorCode | CaseServiceErrorCode, ErrorSpec> = {
  'case.bad_cursor': {
    status: 400,
    zh: '分页游标无效（请使用上一页返回的 nextCursor，且队列不变）',
    en: 'The page cursor is not valid (use the nextCursor of the previous page, same queue)',
  },
  'case.bad_filter': {
    status: 400,
    zh: '筛选条件无效（details.field 为出错的条件）',
    en: 'A filter is not valid (details.field names it)',
  },
  'case.text_needs_narrowing': {
    status: 400,
    zh: '少于三个连续字的文字搜索须同时限定区、街道、社区、网格、处置单位、类别，或不超过 31 天的上报或结案时间（details.narrowBy）',
    en: 'A text search shorter than three characters in a row needs a district, street, community, grid, unit or category, or a reported or closed range of at most 31 days (details.narrowBy)',
  },
  'case.version_conflict': {
    status: 409,
    zh: '案件已被他人修改，请刷新后重试（details.current 为最新状态）',
    en: 'The case was changed by someone else; refresh and retry (details.current holds it now)',
  },
  'case.not_in_state': {
    status: 409,
    zh: '案件当前状态不允许此操作',
    en: 'This action is not allowed in the case’s current status',
  },
  'case.role_not_allowed': {
    status: 403,
    zh: '您的角色不能执行此案件操作',
    en: 'Your role may not take this action on a case',
  },
  'case.region_not_allowed': {
    status: 403,
    zh: '此案件不在您的管辖范围（区域、层级或处置单位）内',
    en: 'The case is outside your scope (region, loop level or unit)',
  },
  'case.reason_required': {
    status: 422,
    zh: '此操作须填写原因或说明',
    en: 'This action needs a reason or note',
  },
  'case.photos_required': {
    status: 422,
    zh: '此操作须附照片',
    en: 'This action needs photos',
  },
  'case.source_mismatch': {
    status: 422,
    zh: '问题来源与上报人角色不符（监督员只能上报本人巡查发现的问题）',
    en: 'The source does not match the reporter’s role',
  },
  'case.invalid_deadline': {
    status: 422,
    zh: '处置时限不合法（截止时间须晚于当前时间，预警时间不得晚于截止时间）',
    en: 'Invalid deadline (due must be after now, warning not after due)',
  },
  'case.invalid_score': {
    status: 422,
    zh: '满意度评价须为 1～5 的整数',
    en: 'Satisfaction must be a whole number from 1 to 5',
  },
  'case.invalid_units': {
    status: 422,
    zh: '处置单位不合法（不能为空、重复或与主办单位相同）',
    en: 'Invalid units (empty, repeated or the main unit itself)',
  },
  'case.request_pending': {
    status: 409,
    zh: '已有待审批的延期、挂账或作废申请',
    en: 'An extension, hold or cancellation request is already awaiting approval',
  },
  'case.no_pending_request': {
    status: 409,
    zh: '没有待审批的此类申请',
    en: 'No such request is awaiting approval',
  },
  'case.self_approval': {
    status: 403,
    zh: '申请人不能审批自己的申请',
    en: 'Whoever made a request may not approve it',
  },
  'case.merge_into_self': {
    status: 422,
    zh: '案件不能合并到自身',
    en: 'A case cannot be merged into itself',
  },
  'case.not_handle_first': {
    status: 409,
    zh: '此案件不是先行处置案件，无须定责',
    en: 'The case was not handled first; there is no responsibility to settle',
  },
  'case.responsibility_already_settled': {
    status: 409,
    zh: '此案件已定责',
    en: 'Responsibility for this case is already settled',
  },
  'case.responsibility_unsettled': {
    status: 409,
    zh: '先行处置案件须先定责才能结案',
    en: 'A case handled first closes only after responsibility is settled',
  },
  'case.spot_check_city_loop': {
    status: 409,
    zh: '市级抽查只针对区级结案的案件',
    en: 'City spot checks apply to district-loop closures only',
  },
  'case.already_spot_checked': {
    status: 409,
    zh: '此次结案已抽查过（每次结案只抽查一次）',
    en: 'This closure has already been spot-checked (once per closure)',
  },
  'case.unit_not_found': {
    status: 422,
    zh: '处置单位不存在（details.unitId）',
    en: 'No such unit (details.unitId)',
  },
  'case.unit_inactive': {
    status: 422,
    zh: '处置单位已停用，不能接收案件',
    en: 'The unit is inactive and takes no cases',
  },
  'case.unit_outside_district': {
    status: 422,
    zh: '该单位不负责案件所在区县（只能派给本区单位或本市市级部门）',
    en: 'The unit does not serve the case’s district (a unit of the district or a city department)',
  },
  'case.redispatch_same_unit': {
    status: 422,
    zh: '改派须派给另一个单位',
    en: 'A re-dispatch must name another unit',
  },
  'case.not_dispatched_before': {
    status: 409,
    zh: '案件尚未派遣过，请使用派遣而非改派',
    en: 'The case has not been dispatched before; dispatch it instead of re-dispatching',
  },
  'case.redispatch_required': {
    status: 409,
    zh: '案件已派遣过（被回退或重新打开），请使用改派并说明理由',
    en: 'A unit has had this case before (sent back or reopened); re-dispatch it with a reason',
  },
  'case.same_photo_before_after': {
    status: 422,
    zh: '处置后照片不能与处置前（上报）照片相同',
    en: 'An “after” photo may not be one of the “before” (report) photos',
  },
  'case.merge_category_mismatch': {
    status: 422,
    zh: '只能合并同一类别（部件/事件及小类）的重复案件',
    en: 'Only duplicates of the same kind and category can be merged',
  },
  'case.merge_too_far': {
    status: 422,
    zh: '两案位置相距过远，不是同一问题（上限见 details.maxDistanceM）',
    en: 'The cases are too far apart to be the same problem (limit in details.maxDistanceM)',
  },
  'case.merge_other_district': {
    status: 422,
    zh: '不能跨区县合并案件',
    en: 'Cases of different districts cannot be merged',
  },
  'case.assist_feedback_missing': {
    status: 409,
    zh: '尚有协同单位未反馈，不能结案（details.unitIds）',
    en: 'An assisting unit has not fed back yet (details.unitIds); the case cannot close',
  },
  'case.invalid_requested_due': {
    status: 422,
    zh: '申请的延期截止时间须晚于当前截止时间，且不超过一个标准处置时限（上限见 details.maxDueAt）',
    en: 'The requested due date must be after the current one and within one more standard limit (details.maxDueAt)',
  },
  'case.not_found': { status: 404, zh: '案件不存在', en: 'No such case' },
  'case.merge_target_not_found': {
    status: 404,
    zh: '要合并到的案件不存在',
    en: 'The case to merge into does not exist',
  },
  'case.category_disabled': {
    status: 422,
    zh: '该类别在本区已停用',
    en: 'This category is disabled in the district',
  },
};
