import { loadConfig } from '../../config.ts';
import { consoleLogger, openRuntime } from '../../main.ts';
import { recordCommandAudit } from '../../services/access/audit.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/apikeys/api-keys.ts';
import type { Deps } from '../../services/deps.ts';
import type { Command } from './command.ts';

const USAGE = `用法 usage:
  gridloop apikey add NAME [--scope S] [--rate N]
                                 create a client system's key (printed once; N requests/minute),
                                 for one channel S: open311 (default) or hotline_exchange
                                 (the city 12345 platform's order exchange)
  gridloop apikey list           the keys (never the keys themselves)
  gridloop apikey revoke ID      revoke a key (its client gets 403 from then on)`;

export type ApikeyArgs =
  | { readonly sub: 'list' }
  | {
      readonly sub: 'add';
      readonly name: string;
      readonly rate: number | undefined;
      readonly scope: string | undefined;
    }
  | { readonly sub: 'revoke'; readonly id: string };

type Out = { log(line: string): void; error(line: string): void };

/** Reads `add NAME [--scope S] [--rate N] | list | revoke ID`; null is a usage error. */
export function parseApikeyArgs(args: readonly string[]): ApikeyArgs | null {
  const [sub, ...rest] = args;
  const flags = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (a !== '--rate' && a !== '--scope') {
      words.push(a);
      continue;
    }
    const value = rest[i + 1];
    if (sub !== 'add' || value === undefined || flags.has(a)) return null;
    flags.set(a, value);
    i++;
  }
  // Not Number(): "" and " " would read as 0, "0x10" as 16; the service checks the range.
  const rateText = flags.get('--rate');
  const rate =
    rateText === undefined ? undefined : /^\d{1,9}$/.test(rateText) ? Number(rateText) : Number.NaN;
  const arg = words.join(' ').trim();
  if (sub === 'list' && arg === '') return { sub };
  if (sub === 'add' && arg !== '') return { sub, name: arg, rate, scope: flags.get('--scope') };
  if (sub === 'revoke' && arg !== '') return { sub, id: arg };
  return null;
}

/** Runs one `gridloop apikey` command on `deps`; every add and revoke is audited. */
export async function runApikey(deps: Deps, a: ApikeyArgs, out: Out): Promise<number> {
  if (a.sub === 'list') {
    for (const k of await listApiKeys(deps)) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
      out.log(
        [k.id, k.clientName, k.scope, `${k.keyPrefix}…`, `${k.rateLimitPerMinute}/min`, state].join(
          '\t',
        ),
      );
    }
    return 0;
  }
  const r =
    a.sub === 'add'
      ? await createApiKey(deps, {
          clientName: a.name,
          scope: a.scope,
          rateLimitPerMinute: a.rate,
          createdBy: 'cli',
        })
      : await revokeApiKey(deps, a.id, 'cli');
  await recordCommandAudit(deps, {
    command: `gridloop apikey ${a.sub}`,
    entity: 'api-keys',
    entityId: r.ok ? ('record' in r.value ? r.value.record.id : r.value.id) : null,
    exitCode: r.ok ? 0 : 1,
    payload:
      a.sub === 'add'
        ? { clientName: a.name, scope: a.scope ?? null, rateLimitPerMinute: a.rate ?? null }
        : { id: a.id },
  });
  if (!r.ok) {
    out.error(`失败 failed: ${r.error.code} ${JSON.stringify(r.error.details ?? {})}`);
    return 1;
  }
  if ('key' in r.value) {
    const { record } = r.value;
    out.log(`已创建 created ${record.id} for ${record.clientName} (scope ${record.scope})`);
    out.log(`密钥仅显示一次 the key, shown once: ${r.value.key}`);
  } else out.log(`已吊销 revoked ${r.value.id}`);
  return 0;
}

/** `gridloop apikey add|list|revoke`: API keys of client systems (Open311 clients). */
export const apikeyCommand: Command = {
  summary: 'API 密钥 API keys of client systems (add NAME [--scope S] | list | revoke ID)',
  async run(args) {
    const parsed = parseApikeyArgs(args);
    if (parsed === null) {
      console.error(USAGE);
      return 2;
    }
    const deps = await openRuntime(loadConfig(), consoleLogger);
    try {
      return await runApikey(deps, parsed, console);
    } finally {
      await deps.db.close();
    }
  },
};
