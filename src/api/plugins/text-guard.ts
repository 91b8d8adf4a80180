import type { FastifyInstance, FastifyRequest } from 'fastify';

const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** What is wrong with a text: U+0000, or a UTF-16 surrogate without its pair (not Unicode). */
export type TextProblem = 'nul' | 'lone_surrogate';

/** The first problem of a string that PostgreSQL text/jsonb cannot store, or null. */
export function textProblem(s: string): TextProblem | null {
  if (s.includes(NUL)) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  return null;
}

/** Where a request carried text the database cannot store: the part, the path inside it, what. */
export type TextFinding = {
  location: 'body' | 'query' | 'params' | 'headers';
  /** `reporter.name`, `photoIds[1]`, `["a\u0000b"]` (keys that are not identifiers); '' = whole body */
  path: string;
  problem: TextProblem;
  /** For a text body (imports): the line holding the first bad character, from 1. */
  line?: number;
};

/**
 * PostgreSQL (and PGlite) cannot store U+0000 in text or jsonb, and a lone UTF-16 surrogate
 * (`"\ud800"` in JSON) is not Unicode at all: either one reaching a query failed there with a
 * 500, after part of the work may have run. Refuses such requests before validation and before
 * any handler, as 400 `request.invalid_text` naming where the text was and which problem it had
 * (details.problem 'nul' | 'lone_surrogate'), so nothing is read or written with it. App-wide
 * (not encapsulated), after the body is parsed.
 *
 * Multipart uploads are not scanned: their body is read by the route as a binary stream and
 * `req.body` stays empty (the route checks the file name itself).
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req, reply) => {
    const found = findBadTextInRequest(req);
    if (found === null) return undefined;
    // The audit entry of this refusal (written in onSend) keeps a summary of the body and the
    // :id param; with the bad text left in, the database would refuse that entry as well.
    req.body = scrubbed(req.body);
    req.params = scrubbed(req.params);
    return reply.sendError({ code: 'request.invalid_text', details: found });
  });
}

/** The first place of the request (headers, route params, query, body) with bad text, or null. */
export function findBadTextInRequest(req: FastifyRequest): TextFinding | null {
  for (const [name, value] of Object.entries(req.headers)) {
    const inName = textProblem(name);
    if (inName !== null) {
      return { location: 'headers', path: JSON.stringify(name).slice(1, -1), problem: inName };
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const problem = typeof v === 'string' ? textProblem(v) : null;
      if (problem !== null) return { location: 'headers', path: name, problem };
    }
  }
  const inParams = findBadText(req.params);
  if (inParams !== null) return { location: 'params', ...inParams };
  const inQuery = findBadText(req.query);
  if (inQuery !== null) return { location: 'query', ...inQuery };
  if (typeof req.body === 'string') {
    // Text bodies (base-data imports): the line helps whoever fixes the file.
    const problem = textProblem(req.body);
    if (problem === null) return null;
    const at = problem === 'nul' ? req.body.indexOf(NUL) : req.body.search(LONE_SURROGATE);
    let line = 1;
    for (let i = req.body.indexOf('\n'); i >= 0 && i < at; i = req.body.indexOf('\n', i + 1)) {
      line++;
    }
    return { location: 'body', path: '', problem, line };
  }
  const inBody = findBadText(req.body);
  return inBody === null ? null : { location: 'body', ...inBody };
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
 * The path and problem of the first string value or object key inside a parsed value holding
 * U+0000 or a lone surrogate, or null. Walks with its own stack, so a deeply nested body cannot
 * overflow the call stack.
 */
export function findBadText(root: unknown): { path: string; problem: TextProblem } | null {
  if (typeof root === 'string') {
    const problem = textProblem(root);
    return problem === null ? null : { path: '', problem };
  }
  if (!isWalkableRoot(root)) return null;
  const stack: Frame[] = [{ value: root, key: null, parent: null }];
  for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
    const v = f.value;
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      const inKey = typeof key === 'string' ? textProblem(key) : null;
      if (inKey !== null) return { path: pathOf({ value: item, key, parent: f }), problem: inKey };
      if (typeof item === 'string') {
        const problem = textProblem(item);
        if (problem !== null) return { path: pathOf({ value: item, key, parent: f }), problem };
      } else if (isWalkable(item)) {
        stack.push({ value: item, key, parent: f });
      }
    }
  }
  return null;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * One key as a path step: `.name`, `[2]`, or `["odd key"]` (JSON-escaped, so no raw NUL and no
 * lone surrogate: JSON.stringify writes those as \\uXXXX).
 */
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

/** A string with U+0000 and lone surrogates replaced by U+FFFD. */
function scrubText(s: string): string {
  return s.replaceAll(NUL, REPLACEMENT).replace(LONE_SURROGATES, REPLACEMENT);
}

/** A copy with bad text replaced by U+FFFD in strings and keys (parts deeper than 32 dropped). */
function scrubbed(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v);
  const walkable = depth === 0 ? isWalkableRoot(v) : isWalkable(v);
  if (!walkable) return v;
  if (depth >= MAX_SCRUB_DEPTH) return null;
  if (Array.isArray(v)) return v.map((item) => scrubbed(item, depth + 1));
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, item]) => [
      scrubText(k),
      scrubbed(item, depth + 1),
    ]),
  );
}
