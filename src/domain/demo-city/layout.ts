import type { GridRow, RegionRow } from '../base-data/index.ts';
import {
  allocate,
  type CellRect,
  type Lattice,
  rectCells,
  rectGeometry,
  splitRect,
} from './lattice.ts';
import {
  CITY,
  DISTRICTS,
  SYNTHETIC_COMMUNITIES_PER_STREET,
  syntheticCommunityCode,
  syntheticCommunityName,
} from './names.ts';
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

type Community = {
  readonly code: string;
  readonly name: string;
  readonly rect: CellRect;
  readonly street: string;
  readonly streetName: string;
  readonly district: string;
};

const seq3 = (n: number): string => String(n).padStart(3, '0');

function regionRow(
  lattice: Lattice,
  r: Omit<RegionRow, 'geom' | 'nameEn' | 'synthetic'> & { nameEn?: string; synthetic?: boolean },
  rect: CellRect,
): RegionRow {
  return {
    ...r,
    nameEn: r.nameEn ?? null,
    synthetic: r.synthetic ?? false,
    geom: rectGeometry(lattice, rect),
  };
}

function latticeFor(seed: number, grids: number): Lattice {
  const side = Math.max(24, Math.ceil(Math.sqrt(CELLS_PER_GRID * grids)));
  const dLng = SPAN_LNG / side;
  return { cols: side, rows: side, west: WEST, south: SOUTH, dLng, dLat: dLng * LAT_PER_LNG, seed };
}

/**
 * Lays the city out: the five districts where they lie in Kunming, each cut into its streets,
 * each street into communities, each community into exactly its share of the grids.
 */
export function layOutCity(
  p: { seed: number; grids: number; communities: number },
  rng: Rng,
): CityLayout {
  const lattice = latticeFor(p.seed, p.grids);
  const side = lattice.cols;
  const at = (f: number): number => Math.round(f * side);
  const districts = DISTRICTS.map((d) => ({
    d,
    rect: { x0: at(d.x0), y0: at(d.y0), x1: at(d.x1), y1: at(d.y1) },
  }));
  const { code, nameZh, nameEn } = CITY;
  const whole: CellRect = { x0: 0, y0: 0, x1: side, y1: side };
  const regions: RegionRow[] = [
    regionRow(
      lattice,
      { code, level: 'city', parentCode: null, districtCode: code, nameZh, nameEn },
      whole,
    ),
    ...districts.map(({ d, rect }) =>
      regionRow(
        lattice,
        {
          code: d.code,
          level: 'district',
          parentCode: code,
          districtCode: d.code,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
        },
        rect,
      ),
    ),
  ];
  // A street holds at most SYNTHETIC_COMMUNITIES_PER_STREET invented communities (codes 901–999).
  const perDistrict = allocate(
    p.communities,
    districts.map((x) => rectCells(x.rect)),
    districts.map((x) =>
      Math.min(rectCells(x.rect), x.d.streets.length * SYNTHETIC_COMMUNITIES_PER_STREET),
    ),
  );
  const communities: Community[] = [];
  districts.forEach(({ d, rect }, di) => {
    const n = perDistrict[di] ?? 1;
    // With fewer communities than streets, only the first streets (in code order) are drawn.
    const streets = splitRect(rect, Math.min(d.streets.length, n), rng);
    const perStreet = allocate(
      n,
      streets.map(rectCells),
      streets.map((r) => Math.min(rectCells(r), SYNTHETIC_COMMUNITIES_PER_STREET)),
    );
    streets.forEach((sr, si) => {
      const real = d.streets[si];
      if (real === undefined) throw new Error(`district ${d.code} has no street ${si + 1}`);
      const street = real.code;
      const streetName = real.nameZh;
      regions.push(
        regionRow(
          lattice,
          {
            code: street,
            level: 'street',
            parentCode: d.code,
            districtCode: d.code,
            nameZh: streetName,
          },
          sr,
        ),
      );
      splitRect(sr, perStreet[si] ?? 1, rng).forEach((rect, ci) => {
        const c: Community = {
          code: syntheticCommunityCode(street, ci + 1),
          name: syntheticCommunityName(real, ci + 1),
          rect,
          street,
          streetName,
          district: d.code,
        };
        communities.push(c);
        regions.push(
          regionRow(
            lattice,
            {
              code: c.code,
              level: 'community',
              parentCode: street,
              districtCode: d.code,
              nameZh: c.name,
              synthetic: true,
            },
            rect,
          ),
        );
      });
    });
  });
  return { lattice, regions, places: layOutGrids(lattice, communities, p.grids, rng) };
}

/** Shares the grids among communities (denser downtown) and cuts each community into its share. */
function layOutGrids(
  lattice: Lattice,
  communities: readonly Community[],
  grids: number,
  rng: Rng,
): GridPlace[] {
  const perCommunity = allocate(
    grids,
    communities.map((c) => rectCells(c.rect) * density(lattice, c.rect)),
    communities.map((c) => Math.min(rectCells(c.rect), MAX_GRIDS_PER_COMMUNITY)),
  );
  return communities.flatMap((c, ci) =>
    splitRect(c.rect, perCommunity[ci] ?? 1, rng).map((rect, gi) => ({
      grid: {
        code: `${c.code}${seq3(gi + 1)}`,
        districtCode: c.district,
        streetCode: c.street,
        communityCode: c.code,
        nameZh: `${c.name}第${gi + 1}网格`,
        areaClass: density(lattice, rect) > 1.5 ? 1 : 2,
        synthetic: true,
        geom: rectGeometry(lattice, rect),
      },
      rect,
      streetName: c.streetName,
      communityName: c.name,
    })),
  );
}
