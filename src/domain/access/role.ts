/**
 * The roles of a grid management centre (standards.md §5.1, issue #3 §7). Defined once here;
 * the case workflow (domain/cases) imports this union.
 */
export const ROLES = [
  'supervisor', // 网格监督员: patrols, reports, verifies on site, re-checks
  'city_supervisor', // 市级监督员: city-level patrol and spot checks of district closures
  'acceptance_operator', // 受理员: registers reports, sends verify/re-check tasks, files, closes
  'dispatcher', // 派遣员: dispatches to units, approves send-back, extension, hold
  'unit_handler', // 处置单位人员: accepts, handles and feeds back cases sent to the unit
  'commander', // 值班长 / 指挥长: files, closes, approves cancellation, urges, coordinates
  'hotline_agent', // 热线坐席 (12319 / 12345): registers calls, calls back
  'admin', // 系统管理员: users, catalogue, grids, rules
] as const;

export type Role = (typeof ROLES)[number];

/** True when the string names one of the roles. */
export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/**
 * The level of a region code (GB/T 2260 + local): a prefecture-level city's own code ends in 00
 * (530100), a district has 6 digits, a street 9, a community 12. Anything else is no region.
 */
export type RegionLevel = 'city' | 'district' | 'street' | 'community';

export function regionLevelOf(code: string): RegionLevel | null {
  if (/^[0-9]{4}00$/.test(code)) return 'city';
  if (/^[0-9]{6}$/.test(code)) return 'district';
  if (/^[0-9]{9}$/.test(code)) return 'street';
  if (/^[0-9]{12}$/.test(code)) return 'community';
  return null;
}

/**
 * The levels a role's home region (the user's `districtCode`) may sit at: city-centre roles
 * only at the city, grid supervisors only in a district (their street or community is their
 * region scope), the centre's desk roles and units at either level. A pair outside this table
 * is refused when a user is created and when one signs in, so a role never acts at a level it
 * does not belong to (a 市级监督员 with a district code would spot-check every district).
 */
export const ROLE_LEVELS: Readonly<Record<Role, readonly ('city' | 'district')[]>> = {
  supervisor: ['district'],
  city_supervisor: ['city'],
  acceptance_operator: ['city', 'district'],
  dispatcher: ['city', 'district'],
  unit_handler: ['city', 'district'],
  commander: ['city', 'district'],
  hotline_agent: ['city', 'district'],
  admin: ['city'],
};

/** True when a user of this role may have this home region code. */
export function roleFitsHome(role: Role, homeCode: string): boolean {
  const level = regionLevelOf(homeCode);
  return (level === 'city' || level === 'district') && ROLE_LEVELS[role].includes(level);
}
