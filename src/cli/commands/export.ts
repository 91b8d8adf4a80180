import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { openRuntime } from '../../main.ts';
import { exportBaseData, type ExportInput } from '../../services/base-data/export-base-data.ts';
import type { Deps, Logger } from '../../services/deps.ts';
import type { Command } from './command.ts';

const KINDS: readonly string[] = ['regions', 'grids', 'components', 'storefronts'];
const USAGE =
  '用法 usage: gridloop export regions|grids|components|storefronts [--district 530102] ' +
  '[--grid CODE] [--category 01001] [--format geojson|csv] [--bom] [--headers plain|standard] ' +
  '[--out file]';

export type ExportArgs = { readonly input: ExportInput; readonly out: string | undefined };

/** Reads the command line; the error is the text to print (exit code 2). */
export function parseExportArgs(args: string[]): Result<ExportArgs, string> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        district: { type: 'string' },
        grid: { type: 'string' },
        category: { type: 'string' },
        format: { type: 'string' },
        bom: { type: 'boolean', default: false },
        headers: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (e) {
    return err(`${(e as Error).message}\n${USAGE}`);
  }
  const { values: v, positionals } = parsed;
  const [kind] = positionals;
  const format = v.format ?? (v.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'geojson');
  if (kind === undefined || !KINDS.includes(kind)) return err(USAGE);
  if (format !== 'csv' && format !== 'geojson') return err(USAGE);
  const shapes: [string | undefined, RegExp, string][] = [
    [v.district, /^\d{6}$/, '--district: 6 位数字 6 digits'],
    [v.grid, /^\d{15}$/, '--grid: 15 位数字 15 digits'],
    [v.category, /^\d{2}(\d{3})?$/, '--category: 5 位小类或 2 位大类 5 or 2 digits'],
  ];
  for (const [value, shape, message] of shapes) {
    if (value !== undefined && !shape.test(value)) return err(message);
  }
  if (kind !== 'components' && (v.grid ?? v.category ?? v.headers) !== undefined) {
    return err('--grid/--category/--headers 只用于部件 only apply to components');
  }
  const style = v.headers ?? 'plain';
  if (style !== 'plain' && style !== 'standard') return err(USAGE);
  return ok({
    input: {
      kind: kind as ExportInput['kind'],
      format,
      district: v.district,
      grid: v.grid,
      category: v.category,
      bom: v.bom,
      style,
    },
    out: v.out,
  });
}

/** Streams the export to a writable, page by page, waiting when it is full. */
export async function runExport(
  deps: Deps,
  input: ExportInput,
  dest: NodeJS.WritableStream,
): Promise<void> {
  for await (const chunk of exportBaseData(deps, input)) {
    if (!dest.write(chunk)) await once(dest, 'drain');
  }
}

// Progress and logs go to stderr: stdout may carry the export itself.
const stderrLogger: Logger = {
  info: (o, m) => console.error(m ?? '', JSON.stringify(o)),
  warn: (o, m) => console.error(m ?? '', JSON.stringify(o)),
  error: (o, m) => console.error(m ?? '', JSON.stringify(o)),
};

export const exportCommand: Command = {
  summary:
    '导出网格/部件/门前三包 export regions|grids|components|storefronts [--district] [--format geojson|csv] [--out file]',
  async run(args) {
    const a = parseExportArgs(args);
    if (!a.ok) {
      console.error(a.error);
      return 2;
    }
    const deps = await openRuntime(loadConfig(), stderrLogger);
    try {
      if (a.value.out === undefined) {
        await runExport(deps, a.value.input, process.stdout);
        return 0;
      }
      const file = createWriteStream(a.value.out);
      await runExport(deps, a.value.input, file);
      file.end();
      await once(file, 'finish');
      console.error(`已导出 exported: ${a.value.out}`);
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
