import { describe, expect, it } from 'vitest';
import { validateNewUser } from '../access/index.ts';
import type { LinearRing, MultiPolygonGeometry, Position } from '../base-data/index.ts';
import {
  CITY,
  DEMO_ROLES_BY_LEVEL,
  DISTRICTS,
  generateCity,
  handlerUsername,
  type ComponentCategory,
  type DemoCity,
} from './index.ts';

const CATEGORIES: ComponentCategory[] = [
  { code: '01001', nameZh: '供水井盖' },
  { code: '01037', nameZh: '路灯' },
  { code: '02010', nameZh: '交通标志牌及标线' },
  { code: '03005', nameZh: '垃圾箱' },
  { code: '04002', nameZh: '行道树' },
  { code: '05009', nameZh: '文物古迹' },
];

function city(
  over: Parameters<typeof generateCity>[0] extends infer P ? Partial<P> : never = {},
): DemoCity {
  const r = generateCity({ seed: 7, components: 2000, categories: CATEGORIES, ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** FNV-1a over the JSON of everything the city holds, components included. */
function fingerprint(c: DemoCity): string {
  const text = JSON.stringify([
    c.regions,
    c.grids,
    c.units,
    c.staff,
    c.assignments,
    c.storefronts,
    c.users,
    [...c.components()],
  ]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

const ringArea = (ring: LinearRing): number => {
  let a = 0;
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1]!;
    const [x1, y1] = ring[i]!;
    a += x0 * y1 - x1 * y0;
  }
  return a / 2;
};
const area = (g: MultiPolygonGeometry): number =>
  g.coordinates.reduce((s, p) => s + ringArea(p[0]!), 0);

function inRing(ring: LinearRing, [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('demo city generator', () => {
  it('gives the same city for the same seed and a different one for another seed', () => {
    expect(fingerprint(city())).toBe(fingerprint(city()));
    expect(fingerprint(city({ seed: 8 }))).not.toBe(fingerprint(city()));
  });

  it.each([1272, 5, 331, 4999])('produces exactly %i grids', (grids) => {
    expect(city({ grids, components: 0 }).grids).toHaveLength(grids);
  });

  it('lays out the five main-city districts of Kunming with their GB/T 2260 codes, their 54 official 街道 and 330 synthetic communities', () => {
    const c = city();
    const at = (level: string) => c.regions.filter((r) => r.level === level);
    expect(at('city').map((r) => [r.code, r.nameZh])).toEqual([['530100', '昆明市']]);
    expect(at('district').map((r) => `${r.code} ${r.nameZh}`)).toEqual([
      '530102 五华区',
      '530103 盘龙区',
      '530111 官渡区',
      '530112 西山区',
      '530114 呈贡区',
    ]);
    expect(at('street')).toHaveLength(54);
    expect(at('community')).toHaveLength(330);
    expect(new Set(at('community').map((r) => r.nameZh)).size).toBe(330);
  });

  it('codes every region, grid and component as cumulative prefixes of the right length', () => {
    const c = city();
    const parent = new Map(c.regions.map((r) => [r.code, r.parentCode]));
    for (const r of c.regions.filter((x) => x.level === 'street' || x.level === 'community')) {
      expect(r.code).toMatch(r.level === 'street' ? /^\d{9}$/ : /^\d{12}$/);
      expect(r.code.startsWith(r.parentCode!)).toBe(true);
    }
    for (const g of c.grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.slice(0, 12)).toBe(g.communityCode);
      expect(parent.get(g.communityCode)).toBe(g.streetCode);
    }
    const codes = new Set<string>();
    for (const k of c.components()) {
      expect(k.code).toMatch(/^\d{17}$/);
      expect(k.code.slice(0, 11)).toBe(k.districtCode + k.categoryCode);
      codes.add(k.code);
    }
    expect(codes.size).toBe(2000);
  });

  it('tiles each community with its grids and each region with its children, area for area', () => {
    const c = city();
    const sums = new Map<string, number>();
    for (const g of c.grids)
      sums.set(g.communityCode, (sums.get(g.communityCode) ?? 0) + area(g.geom));
    for (const r of c.regions)
      if (r.parentCode) sums.set(r.parentCode, (sums.get(r.parentCode) ?? 0) + area(r.geom!));
    for (const r of c.regions) {
      const expected = area(r.geom!);
      expect(Math.abs((sums.get(r.code) ?? 0) - expected) / expected).toBeLessThan(1e-9);
    }
  });

  it('places every component strictly inside the grid it names', () => {
    const c = city();
    const ring = new Map(c.grids.map((g) => [g.code, g.geom.coordinates[0]![0]!]));
    for (const k of c.components())
      expect(inRing(ring.get(k.gridCode)!, k.geom.coordinates)).toBe(true);
  });

  it('keeps the grids unchanged when only the number of components changes', () => {
    expect(city({ components: 10 }).grids).toEqual(city({ components: 3000 }).grids);
  });

  it('staffs every grid with exactly one grid head and draws storefronts with a positive frontage', () => {
    const c = city();
    const heads = c.assignments.filter((a) => a.duty === 'grid_head');
    expect(new Set(heads.map((a) => a.gridCode)).size).toBe(c.grids.length);
    expect(heads).toHaveLength(c.grids.length);
    expect(c.storefronts).toHaveLength(2 * 1272);
    expect(c.storefronts.every((s) => s.frontageM > 0 && s.frontage.coordinates.length >= 2)).toBe(
      true,
    );
  });

  it('describes a login for every role of every centre and a handler for every unit', () => {
    const c = city();
    const names = c.users.map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
    for (const u of c.users) {
      const valid = validateNewUser({ ...u, password: 'gridloop-demo' });
      expect(valid.ok, u.username).toBe(true);
    }
    const centres = [CITY.code, ...DISTRICTS.map((d) => d.code)];
    for (const code of centres) {
      const roles = DEMO_ROLES_BY_LEVEL[code === CITY.code ? 'city' : 'district'];
      for (const role of roles)
        expect(c.users.some((u) => u.role === role && u.districtCode === code)).toBe(true);
    }
    for (const unit of c.units) {
      expect(c.users.find((u) => u.username === handlerUsername(unit.id))).toMatchObject({
        role: 'unit_handler',
        unitId: unit.id,
        districtCode: unit.districtCode,
      });
    }
  });

  it.each([
    [{ grids: 3 }, 'grids'],
    [{ seed: -1 }, 'seed'],
    [{ components: 1.5 }, 'components'],
    [{ grids: 2000, communities: 2 }, 'communities'],
    [{ grids: 6000, communities: 54 * 99 + 1 }, 'communities'],
  ])('refuses impossible parameters %j', (over, param) => {
    const r = generateCity({ categories: CATEGORIES, ...over });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'demo.invalid_params', details: { param } },
    });
  });
});
