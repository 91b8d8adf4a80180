import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  ROLES,
  canAct,
  capabilitiesOf,
  mayDo,
  mayReadPersonal,
  mayReadPhoneOf,
  mayReadReporterPhone,
} from './index.ts';
import type { Capability, Principal, Role } from './index.ts';
import {
  CASE_ACTION_KINDS,
  TRANSITIONS,
  capabilityForCaseAction,
  isUserRole,
} from '../cases/index.ts';

// The expected matrix written out as data, role by role (Y = allowed). Columns follow CAPABILITIES.
const COLUMNS: readonly Capability[] = [
  'case.read',
  'case.report',
  'case.verify',
  'case.file',
  'case.dispatch',
  'case.handle',
  'case.approve',
  'case.recheck',
  'case.close',
  'case.evaluate',
  'case.request_cancel',
  'case.cancel',
  'case.merge',
  'case.urge',
  'case.self_handle',
  'case.spot_check',
  'file.upload',
  'indicator.read',
  'report.export',
  'cockpit.read',
  'catalogue.write',
  'dispatch_rule.write',
  'calendar.write',
  'grid.import',
  'unit.write',
  'user.admin',
  'audit.read',
  'api_key.admin',
  'base_data.personal',
  'whistle.read',
  'whistle.blow',
  'whistle.report',
  'patrol.record',
];
// prettier-ignore
const MATRIX: Record<Role, string> = {
  //                     rd  rep ver fil dis han app rec clo eva rqc can mer urg slf spt upl ind exp ckp cat rul cal grd unt usr aud key per wrd wbl wrp ptr
  supervisor:           'Y   Y   Y   .   .   .   .   Y   .   .   Y   .   .   .   Y   .   Y   .   .   .   .   .   .   .   .   .   .   .   Y   .   .   .   Y',
  city_supervisor:      'Y   Y   Y   .   .   .   .   Y   .   .   Y   .   .   .   Y   Y   Y   .   .   .   .   .   .   .   .   .   .   .   Y   .   .   .   Y',
  acceptance_operator:  'Y   Y   .   Y   .   .   .   .   Y   Y   .   Y   Y   .   .   .   Y   Y   .   Y   .   .   .   .   .   .   .   .   Y   .   .   .   .',
  dispatcher:           'Y   .   .   .   Y   .   Y   .   .   .   Y   .   .   .   .   .   .   Y   .   Y   .   .   .   .   .   .   .   .   Y   Y   Y   .   .',
  unit_handler:         'Y   .   .   .   .   Y   .   .   .   .   .   .   .   .   .   .   Y   Y   Y   .   .   .   .   .   .   .   .   .   .   Y   .   Y   .',
  commander:            'Y   .   .   .   .   .   .   .   .   .   .   .   .   Y   .   .   .   Y   Y   Y   .   Y   .   .   .   .   .   .   Y   Y   Y   .   .',
  hotline_agent:        'Y   Y   .   .   Y   .   .   .   .   Y   Y   .   .   .   .   .   Y   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .   .',
  admin:                'Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y',
};

const cases = ROLES.flatMap((role) => {
  const marks = MATRIX[role].split(/\s+/);
  return COLUMNS.map((capability, i) => ({ role, capability, expected: marks[i] === 'Y' }));
});

describe('the role → capability matrix', () => {
  it('lists every capability exactly once in the expected table', () => {
    expect([...COLUMNS].sort()).toEqual([...CAPABILITIES].sort());
    for (const role of ROLES) expect(MATRIX[role].split(/\s+/)).toHaveLength(COLUMNS.length);
  });

  it.each(cases)('$role may $capability: $expected', ({ role, capability, expected }) => {
    expect(mayDo(role, capability)).toBe(expected);
  });

  it('lists a role’s capabilities in the order of the capability list', () => {
    expect(capabilitiesOf('unit_handler')).toEqual([
      'case.read',
      'case.handle',
      'file.upload',
      'indicator.read',
      'report.export',
      'whistle.read',
      'whistle.report',
    ]);
  });
});

describe('reporter phone numbers', () => {
  it.each([
    ['supervisor', false],
    ['city_supervisor', false],
    ['acceptance_operator', true],
    ['dispatcher', true],
    ['unit_handler', false],
    ['commander', true],
    ['hotline_agent', true],
    ['admin', true],
  ] as const)('%s reads the full number: %s', (role, expected) => {
    expect(mayReadReporterPhone(role)).toBe(expected);
  });
});

describe('the case capabilities and the workflow table', () => {
  it('name a capability for every workflow action', () => {
    for (const kind of CASE_ACTION_KINDS) expect(capabilityForCaseAction(kind)).toBeDefined();
  });

  it.each(TRANSITIONS.map((t) => ({ ...t, capability: capabilityForCaseAction(t.action) })))(
    'let every role of the row $from → $action pass the $capability gate',
    ({ roles, capability }) => {
      for (const role of roles.filter(isUserRole)) expect(mayDo(role, capability!)).toBe(true);
    },
  );

  it('grant a case capability only to roles that some workflow row admits', () => {
    const CASE_ONLY = CAPABILITIES.filter((c) => c.startsWith('case.') && c !== 'case.read');
    for (const capability of CASE_ONLY) {
      const rowRoles = new Set(
        TRANSITIONS.filter((t) => capabilityForCaseAction(t.action) === capability).flatMap(
          (t) => t.roles,
        ),
      );
      const granted = ROLES.filter((r) => r !== 'admin' && mayDo(r, capability));
      expect({ capability, roles: granted }).toEqual({
        capability,
        roles: granted.filter((r) => rowRoles.has(r)),
      });
    }
  });
});

describe('the access matrix: every role × every capability × own or other region', () => {
  // Who reaches a resource outside their own district (or, for units, a case not sent to them).
  const REACHES_OTHER_REGION: Record<Role, boolean> = {
    supervisor: false,
    city_supervisor: true, // city staff, code 530100
    acceptance_operator: false,
    dispatcher: false,
    unit_handler: false,
    commander: true, // city staff, code 530100
    hotline_agent: true, // the city's hotline, code 530100
    admin: true,
  };
  const CITY_ROLES: readonly Role[] = ['city_supervisor', 'commander', 'hotline_agent', 'admin'];
  const principal = (role: Role): Principal => {
    const district = CITY_ROLES.includes(role) ? '530100' : '530102';
    return {
      userId: `u-${role}`,
      username: role,
      displayName: role,
      role,
      districtCode: district,
      unitId: role === 'unit_handler' ? 'unit-own' : undefined,
      regionScope: [district],
    };
  };
  const own = { districtCode: '530102', regionCodes: ['530102001'], unitIds: ['unit-own'] };
  const other = { districtCode: '530103', regionCodes: ['530103004'], unitIds: ['unit-other'] };
  const rows = cases.flatMap(({ role, capability, expected }) => [
    { role, capability, region: 'own', resource: own, expected },
    {
      role,
      capability,
      region: 'other   .',
      resource: other,
      expected: expected && REACHES_OTHER_REGION[role],
    },
  ]);

  it.each(rows)(
    '$role $capability in the $region region: $expected',
    ({ role, capability, resource, expected }) => {
      expect(canAct(principal(role), capability, resource)).toBe(expected);
    },
  );
});

describe('storefront operators’ phones', () => {
  it.each([
    ['supervisor', false],
    ['city_supervisor', false],
    ['acceptance_operator', true],
    ['dispatcher', true],
    ['unit_handler', false],
    ['commander', true],
    ['hotline_agent', false],
    ['admin', true],
  ] as const)('%s reads them in full: %s', (role, expected) => {
    expect(mayReadPersonal(role, 'operator_phone')).toBe(expected);
  });
});

describe('reporters’ phones by the channel they came in by', () => {
  it.each([
    ['supervisor', false, false],
    ['city_supervisor', false, false],
    ['acceptance_operator', true, true],
    ['dispatcher', true, false],
    ['unit_handler', false, false],
    ['commander', true, false],
    ['hotline_agent', true, true],
    ['admin', true, true],
  ] as const)(
    '%s reads a public reporter’s in full: %s; a 12345/12319 caller’s: %s',
    (role, reporter, caller) => {
      expect(mayReadPhoneOf(role, 'public_web')).toBe(reporter);
      expect(mayReadPhoneOf(role, 'hotline_12345')).toBe(caller);
      expect(mayReadPhoneOf(role, 'hotline_12319')).toBe(caller);
    },
  );
});
