/**
 * Row types of the city's spatial base data, one per table of migrations 0002–0007. They are what
 * the demo-city generator produces and what importers hand to `src/store/base-data.store.ts`.
 * Coordinates are WGS84 (EPSG:4326) longitude/latitude, GeoJSON (RFC 7946) order.
 */

/** [lng, lat] in WGS84. */
export type Position = readonly [number, number];
/** A closed ring: first position equals the last. Outer rings counter-clockwise (RFC 7946). */
export type LinearRing = readonly Position[];

export type PointGeometry = { readonly type: 'Point'; readonly coordinates: Position };
export type LineStringGeometry = {
  readonly type: 'LineString';
  readonly coordinates: readonly Position[];
};
export type MultiPolygonGeometry = {
  readonly type: 'MultiPolygon';
  /** polygons → rings (outer first, then holes) → positions */
  readonly coordinates: readonly (readonly LinearRing[])[];
};

/** 市 → 区/县 → 街道/镇 → 社区/村 */
export type RegionLevel = 'city' | 'district' | 'street' | 'community';

/** Table `regions`. Codes are cumulative prefixes: city/district 6 digits, street 9, community 12. */
export type RegionRow = {
  readonly code: string;
  readonly level: RegionLevel;
  /** null only for the city */
  readonly parentCode: string | null;
  /** the owning district's 6-digit code; for the city row, the city's own code */
  readonly districtCode: string;
  readonly nameZh: string;
  readonly nameEn: string | null;
  /** true for an invented region (the demo city's communities): not a real place */
  readonly synthetic: boolean;
  readonly geom: MultiPolygonGeometry | null;
};

/** Table `grids` (单元网格): code = community 12 + sequence 3 (GB/T 30428.1). */
export type GridRow = {
  readonly code: string;
  readonly districtCode: string;
  readonly streetCode: string;
  readonly communityCode: string;
  readonly nameZh: string;
  /** assessment area class 一类/二类 区域 */
  readonly areaClass: 1 | 2;
  /** true for an invented grid (every grid of the demo city) */
  readonly synthetic: boolean;
  readonly geom: MultiPolygonGeometry;
};

/** Table `staff`: a person who works in one or more grids. */
export type StaffRow = {
  readonly id: string;
  readonly districtCode: string;
  readonly nameZh: string;
  readonly phone: string | null;
};

/** "1+5+X" tier: 1 = grid head, 5 = brought-in staff, X = others (Kunming). */
export type StaffTier = '1' | '5' | 'X';
export type GridDuty =
  | 'grid_head' // 网格长
  | 'supervisor' // 网格监督员
  | 'enforcement_officer' // 城管执法人员
  | 'sanitation_worker' // 环卫保洁人员
  | 'community_police' // 社区民警
  | 'community_worker' // 社区专干
  | 'building_head' // 楼栋长
  | 'volunteer' // 志愿者
  | 'property_manager' // 物业
  | 'other';

/** Table `grid_staff_assignments`. Tier '1' if and only if duty 'grid_head'; one head per grid. */
export type GridStaffAssignmentRow = {
  readonly districtCode: string;
  readonly gridCode: string;
  readonly staffId: string;
  readonly tier: StaffTier;
  readonly duty: GridDuty;
};

/** 管理部件状态 (GB/T 47678.5 GLBJZT): 完好/破损/丢失/废弃/移除, plus 占用 from the brief. */
export type ComponentStatus =
  'intact' | 'damaged' | 'missing' | 'abandoned' | 'removed' | 'occupied';
/** Positioning accuracy class A ≤0.5 m, B ≤1 m, C ≤10 m. */
export type AccuracyClass = 'A' | 'B' | 'C';

/**
 * Table `components` (管理部件) with the 18 attributes of GB/T 47678.5-2026 Table 2
 * (abbreviations in comments). Dates are ISO calendar dates 'YYYY-MM-DD'.
 */
export type ComponentRow = {
  /** GLBJBSM, 17 digits: district 6 + big class 2 + small class 3 + serial 6 */
  readonly code: string;
  /** legacy CJ/T 214 16-digit identifier, when imported with one */
  readonly legacyCode: string | null;
  readonly districtCode: string;
  /** 5 digits: big 2 + small 3 (GB/T 47678.5 Annex A) */
  readonly categoryCode: string;
  readonly nameZh: string; // GLBJMC (≤30)
  readonly competentDeptCode: string; // ZGBMDM (unified social credit code, ≤18)
  readonly competentDeptName: string; // ZGBMMC
  readonly ownerCode: string | null; // QSDWDM
  readonly ownerName: string | null; // QSDWMC
  readonly maintainerCode: string | null; // YHDWDM
  readonly maintainerName: string | null; // YHDWMC
  readonly gridCode: string; // SZDYWGBSM (15)
  readonly status: ComponentStatus; // GLBJZT
  readonly initialDate: string; // CSRQ
  readonly changeDate: string | null; // BGRQ
  readonly dataSource: string | null; // SJLY (≤30)
  readonly remark: string | null; // BZ (≤1000)
  readonly streetCode: string | null; // SZJDDM
  readonly streetName: string | null; // SZJDMC
  readonly communityCode: string | null; // SZSQDM
  readonly communityName: string | null; // SZSQMC
  readonly accuracyClass: AccuracyClass | null;
  readonly geom: PointGeometry;
};

/** 门前三包 duties: cleanliness, greening, order. */
export type StorefrontDuty = 'clean' | 'green' | 'order';

/** Table `storefronts` (门前三包责任单位) with the frontage it answers for. */
export type StorefrontRow = {
  readonly id: string;
  readonly districtCode: string;
  readonly gridCode: string;
  readonly nameZh: string;
  readonly address: string;
  readonly operatorName: string | null;
  readonly contactPhone: string | null;
  readonly licenceNo: string | null;
  readonly duties: readonly StorefrontDuty[];
  readonly frontage: LineStringGeometry;
  /** frontage length in metres, > 0 */
  readonly frontageM: number;
};

export type UnitKind =
  | 'command_centre' // 指挥中心
  | 'city_department' // 市级部门
  | 'district_bureau' // 区级部门
  | 'street_centre' // 街道处置中心
  | 'community_station' // 社区工作站
  | 'utility'; // 公共服务企业

/** Table `units` (处置单位): the organisations cases are dispatched to, as a tree. */
export type UnitRow = {
  readonly id: string;
  readonly parentId: string | null;
  /** the region's district code; city-level units carry the city's code */
  readonly districtCode: string;
  readonly regionCode: string;
  readonly kind: UnitKind;
  readonly nameZh: string;
  readonly nameEn: string | null;
  /** 统一社会信用代码, 18 characters, when known */
  readonly creditCode: string | null;
  readonly active: boolean;
};
