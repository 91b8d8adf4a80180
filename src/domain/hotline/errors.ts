/** Refusals of the hotline (接诉即办); messages and HTTP statuses in api/errors/hotline.ts. */
export const HOTLINE_ERROR_CODES = [
  'hotline.not_found', // no such work order, or outside the caller's scope
  'hotline.unknown_type', // a hotline type the hotline's list does not have
  'hotline.not_your_order', // the order was sent to another unit
  'hotline.not_in_state', // the step does not fit the order's state (details.status)
  'hotline.note_required', // a reply and a dissatisfied call-back say what and why
  'hotline.location_required', // neither a map point nor an address
  'hotline.no_unit', // no unit of the kind the type names covers the point
  'hotline.order_conflict', // the platform's order number was imported with another payload
  'hotline.bad_period', // rates: `from` must be before `to`, at most five years apart
  'hotline.bad_filter', // rates: the street does not lie in the district asked for
] as const;

export type HotlineErrorCode = (typeof HOTLINE_ERROR_CODES)[number];

export type HotlineError = {
  readonly code: HotlineErrorCode;
  readonly details?: Record<string, unknown>;
};

export const hotlineError = (
  code: HotlineErrorCode,
  details?: Record<string, unknown>,
): HotlineError => (details === undefined ? { code } : { code, details });
