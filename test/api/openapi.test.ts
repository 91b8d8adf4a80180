import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOpenApi30Schema } from '../../src/api/plugins/swagger.ts';
import { ACTION_ROUTES } from '../../src/api/v1/cases.schemas.ts';
import { ROLES, mayDo } from '../../src/domain/access/index.ts';
import { capabilityOf } from '../../src/services/cases/actor.ts';
import { CASE_COMMAND_KINDS } from '../../src/services/cases/commands.ts';
import type { Db } from '../../src/store/db.ts';
import { testApp } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { testDeps } from '../helpers/deps.ts';

type Json = Record<string, unknown>;
type Operation = { method: string; path: string; op: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of METHODS) {
      const op = (item as Json)[method];
      if (isObject(op)) out.push({ method, path, op });
    }
  }
  return out;
}

/** Every value under `key` anywhere in the document, with its JSON pointer. */
function collect(node: unknown, key: string, at = '#'): { at: string; value: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => collect(n, key, `${at}/${i}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => [
    ...(k === key ? [{ at: `${at}/${k}`, value: v }] : []),
    ...collect(v, key, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  ]);
}

/** The schemas of the document, each with where it is: components, parameters, bodies, answers. */
function schemas(doc: Json): { at: string; schema: unknown }[] {
  const out = Object.entries((doc.components as Json).schemas as Json).map(([name, schema]) => ({
    at: `components.schemas.${name}`,
    schema,
  }));
  for (const { method, path, op } of operations(doc)) {
    const where = `${method.toUpperCase()} ${path}`;
    for (const p of (op.parameters ?? []) as Json[]) {
      out.push({ at: `${where} ${String(p.in)} ${String(p.name)}`, schema: p.schema });
    }
    const media = (holder: unknown, what: string) => {
      if (!isObject(holder) || !isObject(holder.content)) return;
      for (const [type, m] of Object.entries(holder.content)) {
        out.push({ at: `${where} ${what} ${type}`, schema: (m as Json).schema });
      }
    };
    media(op.requestBody, 'body');
    for (const [status, r] of Object.entries(op.responses as Json)) media(r, status);
  }
  return out;
}

/** Keywords and forms of JSON Schema that the OpenAPI 3.0 schema object does not allow. */
function notOpenApi30(schema: unknown, at: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => notOpenApi30(s, `${at}[${i}]`));
  if (!isObject(schema)) return [];
  const found: string[] = [];
  for (const k of [
    'const',
    'additionalItems',
    'prefixItems',
    'patternProperties',
    '$id',
    '$schema',
    'definitions',
    '$defs',
    'examples',
    'contains',
    'if',
    'then',
    'else',
    'dependencies',
    'propertyNames',
  ]) {
    if (k in schema) found.push(`${at}: ${k}`);
  }
  if (Array.isArray(schema.type)) found.push(`${at}: type array`);
  if (schema.type === 'null') found.push(`${at}: type null`);
  if (Array.isArray(schema.items)) found.push(`${at}: items array (tuple)`);
  for (const k of ['exclusiveMinimum', 'exclusiveMaximum']) {
    if (k in schema && typeof schema[k] !== 'boolean') found.push(`${at}: numeric ${k}`);
  }
  for (const k of ['items', 'additionalProperties', 'not']) {
    found.push(...notOpenApi30(schema[k], `${at}.${k}`));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) found.push(...notOpenApi30(schema[k], `${at}.${k}`));
  if (isObject(schema.properties)) {
    for (const [name, s] of Object.entries(schema.properties)) {
      found.push(...notOpenApi30(s, `${at}.${name}`));
    }
  }
  return found;
}

describe('the OpenAPI document, as client generators read it', () => {
  let db: Db;
  let app: FastifyInstance;
  let doc: Json;

  beforeAll(async () => {
    db = await freshDb();
    app = await testApp(testDeps(db, new Date('2026-05-01T08:00:00Z')));
    await app.ready();
    doc = app.swagger() as unknown as Json;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('is OpenAPI 3.0 with a license and a server', () => {
    expect(doc.openapi).toBe('3.0.3');
    expect((doc.info as Json).license).toMatchObject({ name: 'Apache-2.0' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(80);
    const missing = ops.filter((o) => typeof o.op.operationId !== 'string');
    expect(missing.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const ids = ops.map((o) => o.op.operationId as string);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('names the workflow actions after their kind (POST /cases/{id}/send-back is caseSendBack)', () => {
    const byId = new Map(operations(doc).map((o) => [o.op.operationId, `${o.method} ${o.path}`]));
    expect(byId.get('caseSendBack')).toBe('post /api/v1/cases/{id}/send-back');
    expect(byId.get('caseRequestExtension')).toBe('post /api/v1/cases/{id}/extension-requests');
    expect(byId.get('listCases')).toBe('get /api/v1/cases');
  });

  it('refers only to named component schemas, and every reference resolves', () => {
    const components = (doc.components as Json).schemas as Json;
    const names = Object.keys(components);
    expect(names.filter((n) => /^def-\d+$/.test(n))).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining(['ErrorBody', 'Case', 'CaseEvent', 'UnitNode', 'DispatchRule']),
    );
    const refs = collect(doc, '$ref');
    expect(refs.length).toBeGreaterThan(100);
    const broken = refs.filter(({ value }) => {
      const m = /^#\/components\/schemas\/([A-Za-z][A-Za-z0-9]*)$/.exec(String(value));
      return m === null || !(m[1]! in components);
    });
    expect(broken).toEqual([]);
  });

  it('uses only schema keywords that OpenAPI 3.0 allows', () => {
    const found = schemas(doc).flatMap(({ at, schema }) => notOpenApi30(schema, at));
    expect(found).toEqual([]);
  });

  it('declares a 2xx answer and 4xx answers in the one ErrorBody schema for every operation', () => {
    const bad: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      const responses = op.responses as Json;
      // Open311 answers in the GeoReport v2 error format, as its clients expect (checked below).
      if (path.startsWith('/open311/')) continue;
      const statuses = Object.keys(responses);
      if (!statuses.some((s) => /^2/.test(s))) bad.push(`${method} ${path}: no 2xx`);
      const errors = statuses.filter((s) => /^[45]/.test(s));
      if (!errors.includes('4XX')) bad.push(`${method} ${path}: no 4XX`);
      for (const s of errors) {
        const refs = collect(responses[s], '$ref').map((r) => r.value);
        // The import refusal (422 import.invalid) is the error shape with its problem list.
        if (s === '422' && path.endsWith('/import')) continue;
        if (!refs.includes('#/components/schemas/ErrorBody')) {
          bad.push(`${method} ${path} ${s}: not ErrorBody`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('writes the roles allowed for each workflow action, from the capability table', () => {
    const byPath = new Map(operations(doc).map((o) => [`${o.method} ${o.path}`, o.op]));
    for (const kind of CASE_COMMAND_KINDS) {
      const op = byPath.get(`post /api/v1/cases/{id}/${ACTION_ROUTES[kind].path}`);
      const capability = capabilityOf(kind);
      expect(op?.['x-capability'], kind).toBe(capability);
      expect(op?.['x-roles'], kind).toEqual(ROLES.filter((r) => mayDo(r, capability)));
      expect(op?.description, kind).toContain(
        `roles allowed: ${(op?.['x-roles'] as string[]).join(', ')}`,
      );
    }
    // POST /cases/{id}/dispatch: the dispatcher may, a grid supervisor may not.
    const dispatch = byPath.get('post /api/v1/cases/{id}/dispatch');
    expect(dispatch?.['x-roles']).toContain('dispatcher');
    expect(dispatch?.['x-roles']).not.toContain('supervisor');
    // Public operations name no roles.
    expect(byPath.get('get /api/v1/locate')?.['x-roles']).toBeUndefined();
  });

  it('answers Open311 refusals in the GeoReport v2 error list, [{code, description}]', () => {
    const bad: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      if (!path.startsWith('/open311/')) continue;
      const responses = op.responses as Json;
      for (const s of Object.keys(responses).filter((x) => /^4\d\d$/.test(x))) {
        const schema = (((responses[s] as Json).content as Json)['application/json'] as Json)
          ?.schema as Json | undefined;
        const item = schema?.items as Json | undefined;
        if (schema?.type !== 'array' || !(item?.required as string[]).includes('description')) {
          bad.push(`${method} ${path} ${s}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('only refers to security schemes it defines (bearer, the session cookie, an Open311 key)', () => {
    const schemes = (doc.components as Json).securitySchemes as Json;
    expect(Object.keys(schemes).sort()).toEqual(['bearer', 'cookie', 'open311ApiKey']);
    const used = operations(doc).flatMap(({ op }) =>
      ((op.security ?? []) as Json[]).flatMap((req) => Object.keys(req)),
    );
    expect(used.filter((name) => !(name in schemes))).toEqual([]);
  });
});

describe('toOpenApi30Schema', () => {
  it('rewrites draft-7 forms into OpenAPI 3.0 ones', () => {
    const s: Json = {
      type: 'object',
      properties: {
        amount: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 },
        point: {
          type: 'array',
          items: [{ type: 'number' }, { type: 'number' }],
          additionalItems: false,
          minItems: 2,
          maxItems: 2,
        },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
        kind: { const: 'x' },
        maybe: { type: ['string', 'null'] },
        // a property named like a keyword is a property, not a keyword
        const: { type: 'string' },
      },
    };
    toOpenApi30Schema(s);
    expect(s).toEqual({
      type: 'object',
      properties: {
        amount: {
          type: 'number',
          minimum: 0,
          exclusiveMinimum: true,
          maximum: 10,
          exclusiveMaximum: true,
        },
        point: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
        pair: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
        kind: { enum: ['x'] },
        maybe: { type: 'string', nullable: true },
        const: { type: 'string' },
      },
    });
  });
});
