/**
 * Address geocoding (地址匹配) against the city's own base data, not an outside map service: the
 * administrative regions (区县、街道、社区) and the addresses the base data carries (门牌地址, e.g. the
 * storefronts' "五华区华山街道青年路12号"). A hotline agent types what the caller says; an Open311
 * client sends `address_string`. Pure: the service builds the gazetteer from the store.
 */
import type { LngLat } from './coords.ts';

export type PlaceLevel = 'district' | 'street' | 'community';

/** A region of the gazetteer, with a point inside it (PostGIS ST_PointOnSurface). */
export type GazetteerRegion = {
  readonly code: string;
  readonly level: PlaceLevel;
  readonly name: string;
  readonly point: LngLat;
};

/** A house address (门牌) of the base data, with the point it stands for. */
export type GazetteerAddress = {
  readonly address: string;
  /** the street (街道) the address lies in, from its grid */
  readonly streetCode: string;
  readonly point: LngLat;
};

/** How exactly a match pins the place: a house number, a road in a street, or only a region. */
export type GeocodePrecision = 'address' | 'road' | PlaceLevel;

export type GeocodeMatch = {
  readonly point: LngLat;
  readonly precision: GeocodePrecision;
  /** the normalised place the point stands for, e.g. "华山街道青年路12号" */
  readonly label: string;
  readonly districtCode: string;
  readonly streetCode: string | null;
};

type RoadHouse = { readonly number: number | null; readonly point: LngLat; readonly label: string };

export type Gazetteer = {
  readonly regions: readonly GazetteerRegion[];
  readonly byCode: ReadonlyMap<string, GazetteerRegion>;
  /** road name → street code → houses on it (number null: the road without a number) */
  readonly roads: ReadonlyMap<string, ReadonlyMap<string, readonly RoadHouse[]>>;
  /** road names, longest first, so 人民中路 wins over 人民路 */
  readonly roadNames: readonly string[];
};

/** The precisions in the order a caller can trust them, finest first. */
export const PRECISIONS: readonly GeocodePrecision[] = [
  'address',
  'road',
  'community',
  'street',
  'district',
];

const ROAD_RE = /([\u4e00-\u9fa5A-Za-z0-9]{1,12}?(?:大道|大街|路|街|巷|道|里|弄|胡同))(\d+)号/u;

/**
 * One spelling for what people type: full-width digits and letters folded (NFKC), spaces and
 * punctuation dropped, the province and city prefix removed (the gazetteer is one city's).
 */
export function normaliseAddress(text: string, cityPrefixes: readonly string[] = []): string {
  let s = text.normalize('NFKC').replace(/[\s,，。、;；:：()（）"'“”‘’·\-—]/gu, '');
  for (const p of cityPrefixes) if (s.startsWith(p)) s = s.slice(p.length);
  return s;
}

/** Splits "…青年路12号" into its road and number, if the text ends that way. */
function roadAndNumber(address: string): { road: string; number: number } | null {
  const m = ROAD_RE.exec(address);
  if (m === null || m[1] === undefined || m[2] === undefined) return null;
  return { road: m[1], number: Number(m[2]) };
}

/** Strips the region names a base address starts with, so the road name stands alone. */
function stripRegions(s: string, names: readonly string[]): string {
  let out = s;
  for (let changed = true; changed;) {
    changed = false;
    for (const n of names) {
      if (out.startsWith(n)) {
        out = out.slice(n.length);
        changed = true;
      }
    }
  }
  return out;
}

export function buildGazetteer(
  regions: readonly GazetteerRegion[],
  addresses: readonly GazetteerAddress[],
): Gazetteer {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const names = [...new Set(regions.map((r) => r.name))].sort((a, b) => b.length - a.length);
  const roads = new Map<string, Map<string, RoadHouse[]>>();
  for (const a of addresses) {
    const text = normaliseAddress(a.address);
    const parsed = roadAndNumber(stripRegions(text, names));
    if (parsed === null) continue;
    const byStreet = roads.get(parsed.road) ?? new Map<string, RoadHouse[]>();
    roads.set(parsed.road, byStreet);
    const houses = byStreet.get(a.streetCode) ?? [];
    byStreet.set(a.streetCode, houses);
    houses.push({
      number: parsed.number,
      point: a.point,
      label: `${parsed.road}${parsed.number}号`,
    });
  }
  const roadNames = [...roads.keys()].sort((a, b) => b.length - a.length);
  return { regions, byCode, roads, roadNames };
}

const districtOf = (code: string): string => code.slice(0, 6);
const streetOf = (code: string): string | null => (code.length >= 9 ? code.slice(0, 9) : null);

/** The regions named in the text, each level's candidates (a community name may repeat). */
function namedRegions(g: Gazetteer, text: string): GazetteerRegion[] {
  return g.regions.filter((r) => r.name.length >= 2 && text.includes(r.name));
}

/**
 * The named regions that fit together, top down: a street counts only under a named district, a
 * community only under a named street (or district), so "五华区…翠湖社区" drops a 翠湖社区 of
 * another district. A level nobody named does not narrow the next.
 */
function consistent(named: readonly GazetteerRegion[], within: string | null): GazetteerRegion[] {
  const fits = (r: GazetteerRegion, s: string): boolean =>
    r.code.startsWith(s) || s.startsWith(r.code);
  let scope: readonly string[] = within === null ? [] : [within];
  const out: GazetteerRegion[] = [];
  for (const level of ['district', 'street', 'community'] as const) {
    const here = named.filter(
      (r) =>
        r.level === level &&
        (within === null || fits(r, within)) &&
        (scope.length === 0 || scope.some((s) => fits(r, s))),
    );
    if (here.length === 0) continue;
    out.push(...here);
    scope = here.map((r) => r.code);
  }
  return out;
}

function nearestHouse(houses: readonly RoadHouse[], number: number | null): RoadHouse | null {
  let best: RoadHouse | null = null;
  for (const h of houses) {
    if (best === null) best = h;
    else if (number !== null && h.number !== null && best.number !== null) {
      if (Math.abs(h.number - number) < Math.abs(best.number - number)) best = h;
    }
  }
  return best;
}

/** Matches on a named road: a house number found exactly is `address`, else the nearest house is `road`. */
function roadMatches(
  g: Gazetteer,
  text: string,
  regions: readonly GazetteerRegion[],
  within: string | null,
): GeocodeMatch[] {
  const road = g.roadNames.find((n) => text.includes(n));
  if (road === undefined) return [];
  const after = text.slice(text.indexOf(road) + road.length);
  const num = /^(\d+)号/u.exec(after);
  const number = num?.[1] === undefined ? null : Number(num[1]);
  // The finest regions named (or the caller's region) narrow the road to the streets under them.
  const finest = Math.max(0, ...regions.map((r) => r.code.length));
  const scopes = regions.filter((r) => r.code.length === finest).map((r) => r.code.slice(0, 9));
  const inScope = (street: string): boolean =>
    (within === null || street.startsWith(within.slice(0, 9))) &&
    (scopes.length === 0 || scopes.some((s) => street.startsWith(s)));
  const out: GeocodeMatch[] = [];
  for (const [streetCode, houses] of g.roads.get(road) ?? []) {
    if (!inScope(streetCode)) continue;
    const house = nearestHouse(houses, number);
    if (house === null) continue;
    const street = g.byCode.get(streetCode);
    const exact = number !== null && house.number === number;
    out.push({
      point: house.point,
      precision: exact ? 'address' : 'road',
      label: `${street?.name ?? ''}${exact ? house.label : road}`,
      districtCode: districtOf(streetCode),
      streetCode,
    });
  }
  return out;
}

/**
 * The places an address may mean, best first. Several matches at the best precision mean the text
 * is ambiguous (a road that runs through two streets, a community name used twice): the caller
 * asks which. `within` (a district or street code) limits the search to a caller's region.
 */
export function geocode(g: Gazetteer, input: string, within: string | null = null): GeocodeMatch[] {
  const text = normaliseAddress(input);
  if (text.length === 0) return [];
  const regions = consistent(namedRegions(g, text), within);
  const onRoad = roadMatches(g, text, regions, within);
  if (onRoad.length > 0) return sortMatches(onRoad);
  // No road known: the finest region named (a community's point stands for the community).
  const rank = (l: PlaceLevel): number => PRECISIONS.indexOf(l);
  const finest = Math.min(...regions.map((r) => rank(r.level)));
  return sortMatches(
    regions
      .filter((r) => rank(r.level) === finest)
      .map((r) => ({
        point: r.point,
        precision: r.level,
        label: r.name,
        districtCode: districtOf(r.code),
        streetCode: streetOf(r.code),
      })),
  );
}

function sortMatches(ms: GeocodeMatch[]): GeocodeMatch[] {
  return ms.sort(
    (a, b) =>
      PRECISIONS.indexOf(a.precision) - PRECISIONS.indexOf(b.precision) ||
      a.label.localeCompare(b.label, 'zh-CN'),
  );
}

/** At least as fine as `floor` (e.g. a work order needs a road or a house, not a whole district). */
export const atLeast = (p: GeocodePrecision, floor: GeocodePrecision): boolean =>
  PRECISIONS.indexOf(p) <= PRECISIONS.indexOf(floor);
