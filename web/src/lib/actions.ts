import type { CaseActionInfo, CaseStatus, Role } from '../api/client.ts';

/**
 * The commands a role may give a case in its current status, read from the server's declared
 * workflow (GET /api/v1/case-actions): the console never keeps its own copy of the transition
 * table. Guards (main unit only, photos required, ...) stay with the server, which answers with
 * a coded refusal the console shows.
 */
export function allowedActions(
  actions: readonly CaseActionInfo[],
  role: Role,
  status: CaseStatus,
): CaseActionInfo[] {
  return actions.filter(
    (a) =>
      a.reach === 'command' &&
      a.method === 'POST' &&
      a.path !== null &&
      a.roles.includes(role) &&
      a.rows.some((r) => r.from === status),
  );
}

/** The URL of an action for one case (`/api/v1/cases/{id}/dispatch` → `.../<id>/dispatch`). */
export function actionUrl(a: CaseActionInfo, caseId: string): string {
  if (a.path === null) throw new Error(`action ${a.action} has no route`);
  return a.path.replace('{id}', encodeURIComponent(caseId));
}
