import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { createUnit, getUnit, listUnitTree, updateUnit } from '../../services/units/units.ts';
import { requireCapability } from '../plugins/auth.ts';
import { ErrorSchema } from './catalogue.schemas.ts';
import { presentUnit, presentUnitNode } from './units.present.ts';
import {
  CreateUnitBody,
  UnitNodeSchema,
  UnitParams,
  UnitSchema,
  UnitsQuery,
  UpdateUnitBody,
} from './units.schemas.ts';

const tags = ['units'];
const UnitNodeRef = Type.Unsafe<Static<typeof UnitNodeSchema>>(Type.Ref('UnitNode'));

/** Units (处置单位): the organisations cases are dispatched to, as a tree with their region. */
export function unitsRoutes(deps: Deps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addSchema(UnitNodeSchema);

    app.get<{ Querystring: UnitsQuery }>(
      '/units',
      {
        schema: {
          tags,
          summary: '单位树 units as a tree (filter by district and kind)',
          querystring: UnitsQuery,
          response: {
            200: Type.Object({ items: Type.Array(UnitNodeRef) }),
            400: ErrorSchema,
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

    app.get<{ Params: UnitParams }>(
      '/units/:id',
      {
        schema: {
          tags,
          summary: '单位详情 one unit with the units below it',
          params: UnitParams,
          response: { 200: UnitNodeRef, 404: ErrorSchema },
        },
      },
      async (req, reply) => {
        const r = await getUnit(deps, req.params.id);
        return r.ok ? presentUnitNode(r.value) : reply.sendError(r.error);
      },
    );

    app.post<{ Body: CreateUnitBody }>(
      '/units',
      {
        preHandler: requireCapability('unit.write'),
        schema: {
          tags,
          summary: '新建单位 create a unit (admin)',
          security: [{ bearer: [] }],
          body: CreateUnitBody,
          response: {
            201: UnitSchema,
            400: ErrorSchema,
            401: ErrorSchema,
            403: ErrorSchema,
            409: ErrorSchema,
            422: ErrorSchema,
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

    app.patch<{ Params: UnitParams; Body: UpdateUnitBody }>(
      '/units/:id',
      {
        preHandler: requireCapability('unit.write'),
        schema: {
          tags,
          summary: '修改单位 rename, move or retire a unit (admin)',
          security: [{ bearer: [] }],
          params: UnitParams,
          body: UpdateUnitBody,
          response: {
            200: UnitSchema,
            400: ErrorSchema,
            401: ErrorSchema,
            403: ErrorSchema,
            404: ErrorSchema,
            422: ErrorSchema,
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
