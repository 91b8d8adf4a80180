import type { DispatchRule } from '../api/client.ts';

/** A unit in the tree GET /api/v1/units answers, flattened for a picker. */
export type UnitOption = { value: string; label: string; districtCode: string };

type UnitNode = {
  id: string;
  districtCode: string;
  name: { zh: string; en: string };
  active: boolean;
  children: UnitNode[];
};

/** The active units of a unit tree, depth first, labelled with their Chinese name. */
export function flattenUnits(nodes: readonly UnitNode[]): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (n: UnitNode) => {
    if (n.active) out.push({ value: n.id, label: n.name.zh, districtCode: n.districtCode });
    for (const c of n.children) walk(c);
  };
  for (const n of nodes) walk(n);
  return out;
}

/** The editable fields of a rule. */
export type RuleDraft = {
  districtCode: string | null;
  categoryKind: 'component' | 'event';
  categoryCode: string;
  regionLevel: DispatchRule['regionLevel'];
  regionCode: string | null;
  loopLevel: DispatchRule['loopLevel'];
  unitId: string;
  autoDispatch: boolean;
  priority: number;
};

export function draftOf(r: DispatchRule): RuleDraft {
  return {
    districtCode: r.districtCode,
    categoryKind: r.categoryKind,
    categoryCode: r.categoryCode,
    regionLevel: r.regionLevel,
    regionCode: r.regionCode,
    loopLevel: r.loopLevel,
    unitId: r.unitId,
    autoDispatch: r.autoDispatch,
    priority: r.priority,
  };
}

/**
 * Rules are never changed in place (dispatched cases name the rule that chose their unit):
 * editing one adds the new version and deactivates the old. The body of the new version, with a
 * note naming the rule it replaces.
 */
export function replacementBody(old: DispatchRule | null, d: RuleDraft) {
  return {
    districtCode: d.districtCode,
    categoryKind: d.categoryKind,
    categoryCode: d.categoryCode.trim() || '*',
    regionLevel: d.regionLevel,
    regionCode: d.regionLevel === null ? null : d.regionCode,
    loopLevel: d.loopLevel,
    unitId: d.unitId,
    autoDispatch: d.autoDispatch,
    priority: d.priority,
    ...(old ? { note: `replaces ${old.id}` } : {}),
  };
}

/** Which rules a list shows first: the most specific region, then category, then priority. */
export function ruleOrder(a: DispatchRule, b: DispatchRule): number {
  const level = { grid: 4, community: 3, street: 2, district: 1 } as const;
  const la = a.regionLevel ? level[a.regionLevel] : 0;
  const lb = b.regionLevel ? level[b.regionLevel] : 0;
  if (la !== lb) return lb - la;
  const ca = a.categoryCode === '*' ? 0 : a.categoryCode.length;
  const cb = b.categoryCode === '*' ? 0 : b.categoryCode.length;
  if (ca !== cb) return cb - ca;
  return b.priority - a.priority || a.id.localeCompare(b.id);
}
