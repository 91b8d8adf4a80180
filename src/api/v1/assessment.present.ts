import type { IndicatorDef, Period } from '../../domain/indicators/index.ts';
import type { Assessment } from '../../services/indicators/assess.ts';
import type { Trace } from '../../services/indicators/trace.ts';

const presentPeriod = (p: Period) => ({ label: p.label, from: p.from, to: p.to });

export const presentIndicator = (d: IndicatorDef) => ({
  id: d.id,
  nameZh: d.name.zh,
  nameEn: d.name.en,
  kind: d.kind,
  lowerIsBetter: d.lowerIsBetter ?? false,
});

export function presentAssessment(a: Assessment) {
  return {
    district: a.districtCode,
    level: a.level,
    regionLevel: a.regionLevel,
    period: presentPeriod(a.period),
    previous: presentPeriod(a.previous),
    yearAgo: presentPeriod(a.yearAgo),
    indicators: a.indicators.map(presentIndicator),
    parties: a.parties.map((p) => ({
      partyId: p.partyId,
      name: p.name,
      composite: p.composite,
      grade: p.grade,
      rank: p.rank,
      compositeMom: p.compositeMom,
      compositeYoy: p.compositeYoy,
      values: p.indicators,
    })),
  };
}

export function presentTrace(t: Trace) {
  return {
    indicator: presentIndicator(t.indicator),
    period: presentPeriod(t.period),
    district: t.districtCode,
    party: t.party,
    sums: t.sums,
    truncated: t.truncated,
    items: t.items.map((i) => ({ ...i, at: i.at.toISOString() })),
  };
}
