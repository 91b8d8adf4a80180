import type { Role } from '../access/index.ts';
import { CITY, DISTRICTS } from './names.ts';
import { unitId } from './units.ts';

/** A demo login; the password is chosen by whoever creates the users. */
export type DemoUser = {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** a district's code, or the city's own code (530100) for the city centre's staff */
  readonly districtCode: string;
  readonly unitId: string;
};

/** The loop levels that have a centre with staff of their own: the city and each district. */
export type DemoLevel = 'city' | 'district';

/**
 * The roles each centre staffs (四级网络: the city centre is the hub of the big loop, each district
 * centre runs its own loop). A hotline case opens in the city loop, so the city centre has its own
 * acceptance operator and dispatcher; supervisors patrol a district, city supervisors the city.
 * Unit handlers are not here: every unit has its own (see demoUsers).
 */
export const DEMO_ROLES_BY_LEVEL: Readonly<Record<DemoLevel, readonly Role[]>> = {
  city: [
    'acceptance_operator',
    'dispatcher',
    'commander',
    'city_supervisor',
    'hotline_agent',
    'admin',
  ],
  district: ['supervisor', 'acceptance_operator', 'dispatcher', 'commander', 'hotline_agent'],
};

const ROLE_ZH: Readonly<Record<Role, string>> = {
  supervisor: '网格监督员',
  city_supervisor: '市级监督员',
  acceptance_operator: '受理员',
  dispatcher: '派遣员',
  unit_handler: '处置人员',
  commander: '值班长',
  hotline_agent: '热线坐席',
  admin: '系统管理员',
};

/** The username prefix of a centre: the city's or the district's English name in lower case. */
export const levelSlug = (districtCode: string): string =>
  (districtCode === CITY.code
    ? CITY.nameEn
    : (DISTRICTS.find((d) => d.code === districtCode)?.nameEn ?? districtCode)
  ).toLowerCase();

/** The login of a unit's handler: `handler.` and the unit id without its `u-` (handler.530114-cgj). */
export const handlerUsername = (unit: string): string => `handler.${unit.replace(/^u-/, '')}`;

function centreUser(role: Role, districtCode: string, nameZh: string): DemoUser {
  return {
    username: `${levelSlug(districtCode)}.${role}`,
    displayName: `${nameZh}${ROLE_ZH[role]}（演示）`,
    role,
    districtCode,
    unitId: unitId.command(districtCode),
  };
}

// The short logins the README names, kept so that existing scripts and habits keep working.
// District roles sit in 呈贡区 (530114), the district the sources describe in most detail.
const SHORT_DISTRICT = '530114';
const SHORT_LOGINS: readonly DemoUser[] = [
  {
    username: 'supervisor',
    displayName: '呈贡区网格监督员（演示）',
    role: 'supervisor',
    districtCode: SHORT_DISTRICT,
    unitId: unitId.command(SHORT_DISTRICT),
  },
  {
    username: 'city_supervisor',
    displayName: '市级监督员（演示）',
    role: 'city_supervisor',
    districtCode: CITY.code,
    unitId: unitId.command(CITY.code),
  },
  {
    username: 'acceptance_operator',
    displayName: '呈贡区受理员（演示）',
    role: 'acceptance_operator',
    districtCode: SHORT_DISTRICT,
    unitId: unitId.command(SHORT_DISTRICT),
  },
  {
    username: 'dispatcher',
    displayName: '呈贡区派遣员（演示）',
    role: 'dispatcher',
    districtCode: SHORT_DISTRICT,
    unitId: unitId.command(SHORT_DISTRICT),
  },
  {
    username: 'unit_handler',
    displayName: '呈贡区城市管理局处置人员（演示）',
    role: 'unit_handler',
    districtCode: SHORT_DISTRICT,
    unitId: unitId.department(SHORT_DISTRICT, 'cgj'),
  },
  {
    username: 'commander',
    displayName: '市指挥中心值班长（演示）',
    role: 'commander',
    districtCode: CITY.code,
    unitId: unitId.command(CITY.code),
  },
  {
    username: 'hotline_agent',
    displayName: '12345热线坐席（演示）',
    role: 'hotline_agent',
    districtCode: CITY.code,
    unitId: unitId.command(CITY.code),
  },
  {
    username: 'admin',
    displayName: '系统管理员（演示）',
    role: 'admin',
    districtCode: CITY.code,
    unitId: unitId.command(CITY.code),
  },
];

/** A unit as far as its handler's login needs it. */
export type DemoUnit = {
  readonly id: string;
  readonly districtCode: string;
  readonly nameZh: string;
};

/**
 * Every demo login: the short logins first, then the staff of the city centre and of each district
 * centre (`kunming.dispatcher`, `chenggong.acceptance_operator`, one per role of DEMO_ROLES_BY_LEVEL),
 * then one handler per unit (`handler.530114-cgj`), in the order of `units`.
 */
export function demoUsers(units: readonly DemoUnit[]): DemoUser[] {
  const centres: DemoUser[] = [
    ...DEMO_ROLES_BY_LEVEL.city.map((role) => centreUser(role, CITY.code, '市指挥中心')),
    ...DISTRICTS.flatMap((d) =>
      DEMO_ROLES_BY_LEVEL.district.map((role) => centreUser(role, d.code, d.nameZh)),
    ),
  ];
  const handlers = units.map((u): DemoUser => ({
    username: handlerUsername(u.id),
    displayName: `${u.nameZh}处置人员（演示）`,
    role: 'unit_handler',
    districtCode: u.districtCode,
    unitId: u.id,
  }));
  return [...SHORT_LOGINS, ...centres, ...handlers];
}
