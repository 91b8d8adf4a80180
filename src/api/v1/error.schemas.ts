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

/** What each error status means, as the OpenAPI document describes the answer. */
const MEANING: Readonly<Record<number, string>> = {
  400: '请求无效 invalid request',
  401: '未登录或会话已失效 not signed in, or the session has ended',
  403: '角色或辖区不允许 not allowed for the role or region',
  404: '不存在或不在辖区内 not found, or outside the caller’s region',
  409: '与当前状态冲突 conflicts with the current state',
  413: '内容过大 too large',
  415: '不支持的媒体类型 unsupported media type',
  422: '内容不符合规则 refused by a rule',
  429: '请求过于频繁 too many requests',
};

/** `{ 400: ErrorBody, 404: ErrorBody, ... }`: the error answers a route declares. */
export function errorResponses<S extends number>(
  ...statuses: readonly S[]
): Record<S, typeof ErrorRef> {
  const answer = (s: number) =>
    Type.Unsafe<ErrorBodySchema>(
      Type.Ref('ErrorBody', { description: MEANING[s] ?? '错误 error' }),
    );
  return Object.fromEntries(statuses.map((s) => [s, answer(s)])) as Record<S, typeof ErrorRef>;
}
