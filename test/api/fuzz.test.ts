import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import { ROLES, type Role } from '../../src/domain/access/index.ts';
import type { Db } from '../../src/store/db.ts';
import {
  OTHER,
  OWN,
  OWN_UNIT,
  caseIn,
  caseWorld,
  openTestCase,
  type CaseWorld,
} from '../factories.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * Property-based fuzz of the whole HTTP surface (issue #8 §1): walks the OpenAPI document the app
 * serves and sends every operation generated malformed input (wrong types, out-of-range and
 * non-finite numbers, lone surrogates and U+0000, oversized strings, bad JSON, unknown fields,
 * bad path parameters and encodings, malformed cookies and tokens, unsupported content types) as
 * an anonymous caller and as a signed-in user of every role. For every answer:
 *   - the status is below 500;
 *   - at 400 and above the body is the error shape `{ code, message: { zh, en }, details }`;
 *   - an error body stays small (it does not echo the input back);
 *   - a write carrying a malformation is refused (never 2xx);
 * and afterwards the stored city data is unchanged (a checksum of every table but the
 * append-only audit log). Fixed seed, bounded runs: the same requests on every run.
 */

const SEED = 20_260_308;
const RUNS_PER_OPERATION = 4;
const MAX_ERROR_BYTES = 8 * 1024;
/** FUZZ_COLLECT=1: run everything and list every problem (for fixing), instead of the first. */
const COLLECT = process.env.FUZZ_COLLECT === '1';
const collected: string[] = [];
const answers = new Map<string, number>();
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  $ref?: string;
};
type Parameter = {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
};

const isRequired = (_op: Operation, p: Parameter): boolean => p.required === true;
type Operation = {
  method: string;
  path: string;
  params: Parameter[];
  bodyTypes: string[];
  bodySchema: Schema | null;
  streams: boolean;
};
type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};

let db: Db;
let w: CaseWorld;
let app: FastifyInstance;
let dataDir: string;
let operations: Operation[];
const tokens = new Map<Role, string>();
let caseIds: string[] = [];
/** A value of each path parameter that names a real row, by path prefix and parameter name. */
let realPathValues: [RegExp, string, string][] = [];

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dataDir = await mkdtemp(join(tmpdir(), 'gridloop-fuzz-'));
  app = await buildApp({ ...w.deps, dataDir }, { sessionSecret: 'cases-test-secret' });
  await app.ready();
  operations = operationsOf(app.swagger() as unknown as OpenApi);
  // One signed-in user per role (the demo city's users, and a few extra of the factories).
  for (const role of ROLES) {
    const p = [...w.principals.values()].find((x) => x.role === role);
    if (!p) throw new Error(`no test user with role ${role}`);
    tokens.set(role, (await w.auth(p.username)).authorization.slice('Bearer '.length));
  }
  // Cases in a few states, in our district and another, so path ids hit real rows.
  const opened = await openTestCase(w, 'supervisor');
  const dispatched = await caseIn(w, 'dispatched');
  const elsewhere = await openTestCase(w, 'wh.supervisor', { districtCode: OTHER });
  caseIds = [opened.id, dispatched.id, elsewhere.id];
  realPathValues = [
    [/^\/api\/v1\/cases\//, 'id', dispatched.id],
    [/^\/api\/v1\/calendars\//, 'id', 'default'],
    [/^\/api\/v1\/calendars\//, 'date', '2026-05-01'],
    [/^\/api\/v1\/units\//, 'id', OWN_UNIT],
    [/^\/api\/v1\/users\//, 'id', w.principal('supervisor').userId],
    [/./, 'kind', w.category.kind],
    [/./, 'code', w.category.code],
    [/./, 'district', OWN],
  ];
}, 300_000);

afterAll(async () => {
  await app.close();
  await w.app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function operationsOf(doc: OpenApi): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema ?? null;
      const streams = Object.values(op.responses ?? {}).some(
        (r) => r.content?.['text/event-stream'] !== undefined,
      );
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: json === null ? null : resolve(doc, json),
        streams: streams || path.includes('/streams/'),
      });
    }
  }
  return out;
}

function resolve(doc: OpenApi, s: Schema): Schema {
  if (s.$ref === undefined) return s;
  const name = s.$ref.split('/').pop() ?? '';
  return doc.components?.schemas?.[name] ?? {};
}

// ---------------------------------------------------------------------------------------------
// Generators

const INF = '__FUZZ_INF__';
const NEG_INF = '__FUZZ_NEG_INF__';
const BIG = '__FUZZ_BIG__';

/** JSON text of a value, with the sentinels turned into numbers JSON.stringify cannot write. */
function jsonText(v: unknown): string {
  return JSON.stringify(v)
    .replaceAll(`"${INF}"`, '1e309')
    .replaceAll(`"${NEG_INF}"`, '-1e309')
    .replaceAll(`"${BIG}"`, '123456789012345678901234567890');
}

const badNumber = fc.constantFrom<unknown>(
  INF,
  NEG_INF,
  BIG,
  1e308,
  -1e308,
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 31) - 1,
);
const badString = fc.oneof(
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00',
    '\udbff\u0000',
    '2026-02-30T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '0000-01-01T00:00:00Z',
    'Infinity',
    'NaN',
    '-1',
    '42',
    ' ',
    '%E0%A4%A',
    '../../etc/passwd',
    "'; DROP TABLE cases; --",
    '😀'.repeat(3),
  ),
  fc.string({ maxLength: 20 }),
  fc.nat({ max: 4 }).map((n) => 'x'.repeat([300, 2001, 4001, 20_000, 70_000][n] ?? 300)),
);
const badScalar = fc.oneof(badNumber, badString, fc.constantFrom<unknown>(null, true, false));
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: badScalar },
  { weight: 1, arbitrary: fc.array(badScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(badString, badScalar, { maxKeys: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`),
      Array.from({ length: 2000 }, (_, i) => i),
      { __proto__: { polluted: true } },
      { constructor: { prototype: { polluted: true } } },
    ),
  },
);

/** JSON types the schema allows (null = anything). */
function allowedTypes(s: Schema): Set<string> | null {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const out = new Set<string>();
    for (const a of alts) {
      const t = allowedTypes(a);
      if (t === null) return null;
      for (const x of t) out.add(x);
    }
    return out;
  }
  if (s.type === undefined) return s.enum ? new Set(s.enum.map((v) => jsonType(v))) : null;
  const types = new Set(Array.isArray(s.type) ? s.type : [s.type]);
  if (types.has('integer')) types.add('number');
  if (s.nullable) types.add('null');
  return types;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === INF || v === NEG_INF || v === BIG) return 'number';
  return typeof v;
}

/** A value of a JSON type the schema refuses, or null when it takes anything. */
function wrongTypeFor(s: Schema): fc.Arbitrary<unknown> | null {
  const allowed = allowedTypes(s);
  if (allowed === null) return null;
  const candidates: [string, unknown][] = [
    ['string', '42'],
    ['number', 42],
    ['number', INF],
    ['boolean', true],
    ['null', null],
    ['array', ['x']],
    ['object', { x: 1 }],
  ];
  const wrong = candidates.filter(([t]) => !allowed.has(t)).map(([, v]) => v);
  return wrong.length === 0 ? null : fc.constantFrom(...wrong);
}

type Malformed = {
  path: string;
  query: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
  /** Why a write must be refused (every write carries one such fatal malformation). */
  fatal: string;
};

const badPathSegment = fc.oneof(
  fc.constantFrom(
    '%E0%A4%A',
    '%ED%A0%80',
    '%00',
    'a%00b',
    '-1',
    '0',
    'Infinity',
    '1e309',
    '%F0%9F%98%80',
    '..',
    'x'.repeat(600),
    '00000000-0000-0000-0000-000000000000',
    '2026-02-30',
    '99999-01-01',
  ),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);

const badQueryValue = fc.oneof(
  fc.constantFrom(
    'Infinity',
    '-Infinity',
    'NaN',
    '1e309',
    '-1e309',
    '-1',
    '0',
    '1.5',
    '99999999999999999999',
    '1e15',
    '',
    'true',
    '%00',
    '%ED%A0%80',
    '%E0%A4%A',
    '2026-02-30T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '%2B275760-09-13T00:00:00Z',
    '1,2,3,4',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
);

const badAuth = fc.constantFrom<Record<string, string>>(
  { cookie: 'gridloop_session=%E0%A4%A' },
  { cookie: 'gridloop_session=%' },
  { cookie: `gridloop_session=${'a'.repeat(4000)}` },
  { cookie: 'gridloop_session=v1.e30.AAAA; other=%ZZ' },
  { authorization: 'Bearer ' },
  { authorization: 'Bearer v1.x.y' },
  { authorization: 'Bearer %E0%A4%A' },
  { authorization: `Bearer ${'b'.repeat(3000)}` },
  { authorization: 'Basic dXNlcjpwYXNz' },
);

const badHeaders = fc.record(
  {
    'if-match': fc.constantFrom(
      '"99999999999999999999"',
      '"-1"',
      'W/"1e309"',
      '*',
      '"0"',
      `"${'9'.repeat(400)}"`,
    ),
    'idempotency-key': fc.constantFrom('', 'k'.repeat(2000), '%E0%A4%A', 'ключ'),
    'accept-language': fc.constantFrom('zh-CN', '*;q=bad'),
    'content-length-ish': fc.constant('1'),
  },
  { requiredKeys: [] },
);

const BROKEN_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  '{"a":"\\ud800"',
  'nul',
  '\u0000',
  '{"a":"\\x41"}',
  '['.repeat(10_000),
];

function operationMalformed(op: Operation): fc.Arbitrary<Malformed> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const props = Object.entries(op.bodySchema?.properties ?? {});

  const pathValue = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...caseIds) },
    { weight: 3, arbitrary: badPathSegment },
  );
  const pathArb = fc.tuple(...pathParams.map(() => pathValue), fc.constant(null)).map((values) => {
    let p = op.path;
    pathParams.forEach((param, i) => {
      p = p.replace(`{${param.name}}`, String(values[i]));
    });
    return p;
  });

  // Each declared query parameter present half the time, with a bad value; and unknown ones.
  const declaredQuery = fc.tuple(
    ...queryParams.map((q) => fc.option(fc.tuple(fc.constant(q.name), badQueryValue), { freq: 2 })),
    fc.constant(null),
  );
  const extraQuery = fc.array(
    fc.tuple(
      fc.constantFrom('extra', '__proto__', ...queryParams.map((q) => q.name)),
      badQueryValue,
    ),
    { maxLength: 2 },
  );
  const queryArb = fc
    .tuple(declaredQuery, extraQuery)
    .map(([declared, extra]) =>
      [...declared.filter((p): p is [string, string] => p !== null), ...extra]
        .map(([k, v]) => `${k}=${v}`)
        .join('&'),
    );

  // A body object: declared fields with bad values, unknown fields, or nothing at all.
  const fieldArb = props.length
    ? fc.oneof(
        fc.tuple(fc.constantFrom(...props.map(([k]) => k)), badValue),
        fc.tuple(badString, badValue),
      )
    : fc.tuple(badString, badValue);
  const bodyObject = fc
    .array(fieldArb, { maxLength: 4 })
    .map((fields) => Object.fromEntries(fields) as Record<string, unknown>);

  // What makes a write certainly refused: one of these is always applied.
  const wrongTyped = props
    .map(([k, s]) => {
      const arb = wrongTypeFor(s);
      return arb === null ? null : arb.map((v) => ({ k, v }));
    })
    .filter((a): a is fc.Arbitrary<{ k: string; v: unknown }> => a !== null);
  const fatals: fc.Arbitrary<{
    fatal: string;
    body: (o: Record<string, unknown>) => Malformed['payload'];
    headers: Record<string, string>;
    pathSuffix: string;
  }>[] = [
    fc.constantFrom(...BROKEN_JSON).map((text) => ({
      fatal: 'invalid JSON',
      body: () => text,
      headers: { 'content-type': 'application/json' },
      pathSuffix: '',
    })),
    fc.constantFrom('\u0000', 'x\ud800', '\udfff').map((bad) => ({
      fatal: 'bad text in the body',
      body: (o: Record<string, unknown>) => jsonText({ ...o, [props[0]?.[0] ?? 'field']: bad }),
      headers: { 'content-type': 'application/json' },
      pathSuffix: '',
    })),
    fc.constantFrom('k\ud800', 'k\u0000').map((key) => ({
      fatal: 'bad text in a body key',
      body: (o: Record<string, unknown>) => jsonText({ ...o, [key]: 1 }),
      headers: { 'content-type': 'application/json' },
      pathSuffix: '',
    })),
    fc
      .constantFrom('application/xml', 'image/png', 'application/x-www-form-urlencoded')
      .map((type) => ({
        fatal: 'unsupported content type',
        body: () => '<a/>',
        headers: { 'content-type': type },
        pathSuffix: '',
      })),
    fc.constantFrom('%E0%A4%A', '%C0%AF', '%FF').map((enc) => ({
      fatal: 'bad URL encoding',
      body: (o: Record<string, unknown>) => jsonText(o),
      headers: { 'content-type': 'application/json' },
      pathSuffix: enc,
    })),
  ];
  // A number out of every sane range for a numeric field (each one is bounded).
  const numeric = props.filter(([, s]) => {
    const t = allowedTypes(s);
    return t !== null && t.has('number') && !t.has('string');
  });
  if (numeric.length > 0) {
    fatals.push(
      fc
        .tuple(
          fc.constantFrom(...numeric.map(([k]) => k)),
          fc.constantFrom(INF, NEG_INF, BIG, 1e308, -1e308),
        )
        .map(([k, v]) => ({
          fatal: `out-of-range number for ${k}`,
          body: (o: Record<string, unknown>) => jsonText({ ...o, [k]: v }),
          headers: { 'content-type': 'application/json' },
          pathSuffix: '',
        })),
    );
  }
  if (wrongTyped.length > 0) {
    fatals.push(
      fc.oneof(...wrongTyped).map(({ k, v }) => ({
        fatal: `wrong type for ${k}`,
        body: (o: Record<string, unknown>) => jsonText({ ...o, [k]: v }),
        headers: { 'content-type': 'application/json' },
        pathSuffix: '',
      })),
    );
  }
  if (op.bodyTypes.includes('multipart/form-data') || op.path.endsWith('/files')) {
    fatals.push(
      fc.constantFrom(...MULTIPART_BROKEN).map((m) => ({
        fatal: `multipart: ${m.name}`,
        body: () => m.payload,
        headers: { 'content-type': m.type },
        pathSuffix: '',
      })),
    );
  }

  return fc
    .record({
      path: pathArb,
      query: queryArb,
      auth: fc.option(badAuth, { freq: 4 }),
      headers: badHeaders,
      object: bodyObject,
      fatal: fc.oneof(...fatals),
      sendBody: fc.boolean(),
    })
    .map((r) => {
      const write = WRITES.has(op.method);
      const headers: Record<string, string> = { ...r.headers, ...(r.auth ?? {}) };
      delete headers['content-length-ish'];
      if (write) {
        Object.assign(headers, r.fatal.headers);
        return {
          path: r.path + r.fatal.pathSuffix,
          query: r.query,
          headers,
          payload: r.fatal.body(r.object),
          fatal: r.fatal.fatal,
        };
      }
      // Reads: sometimes a bad body as well (it must be ignored or refused, never a 500).
      const body = r.sendBody ? r.fatal.body(r.object) : undefined;
      if (body !== undefined) Object.assign(headers, r.fatal.headers);
      return {
        path: r.path + (r.sendBody ? r.fatal.pathSuffix : ''),
        query: r.query,
        headers,
        payload: body,
        fatal: '',
      };
    });
}

const BOUNDARY = '----fuzz-boundary';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const part = (filename: string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    PNG,
  ]);
const MULTIPART_BROKEN: { name: string; type: string; payload: Buffer }[] = [
  { name: 'truncated', type: `multipart/form-data; boundary=${BOUNDARY}`, payload: part('a.png') },
  {
    name: 'no boundary',
    type: 'multipart/form-data',
    payload: Buffer.concat([part('a.png'), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  },
  {
    name: 'wrong boundary',
    type: 'multipart/form-data; boundary=other',
    payload: Buffer.concat([part('a.png'), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  },
  {
    name: 'empty',
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.alloc(0),
  },
  {
    name: 'headers only',
    type: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"`),
  },
];

// ---------------------------------------------------------------------------------------------
// The checks

type Sent = { method: string; url: string; as: string; fatal: string };

function describeSent(s: Sent, status: number, body: string): string {
  return `${s.method} ${s.url.slice(0, 300)} as ${s.as}${s.fatal ? ` (${s.fatal})` : ''} → ${status} ${body.slice(0, 500)}`;
}

/** What is wrong with the answer to one request (empty: nothing). */
async function send(op: Operation, m: Malformed, as: Role | 'anonymous'): Promise<string[]> {
  const headers = { ...m.headers };
  const token = as === 'anonymous' ? undefined : tokens.get(as);
  if (token !== undefined && headers.authorization === undefined && headers.cookie === undefined) {
    headers.authorization = `Bearer ${token}`;
  }
  const url = m.query ? `${m.path}?${m.query}` : m.path;
  const sent: Sent = { method: op.method, url, as, fatal: m.fatal };
  const res = await app.inject({
    method: op.method as 'GET',
    url,
    headers,
    ...(m.payload === undefined ? {} : { payload: m.payload }),
  });
  const what = describeSent(sent, res.statusCode, res.body);
  if (COLLECT) {
    const code = res.statusCode >= 400 ? (res.json<{ code?: string }>().code ?? '?') : '';
    const key = `${res.statusCode} ${code}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  }
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`5xx: ${what}`);
  if (WRITES.has(op.method) && res.statusCode < 400) problems.push(`write accepted: ${what}`);
  if (res.statusCode >= 400) {
    if (Buffer.byteLength(res.body) >= MAX_ERROR_BYTES) problems.push(`error too large: ${what}`);
    // Open311 refuses in the GeoReport v2 error list, as its clients parse it; only what the HTTP
    // layer refuses before any route is chosen (request.*: URL too long ...) keeps the platform's
    // shape, checked below.
    if (m.path.startsWith('/open311/') && !/"code":"request\./.test(res.body)) {
      if (!isOpen311ErrorList(res.headers['content-type'], res.body)) {
        problems.push(`not the Open311 error list: ${what}`);
      }
      return problems;
    }
    let body: { code?: unknown; message?: { zh?: unknown; en?: unknown } } = {};
    try {
      body = res.json();
    } catch {
      problems.push(`error not JSON: ${what}`);
    }
    const shaped =
      typeof body.code === 'string' &&
      typeof body.message?.zh === 'string' &&
      typeof body.message.en === 'string';
    if (!shaped) problems.push(`not the error shape: ${what}`);
  }
  return problems;
}

/** `[{code, description}]` in JSON, or `<errors><error><code/><description/></error></errors>`. */
function isOpen311ErrorList(contentType: unknown, body: string): boolean {
  if (String(contentType).includes('xml')) {
    return /<errors>\s*<error>[\s\S]*<code>[\s\S]*<description>[\s\S]*<\/errors>/.test(body);
  }
  try {
    const list: unknown = JSON.parse(body);
    return (
      Array.isArray(list) &&
      list.length > 0 &&
      list.every(
        (e: { code?: unknown; description?: unknown }) =>
          (typeof e.code === 'number' || typeof e.code === 'string') &&
          typeof e.description === 'string',
      )
    );
  } catch {
    return false;
  }
}

/** A checksum of every table except the append-only audit log (and the migrations list). */
async function stored(): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('audit_log', 'schema_migrations')
     ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await db.query<{ n: string | number; sum: string | null }>(
      `SELECT count(*) AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum
       FROM "${name}" t`,
    );
    out[name] = `${r.rows[0]?.n ?? 0}:${r.rows[0]?.sum ?? ''}`;
  }
  return out;
}

function realPathValue(path: string, name: string): string {
  return realPathValues.find(([re, n]) => n === name && re.test(path))?.[2] ?? 'x';
}

/** The path with every parameter naming a real row. */
function realPath(op: Operation): string {
  let p = op.path;
  for (const param of op.params.filter((x) => x.in === 'path')) {
    p = p.replace(`{${param.name}}`, encodeURIComponent(realPathValue(op.path, param.name)));
  }
  return p;
}

/** A value the schema takes, for the parameters a sweep does not vary. */
function validQueryValue(s: Schema): string {
  const alts = s.anyOf ?? s.oneOf;
  const first = alts?.[0] as (Schema & { const?: unknown }) | undefined;
  if (first?.const !== undefined) return JSON.stringify(first.const).replaceAll('"', '');
  if (s.enum?.[0] !== undefined) return JSON.stringify(s.enum[0]).replaceAll('"', '');
  const t = allowedTypes(s);
  const bounds = s as { minimum?: number; format?: string };
  if (t?.has('number')) return String(Math.max(bounds.minimum ?? 1, 1));
  if (t?.has('boolean')) return 'false';
  if (bounds.format === 'date-time') return '2026-03-02T01:00:00Z';
  return 'x';
}

const BAD_NUMBER_TEXT = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  '-1e309',
  '-1',
  '1e15',
  '99999999999999999999',
  '1.5',
  '',
];
const BAD_INSTANT_TEXT = [
  '%2B275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-03-02',
];

describe('fuzz: malformed input to every operation of the OpenAPI document, as every role', () => {
  it('walks an OpenAPI document with the whole API in it', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.some((o) => o.path === '/api/v1/cases/{id}/dispatch')).toBe(true);
    expect(operations.some((o) => o.path === '/api/v1/files')).toBe(true);
  });

  it('answers every request below 500, in the error shape, small, and changes no stored data', async () => {
    const before = await stored();
    const filesBefore = await readdir(dataDir, { recursive: true });
    const roles: (Role | 'anonymous')[] = ['anonymous', ...ROLES];
    for (const [i, op] of operations.entries()) {
      // A signed-in event stream never ends: streams are fuzzed only as callers it refuses.
      const as = op.streams ? (['anonymous'] as const) : roles;
      await fc.assert(
        fc.asyncProperty(operationMalformed(op), async (m) => {
          const problems: string[] = [];
          for (const role of as) problems.push(...(await send(op, m, role)));
          if (COLLECT) collected.push(...problems);
          else expect(problems).toEqual([]);
        }),
        { seed: SEED + i, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
    if (COLLECT) {
      console.log(
        [...answers]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );
      console.log([...new Set(collected)].join('\n'));
    }
    expect(collected).toEqual([]);
    expect(await stored()).toEqual(before);
    expect(await readdir(dataDir, { recursive: true })).toEqual(filesBefore);
  }, 600_000);

  it('refuses every non-finite, out-of-range or impossible number and instant of every query', async () => {
    const before = await stored();
    const problems: string[] = [];
    let swept = 0;
    for (const op of operations.filter((o) => !o.streams)) {
      const query = op.params.filter((p) => p.in === 'query');
      for (const param of query) {
        const t = param.schema ? allowedTypes(param.schema) : null;
        const format = (param.schema as { format?: string } | undefined)?.format;
        const bad = t?.has('number')
          ? BAD_NUMBER_TEXT
          : format === 'date-time'
            ? BAD_INSTANT_TEXT
            : [];
        for (const value of bad) {
          const others = query
            .filter((q) => q !== param && op.params.includes(q) && isRequired(op, q))
            .map((q) => `${q.name}=${encodeURIComponent(validQueryValue(q.schema ?? {}))}`);
          const m: Malformed = {
            path: realPath(op),
            query: [...others, `${param.name}=${value}`].join('&'),
            headers: {},
            payload: undefined,
            fatal: `${param.name}=${value}`,
          };
          for (const role of ['admin', 'acceptance_operator'] as const) {
            problems.push(...(await send(op, m, role)));
            swept++;
          }
        }
      }
    }
    expect(swept).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    expect(await stored()).toEqual(before);
  }, 300_000);
});
