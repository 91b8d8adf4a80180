// The category catalogue (管理部件和事项) and each category's management standard (管理标准).
export {
  CATEGORY_KINDS,
  DEFAULT_SCHEME_ID,
  keyText,
  parseCategoryCode,
  type Category,
  type CategoryCodeError,
  type CategoryKey,
  type CategoryKind,
  type CategoryScheme,
  type Provenance,
  type SchemeFamily,
} from './category.ts';
export {
  TIME_LIMIT_UNITS,
  URGENCY_CLASSES,
  parseTimeLimit,
  type TimeLimit,
  type TimeLimitUnit,
  type TimeLimits,
  type UrgencyClass,
} from './time-limit.ts';
export {
  RESPONSIBLE_UNIT_KINDS,
  effectiveStandard,
  validateOverride,
  type EffectiveStandard,
  type ManagementStandard,
  type OverrideError,
  type OverrideInput,
  type ResponsibleUnitKind,
  type StandardOverride,
  type Text,
} from './standard.ts';
export {
  mapLegacyToCurrent,
  normaliseCategoryName,
  type CategoryMapping,
  type MappingBasis,
} from './mapping.ts';
export { readCatalogueCsv, type CsvError } from './csv.ts';
export {
  parseAll,
  parseBigClassRow,
  parseCategoryRow,
  parseMappingRow,
  parseSchemeRow,
  parseStandardRow,
  parseUrgencyRow,
  type BigClassName,
  type RowError,
  type StandardRow,
  type UrgencyClassName,
} from './rows.ts';
