import type { GridRow, RegionRow } from '../base-data/index.ts';
import {
  allocate,
  type CellRect,
  type Lattice,
  rectCells,
  rectGeometry,
  splitRect,
} from './lattice.ts';
import { CITY, communityName, DISTRICTS } from './names.ts';
import type { Rng } from './random.ts';

/** A grid with what the other generators need to place things in it. */
export type GridPlace = {
  readonly grid: GridRow;
  readonly rect: CellRect;
  readonly streetName: string;
  readonly communityName: string;
};

export type CityLayout = {
  readonly lattice: Lattice;
  /** city, districts, streets, communities: parents before children */
  readonly regions: readonly RegionRow[];
  readonly places: readonly GridPlace[];
};

// The main city's extent: about 44 km × 44 km centred near lng 102.74, lat 25.02.
const WEST = 102.52;
const SOUTH = 24.82;
const SPAN_LNG = 0.44;
// Square cells on the ground: a degree of longitude is cos(25°) ≈ 0.906 of a degree of latitude.
const LAT_PER_LNG = 0.9063;
// About four lattice cells per grid leaves room for grids of different shapes.
const CELLS_PER_GRID = 4;
/** The grid sequence has 3 digits (GB/T 30428.1): at most 999 grids per community. */
export const MAX_GRIDS_PER_COMMUNITY = 999;

/** Grids are denser downtown (around 五华/盘龙/官渡's meeting point) than at the edges. */
function density(l: Lattice, r: CellRect): number {
  const dx = (r.x0 + r.x1) / 2 / l.cols - 0.47;
  const dy = (r.y0 + r.y1) / 2 / l.rows - 0.56;
  return 1 + 3 * Math.exp(-(dx * dx + dy * dy) / 0.04);
}

export function layOutCity(
  p: { seed: number; grids: number; communities: number },
  rng: Rng,
): CityLayout {
  const side = Math.max(24, Math.ceil(Math.sqrt(CELLS_PER_GRID * p.grids)));
  const dLng = SPAN_LNG / side;
  const lattice: Lattice = {
    cols: side,
    rows: side,
    west: WEST,
    south: SOUTH,
    dLng,
    dLat: dLng * LAT_PER_LNG,
    seed: p.seed,
  };
  const at = (f: number, n: number): number => Math.round(f * n);
  const districtRects = DISTRICTS.map((d) => ({
    d,
    rect: { x0: at(d.x0, side), y0: at(d.y0, side), x1: at(d.x1, side), y1: at(d.y1, side) },
  }));
  const whole: CellRect = { x0: 0, y0: 0, x1: side, y1: side };
  const regions: RegionRow[] = [
    {
      code: CITY.code,
      level: 'city',
      parentCode: null,
      districtCode: CITY.code,
      nameZh: CITY.nameZh,
      nameEn: CITY.nameEn,
      geom: rectGeometry(lattice, whole),
    },
  ];
  for (const { d, rect } of districtRects) {
    regions.push({
      code: d.code,
      level: 'district',
      parentCode: CITY.code,
      districtCode: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      geom: rectGeometry(lattice, rect),
    });
  }
  const perDistrict = allocate(
    p.communities,
    districtRects.map((x) => rectCells(x.rect)),
    districtRects.map((x) => rectCells(x.rect)),
  );
  const communities: {
    code: string;
    name: string;
    rect: CellRect;
    street: string;
    streetName: string;
    district: string;
  }[] = [];
  const nameOrder = shuffledNameOrder(rng);
  districtRects.forEach(({ d, rect }, di) => {
    const nCommunities = perDistrict[di] ?? 1;
    const streetRects = splitRect(rect, Math.min(d.streets.length, nCommunities), rng);
    const perStreet = allocate(
      nCommunities,
      streetRects.map(rectCells),
      streetRects.map(rectCells),
    );
    streetRects.forEach((sr, si) => {
      const streetCode = `${d.code}${String(si + 1).padStart(3, '0')}`;
      const streetName = `${d.streets[si] ?? ''}街道`;
      regions.push({
        code: streetCode,
        level: 'street',
        parentCode: d.code,
        districtCode: d.code,
        nameZh: streetName,
        nameEn: null,
        geom: rectGeometry(lattice, sr),
      });
      splitRect(sr, perStreet[si] ?? 1, rng).forEach((cr, ci) => {
        const code = `${streetCode}${String(ci + 1).padStart(3, '0')}`;
        const name = communityName(nameOrder, communities.length);
        communities.push({
          code,
          name,
          rect: cr,
          street: streetCode,
          streetName,
          district: d.code,
        });
        regions.push({
          code,
          level: 'community',
          parentCode: streetCode,
          districtCode: d.code,
          nameZh: name,
          nameEn: null,
          geom: rectGeometry(lattice, cr),
        });
      });
    });
  });
  const perCommunity = allocate(
    p.grids,
    communities.map((c) => rectCells(c.rect) * density(lattice, c.rect)),
    communities.map((c) => Math.min(rectCells(c.rect), MAX_GRIDS_PER_COMMUNITY)),
  );
  const places: GridPlace[] = [];
  communities.forEach((c, ci) => {
    splitRect(c.rect, perCommunity[ci] ?? 1, rng).forEach((gr, gi) => {
      const grid: GridRow = {
        code: `${c.code}${String(gi + 1).padStart(3, '0')}`,
        districtCode: c.district,
        streetCode: c.street,
        communityCode: c.code,
        nameZh: `${c.name}第${gi + 1}网格`,
        areaClass: density(lattice, gr) > 1.5 ? 1 : 2,
        geom: rectGeometry(lattice, gr),
      };
      places.push({ grid, rect: gr, streetName: c.streetName, communityName: c.name });
    });
  });
  return { lattice, regions, places };
}

function shuffledNameOrder(rng: Rng): number[] {
  const order = Array.from({ length: 900 }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}
