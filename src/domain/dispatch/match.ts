import type { CategoryKind, LoopLevel } from '../cases/index.ts';
import { err, ok } from '../shared/index.ts';
import type { Result } from '../shared/index.ts';
import type { DispatchRule, RegionLevel } from './rules.ts';

/** What matching needs to know about a case (resolved at intake). */
export type DispatchFacts = {
  readonly districtCode: string;
  readonly categoryKind: CategoryKind;
  readonly categoryCode: string;
  readonly streetCode: string | null;
  readonly communityCode: string | null;
  readonly gridCode: string | null;
  readonly loopLevel: LoopLevel;
  /** Units that sent the case back (回退): passed over, and said so (`passedOver`). */
  readonly sentBackUnitIds?: readonly string[];
};

export type CategoryMatch = 'exact' | 'big_class' | 'any';
export type RegionMatch = RegionLevel | 'city';

export type RuleMatch = {
  readonly unitId: string;
  readonly rule: DispatchRule;
  readonly category: CategoryMatch;
  readonly region: RegionMatch;
  readonly loopMatched: boolean;
  /** Which fields matched, in words (以案定责 explains itself). */
  readonly reason: { readonly zh: string; readonly en: string };
};

/** A matching unit the suggestion passes over because it sent the case back, and why. */
export type PassedOver = {
  readonly unitId: string;
  readonly ruleId: string;
  readonly reason: { readonly zh: string; readonly en: string };
};

export type DispatchSuggestion = RuleMatch & {
  readonly autoDispatch: boolean;
  /** Other matching rules, best first, one per unit other than the chosen one. */
  readonly alternatives: readonly RuleMatch[];
  /** Matching units left out because they sent the case back, best first. */
  readonly passedOver: readonly PassedOver[];
};

export type NoMatchingUnit = {
  readonly code: 'dispatch.no_matching_unit';
  readonly details: { readonly facts: DispatchFacts; readonly passedOver: readonly PassedOver[] };
};

const CATEGORY_RANK: Record<CategoryMatch, number> = { exact: 2, big_class: 1, any: 0 };
const REGION_RANK: Record<RegionMatch, number> = {
  grid: 4,
  community: 3,
  street: 2,
  district: 1,
  city: 0,
};

function categoryMatch(rule: DispatchRule, f: DispatchFacts): CategoryMatch | null {
  if (rule.categoryKind !== f.categoryKind) return null;
  if (rule.categoryCode === '*') return 'any';
  if (rule.categoryCode === f.categoryCode) return 'exact';
  return f.categoryCode.startsWith(rule.categoryCode) ? 'big_class' : null;
}

function regionMatch(rule: DispatchRule, f: DispatchFacts): RegionMatch | null {
  if (rule.districtCode !== null && rule.districtCode !== f.districtCode) return null;
  if (rule.regionLevel === null) return rule.districtCode === null ? 'city' : 'district';
  return rule.regionCode !== null && regionCodeAt(f, rule.regionLevel) === rule.regionCode
    ? rule.regionLevel
    : null;
}

function regionCodeAt(f: DispatchFacts, level: RegionLevel): string | null {
  switch (level) {
    case 'district':
      return f.districtCode;
    case 'street':
      return f.streetCode;
    case 'community':
      return f.communityCode;
    case 'grid':
      return f.gridCode;
  }
}

const CATEGORY_WORDS: Record<CategoryMatch, [string, string]> = {
  exact: ['小类精确匹配', 'exact category'],
  big_class: ['大类匹配', 'big class'],
  any: ['任意类别', 'any category'],
};
const REGION_WORDS: Record<RegionMatch, [string, string]> = {
  grid: ['网格', 'grid'],
  community: ['社区', 'community'],
  street: ['街道', 'street'],
  district: ['区', 'district'],
  city: ['全市', 'city-wide'],
};

function explain(m: Omit<RuleMatch, 'reason'>): RuleMatch['reason'] {
  const r = m.rule;
  const [cz, ce] = CATEGORY_WORDS[m.category];
  const [rz, re] = REGION_WORDS[m.region];
  const where = m.region === 'city' ? '' : ` ${r.regionCode ?? r.districtCode ?? ''}`;
  const loopZh = m.loopMatched ? `；循环层级 ${r.loopLevel ?? ''} 匹配` : '';
  const loopEn = m.loopMatched ? `; loop level ${r.loopLevel ?? ''} matched` : '';
  return {
    zh: `规则 ${r.id}：${cz} ${r.categoryKind}/${r.categoryCode}；${rz}${where}${loopZh} → 单位 ${r.unitId}`,
    en: `rule ${r.id}: ${ce} ${r.categoryKind}/${r.categoryCode}; ${re}${where}${loopEn} → unit ${r.unitId}`,
  };
}

function matchRule(rule: DispatchRule, f: DispatchFacts): RuleMatch | null {
  // Category first: it turns away most rules of a district without looking further.
  const category = categoryMatch(rule, f);
  if (category === null) return null;
  const region = regionMatch(rule, f);
  if (region === null) return null;
  if (rule.loopLevel !== null && rule.loopLevel !== f.loopLevel) return null;
  const m = { unitId: rule.unitId, rule, category, region, loopMatched: rule.loopLevel !== null };
  return { ...m, reason: explain(m) };
}

// Most specific wins. The loop level picks the tier of units (市级大循环 → city departments ...), so a
// rule naming the case's loop beats one that does not; then category (exact > big class > any), then
// region (grid > community > street > district > city-wide); ties go to the higher priority, then
// the smaller id, so the choice never depends on the order rules were loaded in.
function compare(a: RuleMatch, b: RuleMatch): number {
  return (
    Number(b.loopMatched) - Number(a.loopMatched) ||
    CATEGORY_RANK[b.category] - CATEGORY_RANK[a.category] ||
    REGION_RANK[b.region] - REGION_RANK[a.region] ||
    (b.rule.priority ?? 0) - (a.rule.priority ?? 0) ||
    (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0)
  );
}

/**
 * Chooses the unit for a case from the rules (most specific wins, deterministic tie-break) and says
 * why; other matching units come back as alternatives.
 */
export function matchDispatchRule(
  rules: readonly DispatchRule[],
  facts: DispatchFacts,
): Result<DispatchSuggestion, NoMatchingUnit> {
  const all = rules.flatMap((r) => matchRule(r, facts) ?? []).sort(compare);
  // 回退: a unit that sent the case back said it is not its duty; suggesting it again would send
  // the case round in a circle. It is left out, and the suggestion says so.
  const back = new Set(facts.sentBackUnitIds ?? []);
  const passedOver = dedupe(all.filter((m) => back.has(m.unitId))).map(passOver);
  const [best, ...rest] = all.filter((m) => !back.has(m.unitId));
  if (!best) return err({ code: 'dispatch.no_matching_unit', details: { facts, passedOver } });
  const seen = new Set([best.unitId]);
  const alternatives = rest.filter((m) => !seen.has(m.unitId) && seen.add(m.unitId));
  return ok({ ...best, autoDispatch: best.rule.autoDispatch, alternatives, passedOver });
}

function dedupe(ms: readonly RuleMatch[]): RuleMatch[] {
  const seen = new Set<string>();
  return ms.filter((m) => !seen.has(m.unitId) && seen.add(m.unitId));
}

function passOver(m: RuleMatch): PassedOver {
  return {
    unitId: m.unitId,
    ruleId: m.rule.id,
    reason: {
      zh: `单位 ${m.unitId} 已回退此案件（规则 ${m.rule.id} 本会选中它），不再建议`,
      en: `unit ${m.unitId} sent this case back (rule ${m.rule.id} would choose it); not suggested again`,
    },
  };
}
