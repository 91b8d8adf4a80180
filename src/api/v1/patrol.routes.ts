import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CRS_VALUES } from '../../domain/geo/index.ts';
import { MAX_TRACK_BATCH } from '../../domain/patrol/index.ts';
import type { Deps } from '../../services/deps.ts';
import { readPatrolCoverage, recordPatrolTrack } from '../../services/patrol/patrol.ts';
import { currentPrincipal, requireAuth, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';
import { Instant, Lat, Lng } from './input.schemas.ts';

const tags = ['patrol'];
const security = [{ bearer: [] }];

const TrackPointSchema = Type.Object(
  {
    recordedAt: Instant('记录时间（手机时钟）when the phone recorded the point'),
    lng: Lng(),
    lat: Lat(),
    crs: Type.Optional(
      Type.Union(
        CRS_VALUES.map((c) => Type.Literal(c)),
        { description: '坐标系 coordinate system as the phone gives it (default wgs84)' },
      ),
    ),
    accuracyM: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100_000, description: '定位精度（米）accuracy, m' }),
    ),
  },
  { additionalProperties: false },
);
const TrackBody = Type.Object(
  { points: Type.Array(TrackPointSchema, { minItems: 1, maxItems: MAX_TRACK_BATCH }) },
  { additionalProperties: false },
);
const TrackResult = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer({ description: '本次新存点数 points stored by this upload' }),
  duplicates: Type.Integer({ description: '此前已存的点 points stored before (a retry)' }),
  outsideGrids: Type.Integer({ description: '不在任何网格内的点 points outside every grid' }),
});
const CoverageQuery = Type.Object(
  {
    from: Instant('起（含）from, inclusive'),
    to: Instant('止（不含）to, exclusive'),
    userId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description: '监督员 a supervisor’s user id (default: oneself; others need indicator.read)',
      }),
    ),
  },
  { additionalProperties: false },
);
const CoverageView = Type.Object({
  userId: Type.String(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  gridsTotal: Type.Integer({ description: '监督员负责的网格数 grids in the supervisor’s scope' }),
  gridsVisited: Type.Integer({ description: '巡查到的网格数 grids the track passed through' }),
  share: Type.Number({ minimum: 0, maximum: 1, description: '巡查覆盖率 coverage, 0..1' }),
  points: Type.Integer({ description: '网格内的轨迹点 track points inside those grids' }),
  visited: Type.Array(Type.String(), { description: '巡查到的网格代码 visited grid codes' }),
});

/**
 * Patrol tracks (巡查轨迹): the field app uploads its recorded positions in batches (offline
 * first; a batch sent twice stores nothing twice), and the coverage of the supervisor's grids
 * in a period is read for the assessment.
 */
export function patrolRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/patrol-tracks',
      {
        preHandler: requireCapability('patrol.record'),
        schema: {
          operationId: 'uploadPatrolTrack',
          tags,
          security,
          summary: '上传巡查轨迹（幂等）upload a batch of one’s patrol track (idempotent)',
          description:
            'Points are keyed by the user and recordedAt: the same points again answer stored 0, duplicates N. Each point is converted to WGS84 and placed in its grid at upload.',
          body: TrackBody,
          response: { 200: TrackResult, ...errorResponses(400, 401, 403, 422) },
        },
      },
      async (req, reply) => {
        const r = await recordPatrolTrack(deps, {
          principal: currentPrincipal(req),
          points: req.body.points.map((p) => ({ ...p, recordedAt: new Date(p.recordedAt) })),
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'patrol_points', id: null };
        return r.value;
      },
    );

    app.get(
      '/patrol-coverage',
      {
        preHandler: requireAuth,
        schema: {
          operationId: 'getPatrolCoverage',
          tags,
          security,
          summary:
            '巡查覆盖率 share of a supervisor’s grids their track passed through in a period',
          description:
            'A supervisor reads their own (patrol.record); the centre reads a supervisor in its scope by userId (indicator.read). Points less accurate than 200 m do not count.',
          querystring: CoverageQuery,
          response: { 200: CoverageView, ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      async (req, reply) => {
        const r = await readPatrolCoverage(deps, {
          principal: currentPrincipal(req),
          userId: req.query.userId,
          from: new Date(req.query.from),
          to: new Date(req.query.to),
        });
        if (!r.ok) return reply.sendError(r.error);
        return { ...r.value, from: r.value.from.toISOString(), to: r.value.to.toISOString() };
      },
    );
  };
}
