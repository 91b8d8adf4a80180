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
