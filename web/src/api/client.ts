import createClient from 'openapi-fetch';
import type { components, paths } from './schema.gen.ts';

// The typed client over the generated OpenAPI types: a server change that breaks the console
// breaks `npm run typecheck:web`. The session travels in the HttpOnly cookie the login sets, so
// photos (<img>) and the SSE stream (EventSource) are authorised like every other request.
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type Case = components['schemas']['Case'];
export type CaseEvent = components['schemas']['CaseEvent'];
export type DispatchRule = components['schemas']['DispatchRule'];
export type Me = paths['/api/v1/auth/me']['get']['responses']['200']['content']['application/json'];
export type Capability = Me['capabilities'][number];
export type Role = Me['user']['role'];
export type CaseQuery = NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>;
export type Queue = NonNullable<CaseQuery['queue']>;
export type CaseStatus = Case['status'];
export type CaseActionInfo =
  paths['/api/v1/case-actions']['get']['responses']['200']['content']['application/json']['items'][number];
export type DispatchSuggestion =
  paths['/api/v1/cases/{id}/dispatch-suggestion']['get']['responses']['200']['content']['application/json'];
export type Bilingual = { zh: string; en: string };

/** A refusal in the platform's error shape `{code, message:{zh,en}, details}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
  ) {
    super(`${code}: ${text.en}`);
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a 2xx answer, or an ApiError carrying the server's code and bilingual message. */
export function unwrap<T>(r: Answer<T>): T {
  if (r.data !== undefined && r.response.ok) return r.data;
  const e = r.error as { code?: unknown; message?: unknown } | undefined;
  const msg = e?.message as Partial<Bilingual> | undefined;
  throw new ApiError(
    r.response.status,
    typeof e?.code === 'string' ? e.code : `http.${r.response.status}`,
    {
      zh: msg?.zh ?? r.response.statusText,
      en: msg?.en ?? r.response.statusText,
    },
  );
}

/** URL of a stored photo (read through the case it belongs to; the cookie authorises it). */
export const photoUrl = (id: string): string => `/api/v1/files/${encodeURIComponent(id)}`;

/** Uploads one photo (multipart field "file") and returns its id. */
export async function uploadPhoto(file: File): Promise<string> {
  const body = new FormData();
  body.append('file', file);
  const r = await api.POST('/api/v1/files', {
    // openapi-fetch would JSON-encode the body: hand it the FormData as is.
    body: body as never,
    bodySerializer: (b: unknown) => b as FormData,
  });
  return unwrap(r).id;
}
