import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  getCategory,
  listCategories,
  listEffectiveStandards,
  listMappings,
  listSchemes,
  listUrgencyClasses,
} from '../../services/catalogue/query-catalogue.ts';
import {
  listDistrictOverrides,
  setCategoryOverride,
} from '../../services/catalogue/set-category-override.ts';
import type { Deps } from '../../services/deps.ts';
import { requireCapability } from '../plugins/auth.ts';
import {
  presentCategory,
  presentCategoryDetail,
  presentMapping,
  presentOverride,
  presentScheme,
  presentUrgencyClass,
  toText,
} from './catalogue.present.ts';
import {
  CategoryDetailSchema,
  CategoryParams,
  CategoryQuery,
  CategorySchema,
  EffectiveStandardSchema,
  KeyedStandardSchema,
  ListCategoriesQuery,
  MappingSchema,
  MappingsQuery,
  OverrideBody,
  OverrideParams,
  OverrideSchema,
  OverridesQuery,
  SchemeSchema,
  UrgencyClassSchema,
} from './catalogue.schemas.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['catalogue'];
const items = <T extends Parameters<typeof Type.Array>[0]>(t: T) =>
  Type.Object({ items: Type.Array(t) });

/** The query string of a category listing as the catalogue service's filter. */
const categoryFilter = (q: ListCategoriesQuery) => ({
  scheme: q.scheme,
  kind: q.kind,
  bigCode: q.big,
  districtCode: q.district,
});

/** The category catalogue (管理部件和事项), management standards and district overrides. */
export function catalogueRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/category-schemes',
      {
        schema: {
          operationId: 'listCategorySchemes',
          tags,
          summary: '分类标准列表 category schemes (current and legacy)',
          response: { 200: items(SchemeSchema) },
        },
      },
      async () => ({ items: (await listSchemes(deps)).map(presentScheme) }),
    );

    app.get(
      '/urgency-classes',
      {
        schema: {
          operationId: 'listUrgencyClasses',
          tags,
          summary: '紧急程度 urgency classes',
          response: { 200: items(UrgencyClassSchema) },
        },
      },
      async () => ({ items: (await listUrgencyClasses(deps)).map(presentUrgencyClass) }),
    );

    app.get(
      '/categories',
      {
        schema: {
          operationId: 'listCategories',
          tags,
          summary: '部件和事件类别 categories (default GB/T 47678.5-2026)',
          querystring: ListCategoriesQuery,
          response: { 200: items(CategorySchema), ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const r = await listCategories(deps, categoryFilter(req.query));
        return r.ok ? { items: r.value.map(presentCategory) } : reply.sendError(r.error);
      },
    );

    app.get(
      '/category-standards',
      {
        schema: {
          operationId: 'listCategoryStandards',
          tags,
          summary:
            '管理标准表 every category’s effective standard for a district (or the defaults)',
          querystring: ListCategoriesQuery,
          response: { 200: items(KeyedStandardSchema), ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const r = await listEffectiveStandards(deps, categoryFilter(req.query));
        return r.ok ? { items: r.value } : reply.sendError(r.error);
      },
    );

    app.get(
      '/categories/:kind/:code',
      {
        schema: {
          operationId: 'getCategory',
          tags,
          summary:
            '类别详情及管理标准 one category with its (district-effective) management standard',
          params: CategoryParams,
          querystring: CategoryQuery,
          response: { 200: CategoryDetailSchema, ...errorResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const r = await getCategory(deps, {
          ...req.params,
          scheme: req.query.scheme,
          districtCode: req.query.district,
        });
        return r.ok ? presentCategoryDetail(r.value) : reply.sendError(r.error);
      },
    );

    app.get(
      '/category-mappings',
      {
        schema: {
          operationId: 'listCategoryMappings',
          tags,
          summary: '旧代码与现行代码对照 legacy → current code mappings',
          querystring: MappingsQuery,
          response: { 200: items(MappingSchema), ...errorResponses(400) },
        },
      },
      async (req) => {
        const q = req.query;
        const rows = await listMappings(deps, {
          legacyScheme: q.scheme,
          kind: q.kind,
          code: q.code,
        });
        return { items: rows.map(presentMapping) };
      },
    );

    app.get(
      '/category-overrides',
      {
        schema: {
          operationId: 'listCategoryOverrides',
          tags,
          summary: '区县管理标准覆盖 a district’s overrides',
          querystring: OverridesQuery,
          response: { 200: items(OverrideSchema), ...errorResponses(400) },
        },
      },
      async (req) => ({
        items: (await listDistrictOverrides(deps, req.query.district)).map(presentOverride),
      }),
    );

    app.put(
      '/category-overrides/:district/:kind/:code',
      {
        preHandler: requireCapability('catalogue.write'),
        schema: {
          operationId: 'setCategoryOverride',
          tags,
          summary: '设置区县管理标准 set a district’s override of one category (admin)',
          security: [{ bearer: [] }],
          params: OverrideParams,
          querystring: CategoryQuery,
          body: OverrideBody,
          response: {
            200: EffectiveStandardSchema,
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const { district, kind, code } = req.params;
        const b = req.body;
        req.auditEntity = { entity: 'category-overrides', id: `${district}/${kind}/${code}` };
        const r = await setCategoryOverride(deps, {
          districtCode: district,
          scheme: req.query.scheme,
          kind,
          code,
          override: {
            enabled: b.enabled,
            filingCriteria: toText(b.filingCriteria),
            closingCriteria: toText(b.closingCriteria),
            timeLimits: b.timeLimits,
            responsibleUnitKind: b.responsibleUnitKind,
            responsibleDepartment: toText(b.responsibleDepartment),
            note: b.note,
          },
        });
        return r.ok ? r.value : reply.sendError(r.error);
      },
    );
  };
}
