import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  parseBbox,
  parsePoint,
  parseRegionCode,
  parseRegionCodeOfLevel,
  type InvalidBbox,
  type InvalidCode,
} from '../../domain/geo/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../../services/deps.ts';
import { searchAddress } from '../../services/geo/geocode.ts';
import { locatePoint } from '../../services/geo/locate.ts';
import {
  listGridFeatures,
  listRegionRows,
  type GridFilter,
  type RegionFilter,
} from '../../services/geo/spatial-base.ts';
import { presentGridCollection, presentLocation, presentRegion } from './geo.present.ts';
import {
  GeocodeQuery,
  GeocodeResultSchema,
  GridCollectionSchema,
  GridsQuery,
  LocateQuery,
  LocationSchema,
  RegionSchema,
  RegionsQuery,
} from './geo.schemas.ts';
import { errorResponses } from './error.schemas.ts';

type Query = Readonly<Record<string, unknown>>;

/** Reads the optional region-code filters and bbox of GET /grids. */
function parseGridFilter(q: Query): Result<GridFilter, InvalidCode | InvalidBbox> {
  const filter: { -readonly [K in keyof GridFilter]: GridFilter[K] } = {};
  const levels = [
    ['district', 'district', 'districtCode'],
    ['street', 'street', 'streetCode'],
    ['community', 'community', 'communityCode'],
  ] as const;
  for (const [param, level, key] of levels) {
    if (q[param] === undefined) continue;
    const code = parseRegionCodeOfLevel(q[param], level);
    if (!code.ok) return code;
    filter[key] = code.value;
  }
  if (q.bbox !== undefined) {
    const bbox = parseBbox(q.bbox);
    if (!bbox.ok) return bbox;
    filter.bbox = bbox.value;
  }
  return ok(filter);
}

function parseRegionFilter(q: Query): Result<RegionFilter, InvalidCode> {
  const filter: { -readonly [K in keyof RegionFilter]: RegionFilter[K] } = {};
  if (q.level !== undefined) filter.level = q.level as NonNullable<RegionFilter['level']>;
  if (q.parent !== undefined) {
    const parent = parseRegionCode(q.parent);
    if (!parent.ok) return err(parent.error);
    filter.parentCode = q.parent as string;
  }
  if (q.district !== undefined) {
    const district = parseRegionCodeOfLevel(q.district, 'district');
    if (!district.ok) return district;
    filter.districtCode = district.value;
  }
  return ok(filter);
}

/**
 * The spatial base: unit grids as GeoJSON, administrative regions, and locating a point.
 * Read-only and open to every caller (the public portal locates reports too).
 */
export function geoRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/locate',
      {
        // The schema documents the parameters; the handler checks them itself so that NaN,
        // out-of-range values and unknown CRS get their own codes instead of request.invalid.
        attachValidation: true,
        schema: {
          operationId: 'locatePoint',
          tags: ['geo'],
          summary: '坐标定位网格 locate the unit grid of a point',
          description:
            '返回点所在的网格、社区、街道、区县。不在任何网格内时返回 404 geo.outside_all_grids，' +
            'details 给出最近网格及距离（米）。点在相邻网格的公共边上时归属其东侧（东西向边则北侧）网格。 ' +
            'Returns the grid, community, street and district containing the point. Outside every ' +
            'grid: 404 geo.outside_all_grids with details.nearestGridCode and details.distanceM (metres, ' +
            'great-circle distance on the mean-radius sphere to the nearest grid boundary). A ' +
            'point on an edge shared by two grids belongs to the grid east of it (north of it for an ' +
            'east–west edge).',
          querystring: LocateQuery,
          response: { 200: LocationSchema, ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        // Not validated (attachValidation): the values are read as unknown and checked here.
        const q: Query = req.query;
        const point = parsePoint({ lng: q.lng, lat: q.lat, crs: q.crs });
        if (!point.ok) return reply.sendError(point.error);
        const located = await locatePoint(deps, point.value);
        return located.ok ? presentLocation(located.value) : reply.sendError(located.error);
      },
    );

    app.get(
      '/geocode',
      {
        schema: {
          operationId: 'geocodeAddress',
          tags: ['geo'],
          summary: '地址匹配 address search against the city base data',
          description:
            '按本市基础数据（区县、街道、社区名称及门牌地址）匹配地址，不调用外部地图服务；返回候选地点，' +
            '精度由细到粗（门牌、道路、社区、街道、区县），同精度多个候选表示地址有歧义。 ' +
            "Matches an address against the city's own base data (region names and house " +
            'addresses), never an outside map service. Candidates come best first; several at the ' +
            'best precision mean the address is ambiguous. An empty list: no known place named.',
          querystring: GeocodeQuery,
          response: { 200: GeocodeResultSchema, ...errorResponses(400) },
        },
      },
      async (req, reply) => {
        const { address, within } = req.query;
        let scope: string | null = null;
        if (within !== undefined) {
          const code = parseRegionCode(within);
          if (!code.ok) return reply.sendError(code.error);
          scope = within;
        }
        return { candidates: await searchAddress(deps, address, scope) };
      },
    );

    app.get(
      '/grids',
      {
        schema: {
          operationId: 'listGrids',
          tags: ['geo'],
          summary: '单元网格 GeoJSON unit grids as a GeoJSON FeatureCollection',
          description:
            'RFC 7946, WGS84. 可按区县、街道、社区代码及范围筛选 filter by region codes and bbox.',
          querystring: GridsQuery,
          response: { 200: GridCollectionSchema, ...errorResponses(400) },
        },
      },
      async (req, reply) => {
        const filter = parseGridFilter(req.query);
        if (!filter.ok) return reply.sendError(filter.error);
        const rows = await listGridFeatures(deps, filter.value);
        return reply.type('application/geo+json').send(presentGridCollection(rows));
      },
    );

    app.get(
      '/regions',
      {
        schema: {
          operationId: 'listRegions',
          tags: ['geo'],
          summary: '行政区划 administrative regions (city, districts, streets, communities)',
          description:
            '按层级、上级代码、区县筛选，按代码排序 filter by level, parent and district.',
          querystring: RegionsQuery,
          response: {
            200: Type.Object({ items: Type.Array(RegionSchema) }),
            ...errorResponses(400),
          },
        },
      },
      async (req, reply) => {
        const filter = parseRegionFilter(req.query);
        if (!filter.ok) return reply.sendError(filter.error);
        return { items: (await listRegionRows(deps, filter.value)).map(presentRegion) };
      },
    );
  };
}
