import { loadConfig } from '../../config.ts';
import { consoleLogger, openRuntime } from '../../main.ts';
import { recordCommandAudit } from '../../services/access/audit.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/apikeys/api-keys.ts';
import type { Command } from './command.ts';

const USAGE = `用法 usage:
  gridloop apikey add NAME [--rate N]   create a client system's key (printed once; N requests/minute)
  gridloop apikey list                  the keys (never the keys themselves)
  gridloop apikey revoke ID             revoke a key (its client gets 403 from then on)`;

/** `gridloop apikey add|list|revoke`: API keys of client systems (Open311 clients). */
export const apikeyCommand: Command = {
  summary: 'API 密钥 API keys of client systems (add NAME | list | revoke ID)',
  async run(args) {
    const [sub, ...rest] = args;
    const rateAt = rest.indexOf('--rate');
    const rate = rateAt >= 0 ? Number(rest[rateAt + 1]) : undefined;
    const words = rest.filter((_, i) => rateAt < 0 || (i !== rateAt && i !== rateAt + 1));
    const arg = words.join(' ').trim();
    if (!(sub === 'list' || ((sub === 'add' || sub === 'revoke') && arg !== ''))) {
      console.error(USAGE);
      return 2;
    }
    const deps = await openRuntime(loadConfig(), consoleLogger);
    try {
      if (sub === 'list') {
        for (const k of await listApiKeys(deps)) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
          console.log(
            [k.id, k.clientName, `${k.keyPrefix}…`, `${k.rateLimitPerMinute}/min`, state].join(
              '\t',
            ),
          );
        }
        return 0;
      }
      const r =
        sub === 'add'
          ? await createApiKey(deps, {
              clientName: arg,
              rateLimitPerMinute: rate,
              createdBy: 'cli',
            })
          : await revokeApiKey(deps, arg, 'cli');
      await recordCommandAudit(deps, {
        command: `gridloop apikey ${sub}`,
        entity: 'api-keys',
        entityId: r.ok ? ('record' in r.value ? r.value.record.id : r.value.id) : null,
        exitCode: r.ok ? 0 : 1,
        payload:
          sub === 'add' ? { clientName: arg, rateLimitPerMinute: rate ?? null } : { id: arg },
      });
      if (!r.ok) {
        console.error(`失败 failed: ${r.error.code} ${JSON.stringify(r.error.details)}`);
        return 1;
      }
      if ('key' in r.value) {
        console.log(`已创建 created ${r.value.record.id} for ${r.value.record.clientName}`);
        console.log(`密钥仅显示一次 the key, shown once: ${r.value.key}`);
      } else console.log(`已吊销 revoked ${r.value.id}`);
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
