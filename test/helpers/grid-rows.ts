import type { GridRow, RegionRow } from '../../src/domain/base-data/index.ts';
import { rect } from '../fixtures/tiny-city.ts';

/** A region row without geometry, its district taken from the first six digits of the code. */
export const region = (
  code: string,
  level: RegionRow['level'],
  parentCode: string | null,
  nameZh: string,
): RegionRow => ({
  code,
  level,
  parentCode,
  districtCode: code.slice(0, 6),
  nameZh,
  nameEn: null,
  synthetic: false,
  geom: null,
});

/** A grid row whose geometry is the 0.01° square with its south-west corner at (x0, y0). */
export const gridRow = (code: string, nameZh: string, x0: number, y0: number): GridRow => ({
  code,
  districtCode: code.slice(0, 6),
  streetCode: code.slice(0, 9),
  communityCode: code.slice(0, 12),
  nameZh,
  areaClass: 1,
  synthetic: false,
  geom: rect(x0, y0, x0 + 0.01, y0 + 0.01),
});
