import type { Capability, CaseStatus, Queue } from '../api/client.ts';
import type { StringKey } from '../i18n/strings.ts';

/** A workbench: one live queue and the capability that works it. */
export type Workbench = {
  key: string;
  queue: Queue;
  capability: Capability;
  label: StringKey;
  /** narrows the queue to one status (the spot checks read the closed cases) */
  status?: CaseStatus;
};

// The order is the loop's order; a role sees the workbenches its capabilities allow.
export const WORKBENCHES: readonly Workbench[] = [
  { key: 'verify', queue: 'to_verify', capability: 'case.verify', label: 'wbVerify' },
  { key: 'acceptance', queue: 'to_file', capability: 'case.file', label: 'wbAcceptance' },
  { key: 'dispatch', queue: 'to_dispatch', capability: 'case.dispatch', label: 'wbDispatch' },
  { key: 'handling', queue: 'to_handle', capability: 'case.handle', label: 'wbHandling' },
  { key: 'recheck', queue: 'to_recheck', capability: 'case.recheck', label: 'wbRecheck' },
  { key: 'close', queue: 'to_close', capability: 'case.close', label: 'wbClose' },
  { key: 'approvals', queue: 'approvals', capability: 'case.approve', label: 'wbApprovals' },
  // The commander's desk (指挥): urge the overdue cases; the city spot-checks district closures.
  { key: 'urge', queue: 'overdue', capability: 'case.urge', label: 'wbUrge' },
  {
    key: 'spotcheck',
    queue: 'all',
    status: 'closed',
    capability: 'case.spot_check',
    label: 'wbSpotCheck',
  },
];

export type MenuEntry = { path: string; label: StringKey };

/** The console's menu for a set of capabilities (from GET /api/v1/auth/me). */
export function menuFor(caps: readonly Capability[]): {
  main: MenuEntry[];
  workbenches: MenuEntry[];
} {
  const has = (c: Capability) => caps.includes(c);
  const main: MenuEntry[] = [{ path: '/', label: 'home' }];
  if (has('case.report')) main.push({ path: '/report', label: 'report' });
  if (has('case.read')) {
    main.push({ path: '/cases', label: 'caseSearch' });
    main.push({ path: '/map', label: 'map' });
    if (has('case.evaluate') || has('case.handle'))
      main.push({ path: '/hotline', label: 'hotline' });
  }
  if (has('whistle.read')) main.push({ path: '/whistles', label: 'whistles' });
  if (has('indicator.read')) main.push({ path: '/assessment', label: 'assessment' });
  if (has('dispatch_rule.write')) main.push({ path: '/admin/rules', label: 'adminRules' });
  const workbenches = WORKBENCHES.filter((w) => has(w.capability)).map((w) => ({
    path: `/work/${w.key}`,
    label: w.label,
  }));
  return { main, workbenches };
}

export function workbenchByKey(key: string): Workbench | undefined {
  return WORKBENCHES.find((w) => w.key === key);
}
