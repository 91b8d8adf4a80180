import type { AccuracyClass, ComponentRow, ComponentStatus, UnitRow } from '../base-data/index.ts';
import { pointInCell, type Lattice } from './lattice.ts';
import type { GridPlace } from './layout.ts';
import { hashUnit, type Rng } from './random.ts';
import { type DepartmentKey, unitId, type UtilityKey } from './units.ts';
import { CITY } from './names.ts';

/** A component category of GB/T 47678.5 Annex A (kind component, 5-digit code). */
export type ComponentCategory = { readonly code: string; readonly nameZh: string };

type Owner = {
  dept: DepartmentKey;
  owner: DepartmentKey | UtilityKey;
  maintainer: 'district' | UtilityKey;
};

// Who answers for a component: the competent city department, the owner, the maintainer (a
// district bureau of the same department, or the utility that owns it).
const RULES: readonly (readonly [RegExp, Owner])[] = [
  [/供水|消防|水鹤|水井|水塔/, { dept: 'sw', owner: 'water', maintainer: 'water' }],
  [/电力|电缆|变压器|高压线|充电桩/, { dept: 'zjj', owner: 'power', maintainer: 'power' }],
  [/燃气|输油/, { dept: 'zjj', owner: 'gas', maintainer: 'gas' }],
  [/通信|电视|网络|电话|基站/, { dept: 'zjj', owner: 'telecom', maintainer: 'telecom' }],
  [
    /雨水|污水|化粪池|中水|排水|防汛|水域|排放口/,
    { dept: 'sw', owner: 'sw', maintainer: 'district' },
  ],
  [/路灯|地灯|景观灯/, { dept: 'cgj', owner: 'cgj', maintainer: 'district' }],
  [/园林/, { dept: 'yl', owner: 'yl', maintainer: 'district' }],
];
const BY_BIG_CLASS: Readonly<Record<string, Owner>> = {
  '02': { dept: 'jt', owner: 'jt', maintainer: 'district' },
  '03': { dept: 'cgj', owner: 'cgj', maintainer: 'district' },
  '04': { dept: 'yl', owner: 'yl', maintainer: 'district' },
};
const DEFAULT_OWNER: Owner = { dept: 'zjj', owner: 'zjj', maintainer: 'district' };

function ownerOf(c: ComponentCategory): Owner {
  return (
    RULES.find(([re]) => re.test(c.nameZh))?.[1] ??
    BY_BIG_CLASS[c.code.slice(0, 2)] ??
    DEFAULT_OWNER
  );
}

/** How common a kind of component is on the street (relative weight). */
function weightOf(c: ComponentCategory): number {
  if (/行道树/.test(c.nameZh)) return 14;
  if (/^路灯$/.test(c.nameZh)) return 12;
  if (/井盖|箅子/.test(c.nameZh)) return 6;
  if (/垃圾箱|门（楼号）牌|立杆|交通标志|护栏|便道桩/.test(c.nameZh)) return 4;
  if (/桥|隧道|停车场|绿地|林地|古树|加油|文物|泵站|水塔|基站/.test(c.nameZh)) return 0.2;
  return 1;
}

// GB/T 30428.1 data-collection accuracy: A ≤0.5 m for manholes and lamps, C ≤10 m for
// approximate features (bridges, parking lots), B for the rest.
function accuracyOf(c: ComponentCategory): AccuracyClass {
  if (/井盖|箅子|灯|杆|消防/.test(c.nameZh)) return 'A';
  if (/桥|隧道|停车场|绿地|林地|车库|加油/.test(c.nameZh)) return 'C';
  return 'B';
}

type StatusRow = {
  readonly below: number;
  readonly status: ComponentStatus;
  readonly remark: string | null;
};
const STATUSES: readonly StatusRow[] = [
  { below: 0.94, status: 'intact', remark: null },
  { below: 0.97, status: 'damaged', remark: '巡查发现破损，待修复' },
  { below: 0.985, status: 'missing', remark: '巡查发现丢失' },
  { below: 0.99, status: 'abandoned', remark: '已废弃' },
  { below: 0.995, status: 'removed', remark: '已移除' },
  { below: 1, status: 'occupied', remark: '被占用' },
];
const INTACT: StatusRow = { below: 1, status: 'intact', remark: null };
// GB/T 47678.5 SJLY: measured / base geodata / topographic map / other.
const SOURCES: readonly { readonly below: number; readonly source: string }[] = [
  { below: 0.7, source: '实测' },
  { below: 0.85, source: '基础地理数据' },
  { below: 0.95, source: '地形图' },
  { below: 1, source: '其他' },
];
const EPOCH_MS = Date.UTC(2019, 0, 1);
const DAY_MS = 86_400_000;
const SURVEY_DAYS = 2556; // 2019-01-01 … 2025-12-31
const isoDate = (day: number): string =>
  new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);

export type ComponentInput = {
  readonly lattice: Lattice;
  readonly places: readonly GridPlace[];
  readonly units: readonly UnitRow[];
  readonly categories: readonly ComponentCategory[];
  readonly count: number;
};

/**
 * Components (管理部件) spread over the grids, as a stream so millions never sit in memory.
 * Identifiers are 17 digits: district 6 + category 5 + serial 6 per district and category.
 */
export function* generateComponents(input: ComponentInput, rng: Rng): Generator<ComponentRow> {
  const { lattice, places, categories } = input;
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const cats = categories.map((c) => ({ c, owner: ownerOf(c), accuracy: accuracyOf(c) }));
  const cumulative: number[] = [];
  let total = 0;
  for (const c of categories) cumulative.push((total += weightOf(c)));
  const serials = new Map<string, number>();
  for (const place of gridByGrid(places, input.count, lattice.seed)) {
    const cat = cats[lowerBound(cumulative, rng.next() * total)];
    if (cat === undefined) return;
    const g = place.grid;
    const key = g.districtCode + cat.c.code;
    const serial = (serials.get(key) ?? 0) + 1;
    if (serial > 999_999) throw new Error(`more than 999999 components of ${key}`);
    serials.set(key, serial);
    const i = place.rect.x0 + rng.int(place.rect.x1 - place.rect.x0);
    const j = place.rect.y0 + rng.int(place.rect.y1 - place.rect.y0);
    const point = pointInCell(lattice, i, j, 0.03 + 0.94 * rng.next(), 0.03 + 0.94 * rng.next());
    const r = rng.next();
    const { status, remark } = STATUSES.find((row) => r < row.below) ?? INTACT;
    const day = rng.int(SURVEY_DAYS);
    const dept = unitById.get(unitId.department(CITY.code, cat.owner.dept));
    const owner = unitById.get(unitOf(CITY.code, cat.owner.owner));
    const maintainer = unitById.get(
      cat.owner.maintainer === 'district'
        ? unitId.department(g.districtCode, cat.owner.dept)
        : unitId.utility(cat.owner.maintainer),
    );
    yield {
      code: `${key}${String(serial).padStart(6, '0')}`,
      legacyCode: null,
      districtCode: g.districtCode,
      categoryCode: cat.c.code,
      nameZh: cat.c.nameZh.slice(0, 30),
      competentDeptCode: dept?.creditCode ?? '',
      competentDeptName: dept?.nameZh ?? '',
      ownerCode: owner?.creditCode ?? null,
      ownerName: owner?.nameZh ?? null,
      maintainerCode: maintainer?.creditCode ?? null,
      maintainerName: maintainer?.nameZh ?? null,
      gridCode: g.code,
      status,
      initialDate: isoDate(day),
      changeDate: status === 'intact' ? null : isoDate(day + 30 + rng.int(600)),
      dataSource: sourceOf(rng.next()),
      remark,
      streetCode: g.streetCode,
      streetName: place.streetName,
      communityCode: g.communityCode,
      communityName: place.communityName,
      accuracyClass: cat.accuracy,
      geom: { type: 'Point', coordinates: point },
    };
  }
}

const sourceOf = (r: number): string | null => SOURCES.find((row) => r < row.below)?.source ?? null;

const UTILITY_KEYS: readonly string[] = ['power', 'water', 'gas', 'telecom'];
function unitOf(city: string, key: DepartmentKey | UtilityKey): string {
  return UTILITY_KEYS.includes(key)
    ? unitId.utility(key as UtilityKey)
    : unitId.department(city, key as DepartmentKey);
}

/**
 * The grid of each component in turn, grid after grid, each grid getting a seeded share of the
 * count (exact in total). Writing a grid's components together keeps the spatial and grid
 * indexes' inserts local, which makes bulk loads of millions markedly faster.
 */
function* gridByGrid(
  places: readonly GridPlace[],
  count: number,
  seed: number,
): Generator<GridPlace> {
  const weights = places.map((_, k) => 0.5 + hashUnit(seed, k, 99));
  const total = weights.reduce((s, w) => s + w, 0);
  let cumulative = 0;
  let emitted = 0;
  for (const [k, place] of places.entries()) {
    cumulative += weights[k] ?? 0;
    const upTo = k === places.length - 1 ? count : Math.round((count * cumulative) / total);
    for (; emitted < upTo; emitted++) yield place;
  }
}

/** First index whose cumulative weight exceeds x. */
function lowerBound(cumulative: readonly number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
