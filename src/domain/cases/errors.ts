/** Stable codes of everything the workflow can refuse (STYLE.md §4.4). */
export const CASE_ERROR_CODES = [
  'case.version_conflict', // 409: someone else changed the case first
  'case.not_in_state', // the action is not allowed in the current status
  'case.role_not_allowed',
  'case.region_not_allowed', // wrong district, wrong loop level or not the case's unit
  'case.reason_required',
  'case.photos_required',
  'case.source_mismatch', // e.g. a hotline report opened as a supervisor report
  'case.invalid_deadline', // due before now, or warning after due
  'case.invalid_score', // satisfaction outside 1..5
  'case.invalid_units', // assisting units empty, duplicated or equal to the main unit
  'case.request_pending', // another extension/hold/cancel request awaits approval
  'case.no_pending_request', // approving or rejecting a request that was not made
  'case.self_approval', // the requester may not approve their own request
  'case.merge_into_self',
  'case.not_handle_first', // settling responsibility on a case that was not handled first
  'case.responsibility_already_settled',
  'case.responsibility_unsettled', // a handle-first case may not close before 定责
  'case.spot_check_city_loop', // city spot checks are for district closures
  'case.already_spot_checked', // a closure is spot-checked once (pass or reopen)
  'case.unit_not_found', // a unit id the directory does not know
  'case.unit_inactive', // a retired unit takes no new cases
  'case.unit_outside_district', // the unit does not serve the case's district
  'case.redispatch_same_unit', // 改派 to the unit that has it now
  'case.not_dispatched_before', // 改派 of a case no unit has had
  'case.redispatch_required', // 派遣 of a case a unit had (sent back, reopened): 改派 with a reason
  'case.same_photo_before_after', // an "after" photo that is one of the "before" photos
  'case.merge_category_mismatch', // duplicates share kind and category
  'case.merge_too_far', // duplicates lie within DUPLICATE_MAX_DISTANCE_M of each other
  'case.merge_other_district', // a merge stays inside one district
  'case.assist_feedback_missing', // an assisting unit has not fed back yet
  'case.invalid_requested_due', // 延期申请: due asked for is not after the current one or past the cap
] as const;
export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

/** A refused workflow action: a stable code plus the facts that explain it. */
export type CaseError = {
  readonly code: CaseErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
};

export function caseError(code: CaseErrorCode, details: Record<string, unknown> = {}): CaseError {
  return { code, details };
}
