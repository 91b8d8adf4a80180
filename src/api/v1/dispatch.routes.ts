import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import {
  createDispatchRule,
  deactivateRule,
  listRules,
  suggestDispatch,
  trialDispatch,
  type StoredDispatchRule,
} from '../../services/dispatch/rules.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import {
  CreateDispatchRuleBody,
  DispatchRuleRef,
  DispatchRuleView,
  DispatchRulesQuery,
  DispatchSuggestionView,
  DispatchTrialQuery,
  DispatchTrialView,
  IdParams,
} from './dispatch.schemas.ts';
import { presentLocation } from './geo.present.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['dispatch'];
const security = [{ bearer: [] }];

const present = (r: StoredDispatchRule) => ({
  id: r.id,
  districtCode: r.districtCode,
  categoryKind: r.categoryKind,
  categoryCode: r.categoryCode,
  regionLevel: r.regionLevel,
  regionCode: r.regionCode,
  loopLevel: r.loopLevel,
  unitId: r.unitId,
  autoDispatch: r.autoDispatch,
  priority: r.priority,
  active: r.active,
  note: r.note,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  deactivatedBy: r.deactivatedBy,
  deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
});

/**
 * Dispatch rules (以案定责) as data: list, add, deactivate (never delete), and the suggestion
 * for a case before it is dispatched.
 */
export function dispatchRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.addSchema(DispatchRuleView);

    app.get(
      '/dispatch-rules',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'listDispatchRules',
          tags,
          security,
          summary: '派遣规则 dispatch rules in one’s scope (city-wide ones included)',
          querystring: DispatchRulesQuery,
          response: {
            200: Type.Object({ items: Type.Array(DispatchRuleRef) }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (req) => {
        const rules = await listRules(deps, currentPrincipal(req), {
          districtCode: req.query.district,
          includeInactive: req.query.includeInactive ?? false,
        });
        return { items: rules.map(present) };
      },
    );

    app.post(
      '/dispatch-rules',
      {
        preHandler: requireCapability('dispatch_rule.write'),
        schema: {
          operationId: 'createDispatchRule',
          tags,
          security,
          summary: '新增派遣规则 add a dispatch rule (category × region × loop → unit)',
          body: CreateDispatchRuleBody,
          response: {
            201: DispatchRuleRef,
            ...errorResponses(401, 403, 409, 422),
          },
        },
      },
      async (req, reply) => {
        const r = await createDispatchRule(deps, currentPrincipal(req), req.body);
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'dispatch_rules', id: r.value.id };
        return reply.code(201).send(present(r.value));
      },
    );

    app.post(
      '/dispatch-rules/:id/deactivate',
      {
        preHandler: requireCapability('dispatch_rule.write'),
        schema: {
          operationId: 'deactivateDispatchRule',
          tags,
          security,
          summary: '停用派遣规则 deactivate a dispatch rule (rules are never deleted)',
          params: IdParams,
          response: { 200: DispatchRuleRef, ...errorResponses(401, 403, 404) },
        },
      },
      async (req, reply) => {
        const r = await deactivateRule(deps, currentPrincipal(req), req.params.id);
        return r.ok ? present(r.value) : reply.sendError(r.error);
      },
    );

    app.get(
      '/dispatch-trial',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'tryDispatchRules',
          tags,
          security,
          summary: '派遣规则试算 which unit would get a case of this category at this point',
          description:
            '与真实案件的派遣建议相同的匹配，不建案、不写入。 The same matching as a real case’s ' +
            'suggestion, for a category and a point; nothing is written. 404 ' +
            'dispatch.no_matching_unit when no rule applies, geo.outside_all_grids outside the grids.',
          querystring: DispatchTrialQuery,
          response: { 200: DispatchTrialView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const r = await trialDispatch(deps, currentPrincipal(req), {
          categoryKind: q.categoryKind,
          categoryCode: q.categoryCode,
          point: { lng: q.lng, lat: q.lat, ...(q.crs ? { crs: q.crs } : {}) },
          loopLevel: q.loopLevel,
        });
        if (!r.ok) return reply.sendError(r.error);
        const v = r.value;
        return {
          location: presentLocation(v.location),
          loopLevel: v.facts.loopLevel,
          unit: v.unit,
          rule: present(v.rule),
          autoDispatch: v.autoDispatch,
          reason: v.reason,
          alternatives: v.alternatives,
        };
      },
    );

    app.get(
      '/cases/:id/dispatch-suggestion',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'getDispatchSuggestion',
          tags,
          security,
          summary: '派遣建议 the unit the rules choose for a case, with the rule and why',
          params: IdParams,
          response: {
            200: DispatchSuggestionView,
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const r = await suggestDispatch(deps, currentPrincipal(req), req.params.id);
        return r.ok ? { ...r.value, rule: present(r.value.rule) } : reply.sendError(r.error);
      },
    );
  };
}
