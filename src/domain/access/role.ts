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
