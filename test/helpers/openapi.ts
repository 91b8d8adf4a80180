import type { FastifyInstance } from 'fastify';

/** One operation of the app's OpenAPI document. */
export type Operation = {
  readonly method: string;
  /** The OpenAPI path, `/api/v1/cases/{id}`. */
  readonly path: string;
  /** The Fastify route, `/api/v1/cases/:id` (as the audit log names it). */
  readonly route: string;
  readonly security: readonly Record<string, unknown>[] | undefined;
  readonly pathParams: readonly string[];
};

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { security?: Record<string, unknown>[]; parameters?: { in: string; name: string }[] }
    >
  >;
};

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document the app serves (the one committed as openapi/openapi.json). */
export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as unknown as Doc;
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.has(method)) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        security: op.security,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
      });
    }
  }
  return out;
}

/** `METHOD /path` of an operation, for test names and matrix keys. */
export const opKey = (op: Pick<Operation, 'method' | 'path'>): string => `${op.method} ${op.path}`;

/** The URL of an operation with its path parameters filled from `values` (default `x`). */
export function urlOf(op: Operation, values: Readonly<Record<string, string>> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? 'x'),
  );
}
