export type { DispatchRule, DispatchRuleError, RegionLevel } from './rules.ts';
export { REGION_LEVELS, validateDispatchRule } from './rules.ts';
export type {
  CategoryMatch,
  DispatchFacts,
  DispatchSuggestion,
  NoMatchingUnit,
  PassedOver,
  RegionMatch,
  RuleMatch,
} from './match.ts';
export { matchDispatchRule } from './match.ts';
