import type { Role } from './role.ts';

/**
 * What an API caller may do, independent of region. Routes check one capability each
 * (`requireCapability`); region scope is checked separately (`canSee` / `canAct`).
 * The case workflow's transition table (domain/cases) still decides which roles may take
 * each transition; this table is the coarse gate in front of it. Which capability gates which
 * workflow action is part of that action's declaration (domain/cases declarations.ts).
 */
export const CAPABILITIES = [
  'case.read', // see cases and their history in one's scope
  'case.report', // 上报 / 登记: open a case from any channel
  'case.verify', // 核实: report the on-site verification result
  'case.file', // 立案 / 不予立案
  'case.dispatch', // 派遣, 先行处置, 协同 units, 定责
  'case.handle', // 签收, 回退, 反馈; apply for extension or hold
  'case.approve', // approve or reject extension (延期) and hold (挂账); resume
  'case.recheck', // 核查: pass, or rework (返工)
  'case.close', // 结案
  'case.evaluate', // 评价 / 回访: the satisfaction call-back
  'case.request_cancel', // ask for 作废
  'case.cancel', // approve or reject 作废
  'case.merge', // merge duplicates
  'case.urge', // 督办
  'case.self_handle', // 自行处置: report and close on the spot
  'case.spot_check', // 抽查: the city passes or reopens a district closure
  'file.upload', // photos and attachments
  'indicator.read', // assessment figures
  'report.export', // assessment reports as xlsx
  'cockpit.read', // 数字驾驶舱: live counts, trends and hot spots of one's region
  'catalogue.write', // categories, filing criteria, time limits
  'dispatch_rule.write', // 以案定责 rules
  'calendar.write', // holidays and make-up working days
  'grid.import', // regions, grids, components
  'unit.write', // units
  'user.admin', // users and roles
  'audit.read', // the audit log
  'api_key.admin', // API keys of client systems (Open311 clients)
  'base_data.personal', // base data that names people: storefront operators and their phones
  'whistle.read', // 吹哨报到: see the whistles of one's region, or those summoning one's unit
  'whistle.blow', // 吹哨 and 吹哨结束: a community, street or district summons departments
  'whistle.report', // 报到: a summoned unit responds, arrives and feeds back
  'patrol.record', // 巡查轨迹: upload one's own patrol track and read its coverage
] as const;

export type Capability = (typeof CAPABILITIES)[number];

const FIELD = ['supervisor', 'city_supervisor'] as const;

/**
 * Role → capability, as one table (capability-major). The case capabilities mirror the roles of
 * the workflow table in domain/cases (a test keeps them in step; 值班长 duties sit with the
 * acceptance operator there). Admin may do everything.
 */
const GRANTS: Readonly<Record<Capability, readonly Role[]>> = {
  'case.read': [
    ...FIELD,
    'acceptance_operator',
    'dispatcher',
    'unit_handler',
    'commander',
    'hotline_agent',
  ],
  'case.report': [...FIELD, 'acceptance_operator', 'hotline_agent'],
  'case.verify': [...FIELD],
  'case.file': ['acceptance_operator'],
  'case.dispatch': ['dispatcher', 'hotline_agent'],
  'case.handle': ['unit_handler'],
  'case.approve': ['dispatcher'],
  'case.recheck': [...FIELD],
  'case.close': ['acceptance_operator'],
  'case.evaluate': ['acceptance_operator', 'hotline_agent'],
  'case.request_cancel': [...FIELD, 'dispatcher', 'hotline_agent'],
  'case.cancel': ['acceptance_operator'],
  'case.merge': ['acceptance_operator'],
  'case.urge': ['commander'],
  'case.self_handle': [...FIELD],
  'case.spot_check': ['city_supervisor'],
  'file.upload': [...FIELD, 'acceptance_operator', 'unit_handler', 'hotline_agent'],
  // a unit reads and exports only its own figures (services/indicators decides the scope)
  'indicator.read': ['acceptance_operator', 'dispatcher', 'commander', 'unit_handler'],
  'report.export': ['commander', 'unit_handler'],
  // Leaders and the centre's desks watch the cockpit; units and field staff work from queues.
  'cockpit.read': ['commander', 'dispatcher', 'acceptance_operator'],
  'catalogue.write': [],
  'dispatch_rule.write': ['commander'],
  'calendar.write': [],
  'grid.import': [],
  'unit.write': [],
  'user.admin': [],
  'audit.read': [],
  'api_key.admin': [],
  'base_data.personal': [...FIELD, 'acceptance_operator', 'dispatcher', 'commander'],
  // Street and community centres are staffed by dispatchers and commanders with a street or
  // community region scope (domain/whistle levels.ts says who whistles at which level).
  'whistle.read': ['dispatcher', 'unit_handler', 'commander'],
  'whistle.blow': ['dispatcher', 'commander'],
  'whistle.report': ['unit_handler'],
  // Field staff record their own track; the centre reads any supervisor's coverage with
  // indicator.read (services/patrol).
  'patrol.record': [...FIELD],
};

/** True when the role may use the capability (region scope is checked separately). */
export function mayDo(role: Role, capability: Capability): boolean {
  return role === 'admin' || GRANTS[capability].includes(role);
}

/** The capabilities of one role, in the order of CAPABILITIES (for `GET /auth/me`). */
export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((c) => mayDo(role, c));
}

/** Personal data fields the presenters show in full or masked (e.g. 138****1234). */
export type PersonalField = 'reporter_phone' | 'caller_phone' | 'reporter_email' | 'operator_phone';

/**
 * Who reads each personal field in full (one table, issue #8 §2): reporter phones go to the
 * roles that call reporters back or coordinate the case; storefront operators' phones to the
 * roles that dispatch to them or file against them. Everyone else sees them masked.
 */
const PERSONAL: Readonly<Record<PersonalField, readonly Role[]>> = {
  reporter_phone: ['acceptance_operator', 'hotline_agent', 'dispatcher', 'commander'],
  // A 12345/12319 caller's phone is the hotline's (接诉即办): its agents, and the centre's
  // acceptance operators who answer the 12319 line and verify; units, dispatchers and leaders
  // reach the caller through the hotline's call-back, so they see it masked.
  caller_phone: ['hotline_agent', 'acceptance_operator'],
  // An Open311 reporter's e-mail, like a caller's phone: the centre's desk that answers the
  // public (acceptance, hotline) writes back; everyone else sees it masked (w***@example.org).
  reporter_email: ['hotline_agent', 'acceptance_operator'],
  operator_phone: ['acceptance_operator', 'dispatcher', 'commander'],
};

/** True when the role reads the personal field in full; presenters mask it otherwise. */
export function mayReadPersonal(role: Role, field: PersonalField): boolean {
  return role === 'admin' || PERSONAL[field].includes(role);
}

/** Reporter phone numbers in full (`mayReadPersonal(role, 'reporter_phone')`). */
export function mayReadReporterPhone(role: Role): boolean {
  return mayReadPersonal(role, 'reporter_phone');
}

/** The phone of a report that came in by `source`: a hotline caller's, or another reporter's. */
export function mayReadPhoneOf(role: Role, source: string): boolean {
  return mayReadPersonal(role, source.startsWith('hotline_') ? 'caller_phone' : 'reporter_phone');
}
