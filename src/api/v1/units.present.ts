import type { Unit, UnitNode } from '../../domain/units/index.ts';

export type PresentedUnit = ReturnType<typeof presentUnit>;
export type PresentedUnitNode = PresentedUnit & { children: PresentedUnitNode[] };

export const presentUnit = (u: Unit) => ({
  id: u.id,
  parentId: u.parentId,
  districtCode: u.districtCode,
  regionCode: u.regionCode,
  kind: u.kind,
  name: { zh: u.nameZh, en: u.nameEn },
  creditCode: u.creditCode,
  active: u.active,
});

export const presentUnitNode = (n: UnitNode): PresentedUnitNode => ({
  ...presentUnit(n),
  children: n.children.map(presentUnitNode),
});
