import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  isTileAddress,
  parseCrs,
  type Crs,
  type InvalidCrs,
  type InvalidTile,
  type TileAddress,
} from '../../domain/geo/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../../services/deps.ts';
import {
  BASE_TILE_LAYERS,
  baseTile,
  caseTile,
  cityExtent,
  type BaseTileLayer,
  type MapSettings,
} from '../../services/geo/tiles.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';

const MVT = 'application/vnd.mapbox-vector-tile';
const tags = ['geo'];

const TileParams = Type.Object({
  z: Type.String({ pattern: '^[0-9]{1,2}$', description: '层级 zoom 0–22' }),
  x: Type.String({ pattern: '^[0-9]{1,8}$' }),
  y: Type.String({ pattern: '^[0-9]{1,8}$' }),
});
const TileQuery = Type.Object({
  crs: Type.Optional(
    Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')], {
      description:
        '瓦片坐标系：默认 WGS84；叠加国内底图（高德、腾讯等 GCJ-02）时用 gcj02。 ' +
        'Coordinates of the tile: WGS84 by default; gcj02 over a GCJ-02 basemap.',
    }),
  ),
});
const TileResponse = {
  200: {
    description: 'Mapbox Vector Tile 2.1 (protobuf)',
    content: { [MVT]: { schema: { type: 'string', format: 'binary' } } },
  },
};

function readTile(
  layer: string,
  p: { z: string; x: string; y: string },
  crs: unknown,
): Result<{ t: TileAddress; crs: Crs }, InvalidTile | InvalidCrs> {
  const t = { z: Number(p.z), x: Number(p.x), y: Number(p.y) };
  if (!isTileAddress(t)) return err({ code: 'geo.invalid_tile', details: { layer, ...p } });
  const c = crs === undefined ? ok<Crs>('wgs84') : parseCrs(crs);
  return c.ok ? ok({ t, crs: c.value }) : c;
}

function sendTile(reply: FastifyReply, bytes: Uint8Array, cache: string, etag?: string) {
  reply.header('content-type', MVT).header('cache-control', cache);
  if (etag !== undefined) reply.header('etag', etag);
  return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * Vector tiles of the city's own layers for the console's map, so it needs no tile server and
 * draws 100,000 components smoothly. The base layers are public like GET /grids; the case layer
 * is the caller's open cases in their scope, coloured by timer.
 */
export function tileRoutes(deps: Deps, settings: MapSettings) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/map-settings',
      {
        schema: {
          operationId: 'getMapSettings',
          tags,
          summary: '地图设置 the console map’s basemap style URL and its coordinate system',
          description:
            'styleUrl 为空时只画本市图层（不访问任何外部服务）；crs 为底图坐标系，瓦片按此坐标系请求。 ' +
            'No styleUrl: the city’s own layers on a plain background, nothing fetched from outside. ' +
            'crs: the basemap’s coordinate system; ask the tiles in it.',
          response: {
            200: Type.Object({
              styleUrl: Type.Union([Type.String(), Type.Null()]),
              crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]),
              bounds: Type.Union(
                [
                  Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
                  Type.Null(),
                ],
                {
                  description:
                    '全部网格的范围 the extent of every unit grid [west, south, east, north]',
                },
              ),
              tiles: Type.Object({
                base: Type.String({ description: 'URL template of the base layers' }),
                cases: Type.String({ description: 'URL template of the case layer' }),
              }),
            }),
          },
        },
      },
      async (_req, reply) =>
        reply.header('cache-control', 'public, max-age=300').send({
          styleUrl: settings.styleUrl,
          crs: settings.crs,
          bounds: await cityExtent(deps, settings.crs),
          tiles: {
            base: `/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt?crs=${settings.crs}`,
            cases: `/api/v1/case-tiles/{z}/{x}/{y}.mvt?crs=${settings.crs}`,
          },
        }),
    );

    app.get(
      '/tiles/:layer/:z/:x/:y.mvt',
      {
        schema: {
          operationId: 'getBaseTile',
          tags,
          summary: '底图矢量瓦片 vector tile of a base layer (区县、街道、社区、网格、部件)',
          description:
            '图层 layers: districts, streets, communities, grids (属性 code, name) 与 components ' +
            '(code, category, big, status)。同一颜色相距不到半像素的部件点只画一个。 ' +
            'Components closer than half a pixel with the same colour are drawn once. ' +
            'Cache-Control public, max-age=300; the ETag changes with the spatial revision.',
          params: Type.Intersect([
            Type.Object({
              layer: Type.Union(BASE_TILE_LAYERS.map((l) => Type.Literal(l))),
            }),
            TileParams,
          ]),
          querystring: TileQuery,
          response: { ...TileResponse, ...errorResponses(400) },
        },
      },
      async (req, reply) => {
        const layer: BaseTileLayer = req.params.layer;
        const r = readTile(layer, req.params, req.query.crs);
        if (!r.ok) return reply.sendError(r.error);
        const tile = await baseTile(deps, layer, r.value.t, r.value.crs);
        if (req.headers['if-none-match'] === tile.etag) return reply.code(304).send();
        return sendTile(reply, tile.bytes, 'public, max-age=300', tile.etag);
      },
    );

    app.get(
      '/case-tiles/:z/:x/:y.mvt',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'getCaseTile',
          tags,
          summary: '案件矢量瓦片 vector tile of the open cases one may see, by state and timer',
          description:
            '图层 cases：属性 id, no (案卷号), status, urgency, timer (on_time / warning / overdue / ' +
            'paused / none)。按用户区域或单位范围过滤。 The caller’s open cases in their scope; ' +
            'Cache-Control private, max-age=15.',
          security: [{ bearer: [] }],
          params: TileParams,
          querystring: TileQuery,
          response: { ...TileResponse, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const r = readTile('cases', req.params, req.query.crs);
        if (!r.ok) return reply.sendError(r.error);
        const bytes = await caseTile(deps, currentPrincipal(req), r.value.t, r.value.crs);
        return sendTile(reply, bytes, 'private, max-age=15');
      },
    );
  };
}
