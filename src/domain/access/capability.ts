import type { Role } from './role.ts';

/**
 * What an API caller may do, independent of region. Routes check one capability each
 * (`requireCapability`); region scope is checked separately (`canSee` / `canAct`).
 * The case workflow's transition table (domain/cases) still decides which roles may take
 * each transition; this table is the coarse gate in front of it.
 */
export const CAPABILITIES = [
  'case.read', // see cases and their history in one's scope
  'case.report', // 上报 / 登记: create a case from any channel
  'case.request_check', // 信息收集 / 核查派发: send verify or re-check tasks to supervisors
  'case.verify', // 核实: report the on-site verification result
  'case.file', // 立案 / 不予立案
  'case.dispatch', // 派遣 / 重新派遣
  'case.handle', // accept, send back (回退), feed back (反馈), apply for extension or hold
  'case.approve', // approve send-back, extension (延期), hold (挂账) and resume
  'case.recheck', // 核查: report the re-check result
  'case.close', // 结案 / 返工
  'case.cancel', // 作废
  'case.merge', // merge duplicates
  'case.urge', // 督办
  'case.self_handle', // 自行处置: report and close on the spot
  'case.spot_check', // 抽查: the city reopens a district closure
  'case.callback', // 回访: hotline satisfaction call-back
  'file.upload', // photos and attachments
  'indicator.read', // assessment figures
  'report.export', // assessment reports as xlsx
  'catalogue.write', // categories, filing criteria, time limits
  'dispatch_rule.write', // 以案定责 rules
  'calendar.write', // holidays and make-up working days
  'grid.import', // regions, grids, components
  'unit.write', // units
  'user.admin', // users and roles
  'audit.read', // the audit log
] as const;

export type Capability = (typeof CAPABILITIES)[number];

const CASE_STAFF = ['acceptance_operator', 'dispatcher', 'commander'] as const;
const FIELD = ['supervisor', 'city_supervisor'] as const;

/**
 * Role → capability, as one table (capability-major). Admin may do everything, as the system
 * administrator of a platform run by the centre itself.
 */
const GRANTS: Readonly<Record<Capability, readonly Role[]>> = {
  'case.read': [...FIELD, ...CASE_STAFF, 'unit_handler', 'hotline_agent'],
  'case.report': [...FIELD, 'acceptance_operator', 'hotline_agent'],
  'case.request_check': ['acceptance_operator', 'commander'],
  'case.verify': [...FIELD],
  'case.file': ['acceptance_operator', 'commander'],
  'case.dispatch': ['dispatcher', 'commander'],
  'case.handle': ['unit_handler'],
  'case.approve': ['dispatcher', 'commander'],
  'case.recheck': [...FIELD],
  'case.close': ['acceptance_operator', 'commander'],
  'case.cancel': ['commander'],
  'case.merge': [...CASE_STAFF],
  'case.urge': ['commander'],
  'case.self_handle': [...FIELD],
  'case.spot_check': ['city_supervisor', 'commander'],
  'case.callback': ['hotline_agent', 'acceptance_operator'],
  'file.upload': [...FIELD, 'acceptance_operator', 'unit_handler', 'hotline_agent'],
  'indicator.read': [...CASE_STAFF],
  'report.export': ['commander'],
  'catalogue.write': [],
  'dispatch_rule.write': ['commander'],
  'calendar.write': [],
  'grid.import': [],
  'unit.write': [],
  'user.admin': [],
  'audit.read': [],
};

/** True when the role may use the capability (region scope is checked separately). */
export function mayDo(role: Role, capability: Capability): boolean {
  return role === 'admin' || GRANTS[capability].includes(role);
}

/** The capabilities of one role, in the order of CAPABILITIES (for `GET /auth/me`). */
export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((c) => mayDo(role, c));
}

/**
 * Reporter phone numbers are personal data: only the roles that call reporters back or
 * coordinate the case read them in full; everyone else sees them masked.
 */
export function mayReadReporterPhone(role: Role): boolean {
  switch (role) {
    case 'acceptance_operator':
    case 'hotline_agent':
    case 'dispatcher':
    case 'commander':
    case 'admin':
      return true;
    case 'supervisor':
    case 'city_supervisor':
    case 'unit_handler':
      return false;
  }
}
