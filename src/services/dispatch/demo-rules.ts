import type { CategoryKind } from '../../domain/cases/index.ts';
import type { Unit } from '../../domain/units/index.ts';
import type { Queryable } from '../../store/db.ts';
import { insertDispatchRule, type StoredDispatchRule } from '../../store/dispatch-rules.store.ts';
import { listUnits } from '../../store/units.store.ts';
import { SYSTEM_USER_ID } from './auto-dispatch.ts';

type Spec = {
  readonly kind: CategoryKind;
  readonly code: string;
  readonly bureau: 'cgj' | 'zjj' | 'yl' | 'jt';
  readonly auto?: boolean;
};

// Big class (GB/T 47678.5) → the district bureau that answers for it. 市容环卫设施类 events
// (toilets, bins) go to the city-management bureau without a dispatcher (auto).
const BIG_CLASSES: readonly Spec[] = [
  { kind: 'component', code: '*', bureau: 'cgj' },
  { kind: 'event', code: '*', bureau: 'cgj' },
  { kind: 'component', code: '01', bureau: 'zjj' },
  { kind: 'component', code: '02', bureau: 'jt' },
  { kind: 'component', code: '03', bureau: 'cgj' },
  { kind: 'component', code: '04', bureau: 'yl' },
  { kind: 'event', code: '01', bureau: 'zjj' },
  { kind: 'event', code: '02', bureau: 'jt' },
  { kind: 'event', code: '03', bureau: 'cgj', auto: true },
  { kind: 'event', code: '04', bureau: 'yl' },
  { kind: 'event', code: '06', bureau: 'cgj' },
  { kind: 'event', code: '07', bureau: 'cgj' },
  { kind: 'event', code: '08', bureau: 'zjj' },
  { kind: 'event', code: '09', bureau: 'cgj' },
];

// Utilities' manhole covers go straight to the utility, city-wide; power, telecom and gas are
// dispatched automatically (a missing cover is a hazard), water through the dispatcher.
const UTILITY_COVERS: readonly { code: string; utility: string; auto: boolean }[] = [
  { code: '01001', utility: 'water', auto: false },
  { code: '01005', utility: 'power', auto: true },
  { code: '01007', utility: 'telecom', auto: true },
  { code: '01011', utility: 'gas', auto: true },
];

/** 街面秩序类 events in a community go to its workstation (社区自循环). */
const COMMUNITY_BIG_CLASS = '09';

type RuleFields = Partial<StoredDispatchRule> &
  Pick<StoredDispatchRule, 'categoryKind' | 'categoryCode'>;

function rule(id: string, unitId: string, o: RuleFields, at: Date): StoredDispatchRule {
  return {
    id,
    districtCode: null,
    regionLevel: null,
    regionCode: null,
    loopLevel: null,
    unitId,
    autoDispatch: false,
    priority: 0,
    active: true,
    note: '演示规则 demo rule',
    createdBy: SYSTEM_USER_ID,
    createdAt: at,
    deactivatedBy: null,
    deactivatedAt: null,
    ...o,
  };
}

/** The demo city's rules, derived from the units it has (pure). */
export function demoDispatchRules(units: readonly Unit[], at: Date): StoredDispatchRule[] {
  const ids = new Set(units.map((u) => u.id));
  const out: StoredDispatchRule[] = [];
  const districts = [
    ...new Set(units.filter((u) => u.kind === 'district_bureau').map((u) => u.districtCode)),
  ].sort();
  for (const d of districts) {
    for (const s of BIG_CLASSES) {
      const unitId = `u-${d}-${s.bureau}`;
      if (!ids.has(unitId)) continue;
      const what = s.code === '*' ? 'any' : s.code;
      out.push(
        rule(
          `demo-${d}-${s.kind}-${what}`,
          unitId,
          {
            districtCode: d,
            categoryKind: s.kind,
            categoryCode: s.code,
            autoDispatch: s.auto ?? false,
          },
          at,
        ),
      );
    }
  }
  for (const c of UTILITY_COVERS) {
    const unit = units.find((u) => u.kind === 'utility' && u.id.endsWith(`-${c.utility}`));
    if (!unit) continue;
    for (const kind of ['component', 'event'] as const) {
      out.push(
        rule(
          `demo-city-${kind}-${c.code}`,
          unit.id,
          {
            categoryKind: kind,
            categoryCode: c.code,
            autoDispatch: c.auto,
          },
          at,
        ),
      );
    }
  }
  for (const u of units) {
    if (u.kind !== 'community_station') continue;
    out.push(
      rule(
        `demo-${u.regionCode}-event-${COMMUNITY_BIG_CLASS}`,
        u.id,
        {
          districtCode: u.districtCode,
          categoryKind: 'event',
          categoryCode: COMMUNITY_BIG_CLASS,
          regionLevel: 'community',
          regionCode: u.regionCode,
        },
        at,
      ),
    );
  }
  return out;
}

/**
 * Writes the demo city's dispatch rules once (fixed ids, existing ones kept): per district big
 * class → district bureau, utilities' covers → the utility, street-order events in a community →
 * its workstation. Returns how many were added.
 */
export async function ensureDemoDispatchRules(tx: Queryable, at: Date): Promise<number> {
  let added = 0;
  for (const r of demoDispatchRules(await listUnits(tx, {}), at)) {
    if (await insertDispatchRule(tx, r)) added++;
  }
  return added;
}
