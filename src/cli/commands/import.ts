import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { decodeText, type ImportFormat, type ImportProblem } from '../../domain/base-data/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { consoleLogger, openRuntime } from '../../main.ts';
import { importBaseData, type ImportKind } from '../../services/base-data/import-base-data.ts';
import { recordCommandAudit } from '../../services/access/audit.ts';
import type { Deps } from '../../services/deps.ts';
import type { Command } from './command.ts';

const KINDS: readonly string[] = ['regions', 'grids', 'components', 'storefronts'];
const USAGE =
  '用法 usage: gridloop import regions|grids|components|storefronts <file.geojson|file.csv> ' +
  '[--district 530102] [--dry-run] [--format geojson|csv]';

export type ImportArgs = {
  readonly kind: ImportKind;
  readonly file: string;
  readonly format: ImportFormat;
  readonly district: string | undefined;
  readonly dryRun: boolean;
};

export type Out = { log: (line: string) => void; error: (line: string) => void };

/** Reads the command line; the error is the text to print (exit code 2). */
export function parseImportArgs(args: string[]): Result<ImportArgs, string> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        district: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        format: { type: 'string' },
      },
    });
  } catch (e) {
    return err(`${(e as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [kind, file] = positionals;
  const format =
    values.format ?? (extname(file ?? '').toLowerCase() === '.csv' ? 'csv' : 'geojson');
  if (kind === undefined || !KINDS.includes(kind) || file === undefined) return err(USAGE);
  if (format !== 'csv' && format !== 'geojson') return err(USAGE);
  if (values.district !== undefined && !/^\d{6}$/.test(values.district)) {
    return err('--district 须为 6 位区县代码 / must be a 6-digit district code');
  }
  return ok({
    kind: kind as ImportKind,
    file,
    format,
    district: values.district,
    dryRun: values['dry-run'],
  });
}

/** One problem as a line: where, which field, the code, then the reason in Chinese and English. */
export function problemLine(p: ImportProblem): string {
  const line = p.line !== undefined ? ` (行 line ${p.line})` : '';
  const where = p.index === null ? '文件 file' : `#${p.index}${line}`;
  const field = p.field !== undefined ? ` [${p.field}]` : '';
  return `  ${where}${field} ${p.code}: ${p.reasonZh} / ${p.reasonEn}`;
}

/**
 * Imports the file as a whole or not at all and prints every problem in Chinese and English.
 * Returns the exit code: 0 imported (or valid on --dry-run), 1 refused.
 */
export async function runImport(deps: Deps, a: ImportArgs, out: Out): Promise<number> {
  const content = decodeText(await readFile(a.file));
  const r = await importBaseData(deps, { ...a, content });
  await recordCommandAudit(deps, {
    command: `gridloop import ${a.kind}`,
    entity: a.kind,
    entityId: null,
    exitCode: r.ok ? 0 : 1,
    payload: {
      file: a.file,
      format: a.format,
      district: a.district ?? null,
      dryRun: a.dryRun,
      ...(r.ok ? { count: r.value.count } : { problems: r.error.details.count }),
    },
  });
  if (r.ok) {
    const verb = r.value.dryRun
      ? '校验通过，未写入 valid, nothing written (dry run)'
      : '已导入 imported';
    out.log(`${verb}: ${r.value.count} ${a.kind}`);
    return 0;
  }
  const d = r.error.details;
  const listed = d.listed < d.count ? `，列出前 ${d.listed} 个 / first ${d.listed} listed` : '';
  out.error(
    `导入被整体拒绝，未写入任何数据 / import refused as a whole, nothing written: ` +
      `${d.count} 个问题 problem(s)${listed}`,
  );
  for (const p of d.problems) out.error(problemLine(p));
  return 1;
}

export const consoleOut: Out = {
  log: (l) => {
    console.log(l);
  },
  error: (l) => {
    console.error(l);
  },
};

export const importCommand: Command = {
  summary:
    '导入区划/网格/部件/门前三包 import regions|grids|components|storefronts <file> [--district] [--dry-run]',
  async run(args) {
    const a = parseImportArgs(args);
    if (!a.ok) {
      console.error(a.error);
      return 2;
    }
    const deps = await openRuntime(loadConfig(), consoleLogger);
    try {
      return await runImport(deps, a.value, consoleOut);
    } finally {
      await deps.db.close();
    }
  },
};
