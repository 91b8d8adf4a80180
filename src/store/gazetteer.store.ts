import type { GazetteerAddress, GazetteerRegion } from '../domain/geo/geocode.ts';
import type { Queryable } from './db.ts';

type RegionRow = {
  code: string;
  level: GazetteerRegion['level'];
  name: string;
  lng: number;
  lat: number;
};
type AddressRow = { address: string; street_code: string; lng: number; lat: number };

/**
 * What address matching reads from the base data (地址匹配的地名库): every district, street and
 * community with a point inside it, and every house address the base data carries (today the
 * storefronts' addresses, 门前三包), at the middle of its frontage, under the street of its grid.
 */
export async function readGazetteer(
  q: Queryable,
): Promise<{ regions: GazetteerRegion[]; addresses: GazetteerAddress[] }> {
  const regions = await q.query<RegionRow>(
    `SELECT code, level, name_zh AS name,
            ST_X(ST_PointOnSurface(geom))::float8 AS lng, ST_Y(ST_PointOnSurface(geom))::float8 AS lat
       FROM regions
      WHERE level IN ('district', 'street', 'community') AND geom IS NOT NULL
      ORDER BY code`,
  );
  const addresses = await q.query<AddressRow>(
    `SELECT address, left(grid_code, 9) AS street_code,
            ST_X(ST_LineInterpolatePoint(frontage, 0.5))::float8 AS lng,
            ST_Y(ST_LineInterpolatePoint(frontage, 0.5))::float8 AS lat
       FROM storefronts
      ORDER BY id`,
  );
  return {
    regions: regions.rows.map((r) => ({
      code: r.code,
      level: r.level,
      name: r.name,
      point: { lng: r.lng, lat: r.lat },
    })),
    addresses: addresses.rows.map((a) => ({
      address: a.address,
      streetCode: a.street_code,
      point: { lng: a.lng, lat: a.lat },
    })),
  };
}
