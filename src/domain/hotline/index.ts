// The 12345 / 12319 hotline (接诉即办, issue #9 §2): its types and routes, its parameters, the
// work order's lifecycle on top of its case, and the three rates (written once, in rates.ts).
export {
  HOTLINE_ERROR_CODES,
  hotlineError,
  type HotlineError,
  type HotlineErrorCode,
} from './errors.ts';
export {
  CALL_BACK_RESULTS,
  HOTLINE_LINES,
  ORDER_STATUSES,
  callBack,
  linkCall,
  newOrder,
  reopensOn,
  reply,
  respond,
  type CallBackOutcome,
  type CallBackResult,
  type HotlineLine,
  type HotlineOrder,
  type NewOrderFacts,
  type OrderStatus,
} from './order.ts';
export {
  parseHotlineParameters,
  type HotlineParameters,
  type RateParameters,
} from './parameters.ts';
export {
  RATE_KINDS,
  averageRates,
  hotlineRates,
  orderContribution,
  percentOf,
  ratesBy,
  type GroupRates,
  type OrderFacts,
  type Rate,
  type RateKind,
  type RateSet,
} from './rates.ts';
export { hotlineTypesOf, preferredUnitOf, type HotlineRoute, type HotlineType } from './types.ts';
