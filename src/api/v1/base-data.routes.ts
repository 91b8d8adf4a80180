import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  decodeText,
  type ExportKind,
  type ImportProblem,
  type ImportRefusal,
} from '../../domain/base-data/index.ts';
import { exportBaseData, type ExportInput } from '../../services/base-data/export-base-data.ts';
import {
  importBaseData,
  type ImportKind,
  type ImportSummary,
} from '../../services/base-data/import-base-data.ts';
import type { Deps } from '../../services/deps.ts';
import { canSee, isCityLevel, mayReadPersonal } from '../../domain/access/index.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import {
  ComponentExportQuery,
  ExportQuery,
  ExportResponse,
  ImportBody,
  ImportQuery,
  ImportRefusalSchema,
  ImportSummarySchema,
} from './base-data.schemas.ts';
import { errorResponses } from './error.schemas.ts';

/** Import files may be far larger than ordinary requests (a district's components). */
const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;

const presentProblem = (p: ImportProblem) => ({
  index: p.index,
  ...(p.line !== undefined ? { line: p.line } : {}),
  ...(p.field !== undefined ? { field: p.field } : {}),
  code: p.code,
  reason_zh: p.reasonZh,
  reason_en: p.reasonEn,
});

const presentRefusal = (e: ImportRefusal) => ({
  code: e.code,
  details: { ...e.details, problems: e.details.problems.map(presentProblem) },
});

const presentSummary = (s: ImportSummary) => ({
  kind: s.kind,
  count: s.count,
  dry_run: s.dryRun,
  spatial_revision: s.spatialRevision,
});

const IMPORT_NAMES: Readonly<Record<ImportKind, string>> = {
  regions: '行政区划（区县、街道、社区）regions (districts, streets, communities)',
  grids: '单元网格 unit grids',
  components: '管理部件 components (18 attributes of GB/T 47678.5)',
  storefronts: '门前三包责任单位 storefront responsibility units',
};

/** The operationIds' noun of each kind: importGrids, exportStorefronts ... */
const PASCAL: Readonly<Record<ImportKind, string>> = {
  regions: 'Regions',
  grids: 'Grids',
  components: 'Components',
  storefronts: 'Storefronts',
};

const EXPORT_NAMES: Readonly<Record<ExportKind, string>> = IMPORT_NAMES;

function sendExport(reply: FastifyReply, deps: Deps, input: ExportInput) {
  const csv = input.format === 'csv';
  const name = `${input.kind}${input.district ? `-${input.district}` : ''}.${csv ? 'csv' : 'geojson'}`;
  return reply
    .type(csv ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(Readable.from(exportBaseData(deps, input)));
}

/**
 * Import and export of the spatial base data: grids, components and storefronts from GeoJSON
 * (RFC 7946) or CSV, refused as a whole with every problem listed (422 import.invalid); exports
 * streamed in pages as GeoJSON or CSV. Imports need the `grid.import` capability.
 */
export function baseDataRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    // In this plugin only: bodies stay text (UTF-8, or GB18030 as Excel writes it) and the
    // importer parses them, so a file that is not JSON gets the same problem list as any other
    // bad file. Other media types are refused by the route (415).
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_req, body: Buffer, done) => {
        done(null, decodeText(body));
      },
    );

    for (const kind of ['regions', 'grids', 'components', 'storefronts'] as const) {
      app.post(
        `/${kind}/import`,
        {
          bodyLimit: IMPORT_BODY_LIMIT,
          preHandler: requireCapability('grid.import'),
          schema: {
            operationId: `import${PASCAL[kind]}`,
            tags: ['base-data'],
            summary: `导入${IMPORT_NAMES[kind]} (GeoJSON / CSV)`,
            description:
              '整体导入：任何问题都会拒绝整个文件（422 import.invalid），并按要素序号列出全部问题（最多 1000 条及总数），不写入任何数据。 ' +
              'All or nothing: any problem refuses the whole file (422 import.invalid) with every problem listed by feature index (first 1,000 and the total); nothing is written.',
            querystring: ImportQuery,
            body: ImportBody,
            response: {
              200: ImportSummarySchema,
              ...errorResponses(401, 403, 415),
              422: ImportRefusalSchema,
            },
          },
        },
        async (req, reply) => {
          const type = req.headers['content-type'] ?? '';
          const format = /^text\/csv/i.test(type) ? 'csv' : /json/i.test(type) ? 'geojson' : null;
          if (format === null) {
            return reply.sendError({
              code: 'import.unsupported_media_type',
              details: { contentType: type },
            });
          }
          const q = req.query;
          const r = await importBaseData(deps, {
            kind,
            format,
            content: req.body ?? '',
            district: q.district,
            dryRun: q.dry_run,
          });
          return r.ok ? presentSummary(r.value) : reply.sendError(presentRefusal(r.error));
        },
      );
    }

    for (const kind of ['regions', 'grids', 'storefronts'] as const) {
      // Storefronts name their operators and phones: signed-in roles that need them, in their
      // own region, phones masked unless the role calls operators (domain/access).
      const personal = kind === 'storefronts';
      app.get(
        `/${kind}/export`,
        {
          ...(personal ? { preHandler: requireCapability('base_data.personal') } : {}),
          schema: {
            operationId: `export${PASCAL[kind]}`,
            tags: ['base-data'],
            summary: `导出${EXPORT_NAMES[kind]} (GeoJSON / CSV)`,
            querystring: ExportQuery,
            response: {
              ...ExportResponse,
              ...errorResponses(400),
              ...(personal ? errorResponses(401, 403) : {}),
            },
          },
        },
        async (req, reply) => {
          const q = req.query;
          let district = q.district;
          let maskPhones = false;
          if (personal) {
            const p = currentPrincipal(req);
            const everywhere = p.role === 'admin' || isCityLevel(p);
            district ??= everywhere ? undefined : p.districtCode;
            if (district !== undefined && !canSee(p, { districtCode: district })) {
              return reply.sendError({
                code: 'auth.forbidden',
                details: { reason: 'region', capability: 'base_data.personal' },
              });
            }
            maskPhones = !mayReadPersonal(p.role, 'operator_phone');
          }
          return sendExport(reply, deps, {
            kind,
            format: q.format ?? 'geojson',
            district,
            bom: q.bom,
            maskPhones,
          });
        },
      );
    }

    for (const [url, operationId] of [
      ['/components', 'listComponents'],
      ['/components/export', 'exportComponents'],
    ] as const) {
      app.get(
        url,
        {
          schema: {
            operationId,
            tags: ['base-data'],
            summary: '管理部件（按区县、网格、类别筛选）components by district, grid and category',
            description:
              '分页流式输出全部 18 项属性 streams all 18 attributes; CSV 列名与导入一致 CSV columns import back unchanged.',
            querystring: ComponentExportQuery,
            response: { ...ExportResponse, ...errorResponses(400) },
          },
        },
        async (req, reply) => {
          const q = req.query;
          return sendExport(reply, deps, {
            kind: 'components',
            format: q.format ?? 'geojson',
            district: q.district,
            grid: q.grid,
            category: q.category,
            bom: q.bom,
            style: q.headers,
          });
        },
      );
    }
  };
}
