import type { paths } from '../api/schema.gen.ts';

/** Every case command route of the API (`/api/v1/cases/{id}/<verb>`). */
export type CommandPath = Extract<keyof paths, `/api/v1/cases/{id}/${string}`> &
  { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];

type BodyOf<P extends CommandPath> = paths[P]['post'] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The form fields a console dialog offers for each command. */
export type FormField =
  'note' | 'reason' | 'photoIds' | 'unitId' | 'requestedDueAt' | 'satisfaction' | 'targetCaseId';

/**
 * The fields each command's dialog asks for, checked against the generated request bodies: if
 * the server renames or drops one, this table stops compiling (and a new command route must be
 * added here before the console builds).
 */
export const ACTION_FIELDS = {
  '/api/v1/cases/{id}/verify': ['note'],
  '/api/v1/cases/{id}/file': ['note'],
  '/api/v1/cases/{id}/refuse-filing': ['reason'],
  '/api/v1/cases/{id}/dispatch': ['unitId', 'note'],
  '/api/v1/cases/{id}/redispatch': ['unitId', 'reason'],
  '/api/v1/cases/{id}/handle-first': ['unitId', 'reason'],
  '/api/v1/cases/{id}/accept': ['note'],
  '/api/v1/cases/{id}/send-back': ['reason'],
  '/api/v1/cases/{id}/feedback': ['note', 'photoIds'],
  '/api/v1/cases/{id}/recheck': ['note', 'photoIds'],
  '/api/v1/cases/{id}/rework': ['reason', 'photoIds'],
  '/api/v1/cases/{id}/close': ['note'],
  '/api/v1/cases/{id}/evaluate': ['satisfaction'],
  '/api/v1/cases/{id}/extension-requests': ['reason', 'requestedDueAt'],
  '/api/v1/cases/{id}/extension-requests/approve': ['note'],
  '/api/v1/cases/{id}/extension-requests/reject': ['reason'],
  '/api/v1/cases/{id}/hold-requests': ['reason'],
  '/api/v1/cases/{id}/hold-requests/approve': ['note'],
  '/api/v1/cases/{id}/hold-requests/reject': ['reason'],
  '/api/v1/cases/{id}/resume': ['note'],
  '/api/v1/cases/{id}/cancel-requests': ['reason'],
  '/api/v1/cases/{id}/cancel-requests/approve': ['note'],
  '/api/v1/cases/{id}/cancel-requests/reject': ['reason'],
  '/api/v1/cases/{id}/urge': ['note'],
  '/api/v1/cases/{id}/assisting-units': [],
  '/api/v1/cases/{id}/assist-feedback': ['note', 'photoIds'],
  '/api/v1/cases/{id}/settle-responsibility': [],
  '/api/v1/cases/{id}/merge': ['targetCaseId'],
  '/api/v1/cases/{id}/spot-check': ['note'],
  '/api/v1/cases/{id}/reopen': ['reason'],
} as const satisfies { [P in CommandPath]: readonly (keyof BodyOf<P> & FormField)[] };

/** The fields of a command by its route template, or null for a route the console does not know. */
export function fieldsOf(path: string): readonly FormField[] | null {
  return (ACTION_FIELDS as Record<string, readonly FormField[] | undefined>)[path] ?? null;
}

/** The request body from the dialog's values: only the command's fields, empty ones left out. */
export function commandBody(
  fields: readonly FormField[],
  values: Partial<Record<FormField, unknown>>,
  expectedVersion: number,
): Record<string, unknown> {
  const body: Record<string, unknown> = { expectedVersion };
  for (const f of fields) {
    const v = values[f];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    body[f] = typeof v === 'string' ? v.trim() : v;
  }
  return body;
}
