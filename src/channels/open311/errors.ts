import { xmlDocument } from './xml.ts';

export type Open311Format = 'json' | 'xml';
export type Open311ErrorItem = { code: number; description: string };

/**
 * The spec's statuses: 403 for a missing, wrong or revoked key, 404 for an unknown service,
 * request or jurisdiction, 400 for any other bad input. A client over its budget (429) and a
 * fault of the server or database (5xx) keep their status: they are not the client's input.
 */
export function open311Status(status: number): number {
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 429 || status >= 500) return status;
  return 400;
}

/**
 * Any refusal on an Open311 route, from the platform's `{code, message, details}` to the spec's
 * `[{code, description}]`: code is the HTTP status, the description says what went wrong in
 * Chinese and English and names the platform's stable code (and the field, where known).
 */
export function toOpen311Errors(
  status: number,
  body: { code?: unknown; message?: { zh?: unknown; en?: unknown }; details?: unknown },
): { status: number; errors: Open311ErrorItem[] } {
  const s = open311Status(status);
  const zh = typeof body.message?.zh === 'string' ? body.message.zh : '';
  const en = typeof body.message?.en === 'string' ? body.message.en : 'error';
  const code = typeof body.code === 'string' ? body.code : 'error';
  const where = detailOf(body.details);
  return {
    status: s,
    errors: [{ code: s, description: `${zh} ${en} (${code}${where ? `: ${where}` : ''})`.trim() }],
  };
}

function detailOf(details: unknown): string {
  if (details === null || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const parts = ['field', 'attribute', 'reason', 'serviceCode', 'id', 'token']
    .filter((k) => typeof d[k] === 'string' || typeof d[k] === 'number')
    .map((k) => `${k} ${String(d[k]).slice(0, 120)}`);
  const problems = d.problems;
  if (Array.isArray(problems) && problems[0] && typeof problems[0] === 'object') {
    const p = problems[0] as { instancePath?: unknown; message?: unknown };
    const path = typeof p.instancePath === 'string' ? p.instancePath : '';
    const message = typeof p.message === 'string' ? p.message : '';
    parts.push(`${path} ${message}`.trim());
  }
  return parts.join(', ');
}

/** The body and content type of an answer in the format asked. */
export function render(
  format: Open311Format,
  root: string,
  value: unknown,
): { body: string; type: string } {
  return format === 'xml'
    ? { body: xmlDocument(root, value as never), type: 'text/xml; charset=utf-8' }
    : { body: JSON.stringify(value), type: 'application/json; charset=utf-8' };
}

/** The format a URL asks for: its `.xml` or `.json` suffix (XML, the spec's default, otherwise). */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? url;
  return path.endsWith('.json') ? 'json' : 'xml';
}
