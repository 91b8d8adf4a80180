import type { FormField } from './action-fields.ts';

/**
 * Keyboard shortcuts of the workbenches (plain keys, no modifiers, outside text fields): j/k
 * (or the arrows) move in the queue, Enter opens the case, and one letter per high-volume
 * command. A command that needs nothing but the case's version (or the dispatch suggestion) runs
 * at once; one that needs a reason or a note opens its dialog.
 */
export type Shortcut =
  | { readonly kind: 'next' }
  | { readonly kind: 'prev' }
  | { readonly kind: 'open' }
  | { readonly kind: 'action'; readonly action: string };

/** Letter → workflow action (the action names of GET /api/v1/case-actions). */
export const ACTION_KEYS: Readonly<Record<string, string>> = {
  f: 'file', // 立案
  r: 'refuse_filing', // 不予立案
  m: 'merge', // 合并 into the nearest likely duplicate
  d: 'dispatch', // 按建议派遣
  a: 'accept', // 接收
  b: 'send_back', // 回退
  e: 'request_extension', // 延期申请
  p: 'recheck_pass', // 核查通过
  w: 'rework', // 返工
  c: 'close', // 结案
  u: 'urge', // 督办
  y: 'approve_extension', // 同意延期
  h: 'approve_hold', // 同意挂账
  s: 'spot_check_pass', // 抽查通过
};

export function shortcutFor(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { kind: 'next' };
    case 'k':
    case 'ArrowUp':
      return { kind: 'prev' };
    case 'Enter':
      return { kind: 'open' };
    default: {
      const action = ACTION_KEYS[e.key.toLowerCase()];
      return action === undefined ? null : { kind: 'action', action };
    }
  }
}

/** Commands whose note the server requires (needNote): their shortcut opens the dialog. */
export const NOTE_REQUIRED: ReadonlySet<string> = new Set(['urge', 'assist_feedback']);

/**
 * True when a shortcut's command can run at once: no field the person must write (a reason, a
 * required note, a satisfaction, a merge target), and a unit only when a suggestion names one.
 */
export function runsAtOnce(
  action: string,
  fields: readonly FormField[],
  hasSuggestion: boolean,
): boolean {
  if (NOTE_REQUIRED.has(action)) return false;
  if (fields.includes('unitId')) return hasSuggestion && !fields.includes('reason');
  return !fields.some((f) => f === 'reason' || f === 'satisfaction' || f === 'targetCaseId');
}

/** The keys of the actions the role may give now, for the workbench's hint line. */
export function keysFor(actions: readonly string[]): { key: string; action: string }[] {
  return Object.entries(ACTION_KEYS)
    .filter(([, a]) => actions.includes(a))
    .map(([key, action]) => ({ key, action }));
}
