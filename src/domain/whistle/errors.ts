/** Refusals of whistle and report (吹哨报到); messages and HTTP statuses in api/errors/whistle.ts. */
export const WHISTLE_ERROR_CODES = [
  'whistle.not_found', // no such whistle, or outside the caller's scope
  'whistle.case_not_open', // a closed, cancelled or merged case needs no whistle
  'whistle.level_not_allowed', // the caller may not whistle on this case (role, scope, city level)
  'whistle.no_units', // a whistle names at least one department
  'whistle.duplicate_units', // a department named twice
  'whistle.too_many_units', // more departments than one whistle may summon
  'whistle.unit_not_found', // a unit id the directory does not know
  'whistle.unit_inactive', // a retired unit is not summoned
  'whistle.unit_not_summonable', // the level does not summon this unit (kind, district, region)
  'whistle.reason_required', // a whistle says why the region cannot solve it alone
  'whistle.note_required', // feedback and closing say what was done
  'whistle.closed', // the whistle is closed: no more reports, no second closing
  'whistle.unit_not_summoned', // the caller's unit was not summoned by this whistle
  'whistle.already_reported', // the unit reported this step already
  'whistle.step_out_of_order', // arrive after acknowledging, feed back after arriving
  'whistle.bad_period', // stats: `from` must be before `to`, at most a few years apart
] as const;

export type WhistleErrorCode = (typeof WHISTLE_ERROR_CODES)[number];

export type WhistleError = {
  readonly code: WhistleErrorCode;
  readonly details?: Record<string, unknown>;
};

export const whistleError = (
  code: WhistleErrorCode,
  details?: Record<string, unknown>,
): WhistleError => (details === undefined ? { code } : { code, details });
