import type { Position, StorefrontDuty, StorefrontRow } from '../base-data/index.ts';
import { pointInCell, type Lattice } from './lattice.ts';
import type { GridPlace } from './layout.ts';
import { DISTRICTS, ROADS, SHOP_KINDS, SURNAMES } from './names.ts';
import { demoPhone, personName } from './people.ts';
import type { Rng } from './random.ts';
import { creditCode } from './units.ts';

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG_EQUATOR = 111_320;

/** Length of a short line in metres (equirectangular; exact enough over a shop front). */
export function lineLengthM(line: readonly Position[]): number {
  let m = 0;
  for (let k = 1; k < line.length; k++) {
    const [x0, y0] = line[k - 1] ?? [0, 0];
    const [x1, y1] = line[k] ?? [0, 0];
    const dx = (x1 - x0) * M_PER_DEG_LNG_EQUATOR * Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
    const dy = (y1 - y0) * M_PER_DEG_LAT;
    m += Math.hypot(dx, dy);
  }
  return m;
}

const ALL_DUTIES: readonly StorefrontDuty[] = ['clean', 'green', 'order'];

/**
 * Storefront responsibility units (门前三包) along downtown grids (area class 1 when there are
 * any): each answers for a frontage drawn along one lattice cell inside its grid.
 */
export function generateStorefronts(
  lattice: Lattice,
  places: readonly GridPlace[],
  count: number,
  rng: Rng,
): StorefrontRow[] {
  const core = places.filter((p) => p.grid.areaClass === 1);
  const pool = core.length > 0 ? core : places;
  const out: StorefrontRow[] = [];
  for (let n = 0; n < count && pool.length > 0; n++) {
    const p = rng.pick(pool);
    const i = p.rect.x0 + rng.int(p.rect.x1 - p.rect.x0);
    const j = p.rect.y0 + rng.int(p.rect.y1 - p.rect.y0);
    const u = 0.05 + 0.5 * rng.next();
    const v = 0.05 + 0.9 * rng.next();
    const frontage = [u, u + 0.1, u + 0.2].map((a) => pointInCell(lattice, i, j, a, v));
    const district = DISTRICTS.find((d) => d.code === p.grid.districtCode);
    out.push({
      id: `sf-${String(n + 1).padStart(7, '0')}`,
      districtCode: p.grid.districtCode,
      gridCode: p.grid.code,
      nameZh: `${rng.pick(SURNAMES)}记${rng.pick(SHOP_KINDS)}`,
      address: `${district?.nameZh ?? ''}${p.streetName}${rng.pick(ROADS)}${1 + rng.int(300)}号`,
      operatorName: personName(rng),
      contactPhone: demoPhone(rng),
      licenceNo: creditCode('enterprise', p.grid.districtCode, n * 31 + 7),
      duties: rng.next() < 0.85 ? ALL_DUTIES : ['clean', 'order'],
      frontage: { type: 'LineString', coordinates: frontage },
      frontageM: Math.max(0.1, Math.round(lineLengthM(frontage) * 10) / 10),
    });
  }
  return out;
}
