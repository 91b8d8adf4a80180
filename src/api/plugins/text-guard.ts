import type { FastifyInstance, FastifyRequest } from 'fastify';

const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

/** Where a request carried U+0000: the part of the request and the path inside it. */
export type NulFinding = {
  location: 'body' | 'query' | 'params' | 'headers';
  /** `reporter.name`, `photoIds[1]`, `["a\u0000b"]` (keys that are not identifiers); '' = whole body */
  path: string;
  /** For a text body (imports): the line holding the first U+0000, from 1. */
  line?: number;
};

/**
 * PostgreSQL (and PGlite) cannot store U+0000 in text or jsonb: a NUL that reached a query
 * failed there with a 500, after part of the work may have run. Refuses such requests before
 * validation and before any handler, as 400 `request.invalid_text` naming where the NUL was, so
 * nothing is read or written with it. App-wide (not encapsulated), after the body is parsed.
 *
 * Multipart uploads are not scanned: their body is read by the route as a binary stream and
 * `req.body` stays empty.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req, reply) => {
    const found = findNulInRequest(req);
    if (found === null) return undefined;
    // The audit entry of this refusal (written in onSend) keeps a summary of the body and the
    // :id param; with the NUL left in, the database would refuse that entry as well.
    req.body = withoutNul(req.body);
    req.params = withoutNul(req.params);
    return reply.sendError({ code: 'request.invalid_text', details: found });
  });
}

/** The first place of the request (headers, route params, query, body) holding U+0000, or null. */
export function findNulInRequest(req: FastifyRequest): NulFinding | null {
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.includes(NUL)) return { location: 'headers', path: JSON.stringify(name).slice(1, -1) };
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.includes(NUL))) {
      return { location: 'headers', path: name };
    }
  }
  const inParams = findNul(req.params);
  if (inParams !== null) return { location: 'params', path: inParams };
  const inQuery = findNul(req.query);
  if (inQuery !== null) return { location: 'query', path: inQuery };
  if (typeof req.body === 'string') {
    // Text bodies (base-data imports): the line helps whoever fixes the file.
    const at = req.body.indexOf(NUL);
    if (at < 0) return null;
    let line = 1;
    for (let i = req.body.indexOf('\n'); i >= 0 && i < at; i = req.body.indexOf('\n', i + 1)) {
      line++;
    }
    return { location: 'body', path: '', line };
  }
  const inBody = findNul(req.body);
  return inBody === null ? null : { location: 'body', path: inBody };
}

type Frame = {
  readonly value: unknown;
  readonly key: string | number | null;
  readonly parent: Frame | null;
};

/** Plain objects and arrays, as JSON.parse makes them; never Buffers, streams or class instances. */
function isWalkable(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The top of a parsed part: also the query and params records, which the query parser and the
 * router build on prototypes of their own (not Object.prototype); binary bodies stay out.
 */
function isWalkableRoot(v: unknown): v is Record<string, unknown> | unknown[] {
  if (isWalkable(v)) return true;
  return (
    v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)
  );
}

/**
 * The path of a string value or an object key holding U+0000 inside a parsed value, or null.
 * Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function findNul(root: unknown): string | null {
  if (typeof root === 'string') return root.includes(NUL) ? '' : null;
  if (!isWalkableRoot(root)) return null;
  const stack: Frame[] = [{ value: root, key: null, parent: null }];
  for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
    const v = f.value;
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      if (typeof key === 'string' && key.includes(NUL))
        return pathOf({ value: item, key, parent: f });
      if (typeof item === 'string') {
        if (item.includes(NUL)) return pathOf({ value: item, key, parent: f });
      } else if (isWalkable(item)) {
        stack.push({ value: item, key, parent: f });
      }
    }
  }
  return null;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** One key as a path step: `.name`, `[2]`, or `["odd key"]` (JSON-escaped, so no raw NUL). */
function keyPath(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function pathOf(frame: Frame): string {
  const steps: string[] = [];
  for (let f: Frame | null = frame; f !== null && f.key !== null; f = f.parent) {
    steps.push(keyPath(f.key));
  }
  const path = steps.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path;
}

// Deeper than any audit summary looks (it shows top-level fields only).
const MAX_SCRUB_DEPTH = 32;

/** A copy with U+0000 replaced by U+FFFD in strings and keys (parts deeper than 32 dropped). */
function withoutNul(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return v.replaceAll(NUL, REPLACEMENT);
  const walkable = depth === 0 ? isWalkableRoot(v) : isWalkable(v);
  if (!walkable) return v;
  if (depth >= MAX_SCRUB_DEPTH) return null;
  if (Array.isArray(v)) return v.map((item) => withoutNul(item, depth + 1));
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, item]) => [
      k.replaceAll(NUL, REPLACEMENT),
      withoutNul(item, depth + 1),
    ]),
  );
}
