export type {
  AccuracyClass,
  ComponentRow,
  ComponentStatus,
  GridDuty,
  GridRow,
  GridStaffAssignmentRow,
  LinearRing,
  LineStringGeometry,
  MultiPolygonGeometry,
  PointGeometry,
  Position,
  RegionLevel,
  RegionRow,
  StaffRow,
  StaffTier,
  StorefrontDuty,
  StorefrontRow,
  UnitKind,
  UnitRow,
} from './types.ts';

// Import and export of the base data (GeoJSON RFC 7946 and CSV).
export type { ComponentCategoryLookup } from './codes.ts';
export {
  importProblem,
  refuseImport,
  MAX_LISTED_PROBLEMS,
  type ImportProblem,
  type ImportProblemCode,
  type ImportRefusal,
} from './import-problem.ts';
export {
  decodeText,
  readImportFile,
  type ImportFormat,
  type SourceRecord,
} from './import-source.ts';
export {
  validateGridRecords,
  type Draft,
  type LooseGeometry,
  type Validated,
} from './grid-import.ts';
export { validateComponentRecords, type ComponentDraftRow } from './component-import.ts';
export { validateStorefrontRecords, type StorefrontDraftRow } from './storefront-import.ts';
export { validateRegionRecords } from './region-import.ts';
export {
  csvHeader,
  toCsvLine,
  toFeatureJson,
  FEATURE_COLLECTION_OPEN,
  FEATURE_COLLECTION_CLOSE,
  type ExportFormat,
  type ExportKind,
  type ExportRow,
  type ExportStyle,
} from './export-format.ts';
export { UTF8_BOM } from '../shared/index.ts';
