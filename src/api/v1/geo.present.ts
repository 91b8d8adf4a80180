import type { GridLocation } from '../../services/geo/locate.ts';
import type { GridFeatureRow, RegionListRow } from '../../services/geo/spatial-base.ts';
import type { GridCollectionBody, LocationBody, RegionBody } from './geo.schemas.ts';

/** The public fields of a located point. */
export function presentLocation(l: GridLocation): LocationBody {
  const named = (n: { code: string; name: string | null }) => ({ code: n.code, name: n.name });
  return {
    grid: named(l.grid),
    community: named(l.community),
    street: named(l.street),
    district: named(l.district),
    point: { lng: l.point.lng, lat: l.point.lat },
  };
}

/** Grids as an RFC 7946 FeatureCollection (WGS84), one Feature per grid with its codes. */
export function presentGridCollection(rows: readonly GridFeatureRow[]): GridCollectionBody {
  return {
    type: 'FeatureCollection',
    features: rows.map((g) => ({
      type: 'Feature',
      id: g.code,
      geometry: {
        type: 'MultiPolygon',
        coordinates: g.geometry.coordinates as number[][][][],
      },
      properties: {
        code: g.code,
        name: g.name,
        communityCode: g.communityCode,
        streetCode: g.streetCode,
        districtCode: g.districtCode,
        areaClass: g.areaClass,
        synthetic: g.synthetic,
      },
    })),
  };
}

export function presentRegion(r: RegionListRow): RegionBody {
  return {
    code: r.code,
    level: r.level,
    parentCode: r.parentCode,
    districtCode: r.districtCode,
    name: r.name,
    nameEn: r.nameEn,
    synthetic: r.synthetic,
  };
}
