import type { Role } from '../access/index.ts';
import { CITY } from './names.ts';
import { unitId } from './units.ts';

/** One demo login per role; the password is chosen by whoever creates the users. */
export type DemoUser = {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly districtCode: string;
  readonly unitId: string;
};

// District roles sit in 呈贡区 (530114), the district the sources describe in most detail.
const DISTRICT = '530114';

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'supervisor',
    displayName: '呈贡区网格监督员（演示）',
    role: 'supervisor',
    districtCode: DISTRICT,
    unitId: unitId.command(DISTRICT),
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
    districtCode: DISTRICT,
    unitId: unitId.command(DISTRICT),
  },
  {
    username: 'dispatcher',
    displayName: '呈贡区派遣员（演示）',
    role: 'dispatcher',
    districtCode: DISTRICT,
    unitId: unitId.command(DISTRICT),
  },
  {
    username: 'unit_handler',
    displayName: '呈贡区城市管理局处置人员（演示）',
    role: 'unit_handler',
    districtCode: DISTRICT,
    unitId: unitId.department(DISTRICT, 'cgj'),
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
