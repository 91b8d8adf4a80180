import type { UnitRow } from '../base-data/index.ts';
import { hashUnit } from './random.ts';
import { CITY, DISTRICTS } from './names.ts';

/** City departments (市级部门) by key; each district has a bureau for the first five. */
export const DEPARTMENTS = [
  { key: 'cgj', zh: '城市管理局', en: 'City Management Bureau' },
  { key: 'zjj', zh: '住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau' },
  { key: 'yl', zh: '园林绿化局', en: 'Landscaping Bureau' },
  { key: 'sw', zh: '水务局', en: 'Water Affairs Bureau' },
  { key: 'jt', zh: '交通运输局', en: 'Transport Bureau' },
  { key: 'sthj', zh: '生态环境局', en: 'Ecology and Environment Bureau' },
  { key: 'scjg', zh: '市场监督管理局', en: 'Market Regulation Administration' },
] as const;
export type DepartmentKey = (typeof DEPARTMENTS)[number]['key'];
const DISTRICT_BUREAUS: readonly DepartmentKey[] = ['cgj', 'zjj', 'yl', 'sw', 'jt'];

export const UTILITIES = [
  { key: 'power', zh: '昆明供电局', en: 'Kunming Power Supply Bureau' },
  { key: 'water', zh: '昆明市自来水公司', en: 'Kunming Water Supply Company' },
  { key: 'gas', zh: '昆明市燃气公司', en: 'Kunming Gas Company' },
  { key: 'telecom', zh: '昆明市通信公司', en: 'Kunming Telecommunications Company' },
] as const;
export type UtilityKey = (typeof UTILITIES)[number]['key'];

export const unitId = {
  command: (region: string): string => `u-${region}-cc`,
  department: (region: string, key: DepartmentKey): string => `u-${region}-${key}`,
  utility: (key: UtilityKey): string => `u-${CITY.code}-${key}`,
  region: (region: string): string => `u-${region}`,
};

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A well-formed 统一社会信用代码 (GB 32100-2015): authority + type, 6-digit division, 9-character
 * organisation code (GB 11714, with its check), and the check character. Made up from `salt`.
 */
export function creditCode(kind: 'agency' | 'enterprise', division: string, salt: number): string {
  const body = Array.from({ length: 8 }, (_, i) =>
    String(Math.floor(hashUnit(salt, i, 77) * 10)),
  ).join('');
  const orgSum = body.split('').reduce((s, c, i) => s + Number(c) * (ORG_WEIGHTS[i] ?? 0), 0);
  const orgCheck = 11 - (orgSum % 11);
  const org = body + (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck));
  const head = (kind === 'agency' ? '11' : '91') + division + org;
  const sum = head
    .split('')
    .reduce((s, c, i) => s + CREDIT_CHARS.indexOf(c) * (CREDIT_WEIGHTS[i] ?? 0), 0);
  return head + (CREDIT_CHARS[(31 - (sum % 31)) % 31] ?? '0');
}

type Unit = Omit<UnitRow, 'active' | 'creditCode'> & { creditKind?: 'agency' | 'enterprise' };

function finish(units: readonly Unit[], seed: number): UnitRow[] {
  return units.map((u, i) => {
    const { creditKind, ...row } = u;
    const division = u.districtCode;
    return {
      ...row,
      creditCode: creditCode(creditKind ?? 'agency', division, seed * 7919 + i),
      active: true,
    };
  });
}

/**
 * The four-level network (四级网络): city command centre and departments, utilities, and per district a
 * command centre and bureaus, a handling centre per street and a workstation per community.
 */
export function generateUnits(
  regions: readonly {
    code: string;
    level: string;
    parentCode: string | null;
    districtCode: string;
    nameZh: string;
  }[],
  seed: number,
): UnitRow[] {
  const city = CITY.code;
  const units: Unit[] = [
    {
      id: unitId.command(city),
      parentId: null,
      districtCode: city,
      regionCode: city,
      kind: 'command_centre',
      nameZh: `${CITY.nameZh}网格化综合监督指挥中心`,
      nameEn: 'Kunming Grid Management Command Centre',
    },
    ...DEPARTMENTS.map((d): Unit => ({
      id: unitId.department(city, d.key),
      parentId: null,
      districtCode: city,
      regionCode: city,
      kind: 'city_department',
      nameZh: `${CITY.nameZh}${d.zh}`,
      nameEn: `Kunming ${d.en}`,
    })),
    ...UTILITIES.map((u): Unit => ({
      id: unitId.utility(u.key),
      parentId: null,
      districtCode: city,
      regionCode: city,
      kind: 'utility',
      nameZh: u.zh,
      nameEn: u.en,
      creditKind: 'enterprise',
    })),
  ];
  for (const d of DISTRICTS) {
    units.push({
      id: unitId.command(d.code),
      parentId: unitId.command(city),
      districtCode: d.code,
      regionCode: d.code,
      kind: 'command_centre',
      nameZh: `${d.nameZh}网格化综合监督指挥中心`,
      nameEn: `${d.nameEn} District Grid Management Command Centre`,
    });
    for (const key of DISTRICT_BUREAUS) {
      const dept = DEPARTMENTS.find((x) => x.key === key);
      units.push({
        id: unitId.department(d.code, key),
        parentId: unitId.department(city, key),
        districtCode: d.code,
        regionCode: d.code,
        kind: 'district_bureau',
        nameZh: `${d.nameZh}${dept?.zh ?? ''}`,
        nameEn: `${d.nameEn} District ${dept?.en ?? ''}`,
      });
    }
  }
  for (const r of regions) {
    if (r.level === 'street')
      units.push({
        id: unitId.region(r.code),
        parentId: unitId.command(r.districtCode),
        districtCode: r.districtCode,
        regionCode: r.code,
        kind: 'street_centre',
        nameZh: `${r.nameZh}处置中心`,
        nameEn: null,
      });
    else if (r.level === 'community' && r.parentCode !== null)
      units.push({
        id: unitId.region(r.code),
        parentId: unitId.region(r.parentCode),
        districtCode: r.districtCode,
        regionCode: r.code,
        kind: 'community_station',
        nameZh: `${r.nameZh}工作站`,
        nameEn: null,
      });
  }
  return finish(units, seed);
}
