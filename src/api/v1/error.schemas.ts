import { Type, type Static } from '@sinclair/typebox';

/**
 * The one error body of every 4xx/5xx answer: `{ code, message: { zh, en }, details }`
 * (STYLE.md §4.4; codes in src/api/errors). Registered once for the whole app (see
 * registerSwagger), so it is the named component schema `ErrorBody` of the OpenAPI document.
 */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.String({ description: '稳定的错误代码 stable error code, e.g. case.not_in_state' }),
    message: Type.Object({ zh: Type.String(), en: Type.String() }),
    details: Type.Optional(
      Type.Unknown({ description: '按错误代码而定的细节 details that depend on the code' }),
    ),
  },
  { $id: 'ErrorBody', description: '错误 error answer' },
);
export type ErrorBodySchema = Static<typeof ErrorBodySchema>;

/** A reference to ErrorBody, for route response maps. */
export const ErrorRef = Type.Unsafe<ErrorBodySchema>(Type.Ref('ErrorBody'));

/** `{ 400: ErrorRef, 404: ErrorRef, ... }`: the error answers a route declares. */
export function errorResponses<S extends number>(
  ...statuses: readonly S[]
): Record<S, typeof ErrorRef> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorRef])) as Record<S, typeof ErrorRef>;
}
