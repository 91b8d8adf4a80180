/** How one error code is shown over HTTP: status and a human message in zh-CN and English. */
export type ErrorSpec = { readonly status: number; readonly zh: string; readonly en: string };
