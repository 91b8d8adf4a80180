import { ApiError, type Bilingual, type CaseActionInfo } from './client.ts';
import { actionUrl } from '../lib/actions.ts';

/**
 * Gives one declared command to a case. The route comes from the action's declaration (GET
 * /api/v1/case-actions) and the body from the typed field table (lib/action-fields.ts), so the
 * console follows the server's workflow instead of a copy of it.
 */
export async function runCommand(
  action: CaseActionInfo,
  caseId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(actionUrl(action, caseId), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.ok) return;
  let code = `http.${res.status}`;
  let text: Bilingual = { zh: res.statusText, en: res.statusText };
  try {
    const e = (await res.json()) as { code?: string; message?: Bilingual };
    if (e.code) code = e.code;
    if (e.message) text = e.message;
  } catch {
    // not the platform's error shape: keep the status line
  }
  throw new ApiError(res.status, code, text);
}
