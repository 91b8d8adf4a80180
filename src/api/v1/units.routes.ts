import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { createUnit, getUnit, listUnitTree, updateUnit } from '../../services/units/units.ts';
import { requireCapability } from '../plugins/auth.ts';
import { presentUnit, presentUnitNode } from './units.present.ts';
import {
  CreateUnitBody,
  UnitNodeSchema,
  UnitParams,
  UnitSchema,
  UnitsQuery,
  UpdateUnitBody,
} from './units.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['units'];
const UnitNodeRef = Type.Unsafe<Static<typeof UnitNodeSchema>>(Type.Ref('UnitNode'));

/** Units (处置单位): the organisations cases are dispatched to, as a tree with their region. */
export function unitsRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(UnitNodeSchema);

    app.get(
      '/units',
      {
        schema: {
          operationId: 'listUnits',
          tags,
          summary: '单位树 units as a tree (filter by district and kind)',
          querystring: UnitsQuery,
          response: {
            200: Type.Object({ items: Type.Array(UnitNodeRef) }),
            ...errorResponses(400),
          },
        },
      },
      async (req) => {
        const tree = await listUnitTree(deps, {
          districtCode: req.query.district,
          kind: req.query.kind,
        });
        return { items: tree.map(presentUnitNode) };
      },
    );

    app.get(
      '/units/:id',
      {
        schema: {
          operationId: 'getUnit',
          tags,
          summary: '单位详情 one unit with the units below it',
          params: UnitParams,
          response: { 200: UnitNodeRef, ...errorResponses(404) },
        },
      },
      async (req, reply) => {
        const r = await getUnit(deps, req.params.id);
        return r.ok ? presentUnitNode(r.value) : reply.sendError(r.error);
      },
    );

    app.post(
      '/units',
      {
        preHandler: requireCapability('unit.write'),
        schema: {
          operationId: 'createUnit',
          tags,
          summary: '新建单位 create a unit (admin)',
          security: [{ bearer: [] }],
          body: CreateUnitBody,
          response: {
            201: UnitSchema,
            ...errorResponses(400, 401, 403, 409, 422),
          },
        },
      },
      async (req, reply) => {
        const r = await createUnit(deps, req.body);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'units', id: r.value.id };
        return reply.code(201).send(presentUnit(r.value));
      },
    );

    app.patch(
      '/units/:id',
      {
        preHandler: requireCapability('unit.write'),
        schema: {
          operationId: 'updateUnit',
          tags,
          summary: '修改单位 rename, move or retire a unit (admin)',
          security: [{ bearer: [] }],
          params: UnitParams,
          body: UpdateUnitBody,
          response: {
            200: UnitSchema,
            ...errorResponses(400, 401, 403, 404, 422),
          },
        },
      },
      async (req, reply) => {
        const r = await updateUnit(deps, req.params.id, req.body);
        return r.ok ? presentUnit(r.value) : reply.sendError(r.error);
      },
    );
  };
}
