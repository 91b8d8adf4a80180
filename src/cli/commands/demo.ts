import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { consoleLogger, openRuntime } from '../../main.ts';
import type { Deps } from '../../services/deps.ts';
import {
  DEMO_PASSWORD,
  hasCity,
  listDemoUsers,
  loadDemoCity,
  type DemoLoadError,
  type DemoLoadInput,
  type DemoLoadReport,
  type DemoProgress,
} from '../../services/demo/load-demo.ts';
import type { DemoUser } from '../../domain/demo-city/index.ts';
import type { Command } from './command.ts';
import { runHistoryLoad } from './demo-history.ts';

const PHASE_NAMES = {
  base: '基础数据 base data (steps)',
  components: '部件 components',
  users: '演示用户 demo users',
} as const;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const duration = (s: number): string =>
  s >= 60
    ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`
    : `${s.toFixed(0)}s`;

/** Peak resident set size of this process so far, in MB (PGlite's WASM heap included). */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * A progress line on stderr with rows/s and ETA: redrawn in place on a terminal, one line every
 * few seconds otherwise (logs, CI).
 */
export function progressBar(
  out: NodeJS.WriteStream = process.stderr,
  opts: { forceLines?: boolean } = {},
): (p: DemoProgress) => void {
  const inPlace = out.isTTY && opts.forceLines !== true;
  const started = new Map<string, number>();
  let lastPrint = 0;
  return (p) => {
    const now = performance.now();
    const t0 = started.get(p.phase) ?? now;
    started.set(p.phase, t0);
    const secs = (now - t0) / 1000;
    const rate = secs > 0 ? p.done / secs : 0;
    const width = 30;
    const filled = p.total > 0 ? Math.round((width * p.done) / p.total) : width;
    const eta = rate > 0 ? duration((p.total - p.done) / rate) : '?';
    const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : '100.0';
    const line =
      `${PHASE_NAMES[p.phase]} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
      `${fmt(p.done)}/${fmt(p.total)} ${pct}%` +
      (p.phase === 'components' ? ` ${fmt(rate)} rows/s ETA ${eta}` : '');
    const finished = p.done >= p.total;
    if (inPlace) out.write(`\r${line}\x1b[K${finished ? '\n' : ''}`);
    else if (finished || now - lastPrint > 5000) {
      out.write(`${line}\n`);
      lastPrint = now;
    }
  };
}

/** Chinese and English text for the loader's refusals. */
export function demoErrorText(e: DemoLoadError): string {
  switch (e.code) {
    case 'demo.city_exists':
      return `数据库中已有城市（${e.details.grids} 个网格），不再加载演示城市 / the database already holds a city (${e.details.grids} grids); the demo city is not loaded`;
    case 'demo.replace_unsupported':
      return '不支持替换已有城市 / replacing an existing city is not supported';
    case 'demo.no_categories':
      return `部件分类为空（${e.details.scheme}） / no component categories in scheme ${e.details.scheme}`;
    case 'demo.invalid_params':
      return `参数无效 / invalid parameter --${e.details.param}: ${e.details.reason}`;
  }
}

/** The file in the data directory that lists every demo login. */
export const DEMO_LOGINS_FILE = 'demo-logins.tsv';

/** Every demo login as tab-separated text: a comment with the password, a header, a line each. */
export function demoLoginsText(users: readonly DemoUser[]): string {
  const lines = users.map((u) =>
    [u.username, u.role, u.districtCode, u.unitId, u.displayName].join('\t'),
  );
  return [
    `# 演示账号 demo logins, 密码 password: ${DEMO_PASSWORD}`,
    'username\trole\tdistrict_code\tunit_id\tdisplay_name',
    ...lines,
    '',
  ].join('\n');
}

/**
 * The demo logins, for the console: the short logins one per line, the centres' logins and the
 * unit handlers' in summary, and where the full list is (`file`, written by writeDemoLogins).
 */
export function printDemoLogins(
  report: Pick<DemoLoadReport, 'users'>,
  file: string | null = null,
): void {
  if (report.users.length === 0) return;
  const short = report.users.filter((u) => !u.username.includes('.'));
  const centres = report.users.filter(
    (u) => u.username.includes('.') && !u.username.startsWith('handler.'),
  );
  const handlers = report.users.filter((u) => u.username.startsWith('handler.'));
  console.log(`演示账号 demo logins (密码 password: ${DEMO_PASSWORD}):`);
  for (const u of short)
    console.log(`  ${u.username.padEnd(20)} ${u.role.padEnd(20)} ${u.displayName}`);
  const byCentre = new Map<string, string[]>();
  for (const u of centres) {
    const [centre = '', role = ''] = u.username.split('.');
    byCentre.set(centre, [...(byCentre.get(centre) ?? []), role]);
  }
  for (const [centre, roles] of byCentre) console.log(`  ${centre}.{${roles.join(',')}}`);
  if (handlers.length > 0) {
    const examples = handlers.slice(0, 3).map((u) => u.username);
    console.log(
      `  处置单位 unit handlers: ${fmt(handlers.length)} logins, handler.<unit id without u-> (${examples.join(', ')} ...)`,
    );
  }
  console.log(
    file === null
      ? '  全部账号 every login: gridloop demo logins'
      : `  全部账号 every login: ${file} (gridloop demo logins)`,
  );
}

/** Writes every demo login to DEMO_LOGINS_FILE in the data directory; null when it cannot. */
export function writeDemoLogins(dataDir: string, users: readonly DemoUser[]): string | null {
  if (users.length === 0) return null;
  const file = join(dataDir, DEMO_LOGINS_FILE);
  try {
    writeFileSync(file, demoLoginsText(users));
    return file;
  } catch {
    return null;
  }
}

/** Loads the demo city with a progress bar; prints what was written and the peak RSS. */
export async function runDemoLoad(
  deps: Deps,
  input: DemoLoadInput,
): Promise<DemoLoadReport | null> {
  const t0 = performance.now();
  const r = await loadDemoCity(deps, input, progressBar());
  const secs = (performance.now() - t0) / 1000;
  if (!r.ok) {
    console.error(demoErrorText(r.error));
    return null;
  }
  const c = r.value.counts;
  const rows =
    c.regions + c.grids + c.units + c.staff + c.assignments + c.storefronts + c.components;
  console.log(
    `演示城市已加载 demo city loaded: seed ${r.value.params.seed}, ${fmt(c.grids)} grids, ` +
      `${fmt(c.components)} components, ${fmt(c.units)} units, ${fmt(c.staff)} staff, ` +
      `${fmt(c.storefronts)} storefronts in ${secs.toFixed(1)} s (${fmt(rows / secs)} rows/s)`,
  );
  return r.value;
}

const int = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer`);
  return n;
};

export const demoCommand: Command = {
  summary:
    '加载演示城市 load the demo city [--seed N] [--grids N] [--components N] [--communities N]; `--history 12m [--per-day N]` adds months of cases; `demo logins` lists every demo login',
  async run(args) {
    if (args[0] === 'logins') return printAllLogins();
    const { values } = parseArgs({
      args,
      options: {
        seed: { type: 'string' },
        grids: { type: 'string' },
        components: { type: 'string' },
        communities: { type: 'string' },
        storefronts: { type: 'string' },
        batch: { type: 'string' },
        history: { type: 'string' },
        'per-day': { type: 'string' },
      },
    });
    const { history, 'per-day': perDay, ...cityValues } = values;
    if (history !== undefined)
      return demoHistory(history, int(perDay, 'per-day'), int(values.seed, 'seed'));
    const input: Record<string, number> = {};
    for (const [name, v] of Object.entries(cityValues)) {
      const n = int(v, name);
      if (n !== undefined) input[name === 'batch' ? 'batchSize' : name] = n;
    }
    const deps = await openRuntime(loadConfig(), consoleLogger);
    try {
      const report = await runDemoLoad(deps, input);
      if (report) printDemoLogins(report, writeDemoLogins(deps.dataDir, report.users));
      console.error(`峰值内存 peak RSS: ${peakRssMb()} MB`);
      return report ? 0 : 1;
    } finally {
      await deps.db.close();
    }
  },
};

/** `gridloop demo --history 12m`: the demo city first if the database has none, then the history. */
async function demoHistory(
  months: string,
  perDay: number | undefined,
  seed: number | undefined,
): Promise<number> {
  const deps = await openRuntime(loadConfig(), consoleLogger);
  try {
    if (!(await hasCity(deps))) {
      const report = await runDemoLoad(deps, seed === undefined ? {} : { seed });
      if (!report) return 1;
      printDemoLogins(report, writeDemoLogins(deps.dataDir, report.users));
    }
    const ok = await runHistoryLoad(deps, {
      months,
      ...(perDay !== undefined ? { perDay } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    console.error(`峰值内存 peak RSS: ${peakRssMb()} MB`);
    return ok ? 0 : 1;
  } finally {
    await deps.db.close();
  }
}

/** `gridloop demo logins`: every demo login of the database, tab-separated, on stdout. */
async function printAllLogins(): Promise<number> {
  const deps = await openRuntime(loadConfig(), consoleLogger);
  try {
    process.stdout.write(demoLoginsText(await listDemoUsers(deps)));
    return 0;
  } finally {
    await deps.db.close();
  }
}
