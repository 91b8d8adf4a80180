import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { ROLES } from '../../domain/access/index.ts';
import { consoleLogger, openRuntime } from '../../main.ts';
import { recordCommandAudit } from '../../services/access/audit.ts';
import { createUser, setPasswordByUsername } from '../../services/access/users.ts';
import type { Command } from './command.ts';

const USAGE = `用法 usage:
  gridloop user add --username NAME --role ROLE --district 530102 --password PW
                    [--display-name 名字] [--unit UNIT_ID] [--scope 530102001,530102002]
  gridloop user passwd --username NAME --password PW
roles: ${ROLES.join(', ')}`;

/** `gridloop user add|passwd`: create a user or set a password (first administrator, scripts). */
export const userCommand: Command = {
  summary: '用户管理 create a user or set a password (add | passwd)',
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        district: { type: 'string' },
        password: { type: 'string' },
        'display-name': { type: 'string' },
        unit: { type: 'string' },
        scope: { type: 'string' },
      },
    });
    const { username, password } = values;
    if ((sub !== 'add' && sub !== 'passwd') || !username || !password) {
      console.error(USAGE);
      return 2;
    }
    if (sub === 'add' && (!values.role || !values.district)) {
      console.error(USAGE);
      return 2;
    }
    const deps = await openRuntime(loadConfig(), consoleLogger);
    try {
      const r =
        sub === 'add'
          ? await createUser(deps, {
              username,
              password,
              role: values.role ?? '',
              districtCode: values.district ?? '',
              displayName: values['display-name'],
              unitId: values.unit,
              regionScope: values.scope?.split(',').filter((s) => s !== ''),
            })
          : await setPasswordByUsername(deps, { username, password });
      await recordCommandAudit(deps, {
        command: `gridloop user ${sub}`,
        entity: 'users',
        entityId: r.ok && typeof r.value === 'object' ? r.value.id : null,
        exitCode: r.ok ? 0 : 1,
        payload: {
          username,
          password: '[redacted]',
          ...(sub === 'add'
            ? { role: values.role, districtCode: values.district, unitId: values.unit ?? null }
            : {}),
        },
      });
      if (!r.ok) {
        console.error(`失败 failed: ${r.error.code} ${JSON.stringify(r.error.details)}`);
        return 1;
      }
      console.log(
        sub === 'add' ? `已创建 created user ${username}` : `已更新 password set for ${username}`,
      );
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
