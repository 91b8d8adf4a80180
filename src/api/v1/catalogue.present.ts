import type {
  Category,
  CategoryMapping,
  CategoryScheme,
  StandardOverride,
  Text,
  UrgencyClassName,
} from '../../domain/catalogue/index.ts';
import type { CategoryDetail } from '../../services/catalogue/query-catalogue.ts';

/** Presenters choose the public fields; names are always { zh, en }. */

export const presentScheme = (s: CategoryScheme) => ({
  id: s.id,
  family: s.family,
  name: { zh: s.nameZh, en: s.nameEn },
  standard: s.standard,
  isDefault: s.isDefault,
  provenance: { source: s.source, confirmed: s.confirmed },
});

export const presentUrgencyClass = (u: UrgencyClassName) => ({
  id: u.id,
  name: { zh: u.nameZh, en: u.nameEn },
  rank: u.rank,
});

export const presentCategory = (c: Category) => ({
  scheme: c.scheme,
  kind: c.kind,
  code: c.code,
  bigCode: c.bigCode,
  bigName: { zh: c.bigNameZh, en: c.bigNameEn },
  name: { zh: c.nameZh, en: c.nameEn === '' ? null : c.nameEn },
  provenance: c.provenance,
});

export const presentMapping = (m: CategoryMapping) => ({
  legacy: m.legacy,
  current: m.current,
  basis: m.basis,
  note: m.note,
});

export const presentCategoryDetail = (d: CategoryDetail) => ({
  ...presentCategory(d.category),
  standard: d.standard,
  mapsTo: d.mapsTo ? presentMapping(d.mapsTo) : null,
  mappedFrom: d.mappedFrom.map(presentMapping),
});

export const presentOverride = (o: StandardOverride) => ({
  districtCode: o.districtCode,
  category: o.key,
  enabled: o.enabled,
  filingCriteria: o.filingCriteria,
  closingCriteria: o.closingCriteria,
  timeLimits: o.timeLimits,
  responsibleUnitKind: o.responsibleUnitKind,
  responsibleDepartment: o.responsibleDepartment,
  note: o.note,
});

/** Request text `{ zh, en? }` → domain Text. */
export const toText = (
  t: { zh: string; en?: string | null | undefined } | null | undefined,
): Text | null | undefined =>
  t === undefined ? undefined : t === null ? null : { zh: t.zh, en: t.en ?? null };
