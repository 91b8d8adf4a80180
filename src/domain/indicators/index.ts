export {
  METRICS,
  NEW_TRACK,
  PARTY_KINDS,
  foldCase,
  foldCaseEvent,
  partyKindOf,
  type AssessEvent,
  type CaseProfile,
  type CaseTrack,
  type Fact,
  type Metric,
  type PartyKind,
} from './facts.ts';
export { metricsOf, valueOf, type Family, type IndicatorDef, type Totals } from './indicator.ts';
export {
  ALL_INDICATORS,
  FAMILIES,
  FAMILY_NAMES,
  assessParties,
  findIndicator,
  type PartyAssessment,
  type PartyTotals,
} from './assess.ts';
export { parsePeriod, previousPeriod, yearAgoPeriod, type Period } from './period.ts';
export { type Change, type Weights } from './composite.ts';
export { dailyRows, sumFactsByDay, type DailySum } from './daily.ts';
export { whistleFacts, whistleTotals, type WhistleFact } from './whistles.ts';
export { HOTLINE_INDICATORS, HOTLINE_WEIGHTS, hotlineTotals } from './hotline.ts';
