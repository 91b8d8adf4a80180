import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../../config.ts';
import type { Principal } from '../../domain/access/index.ts';
import { openRuntime } from '../../main.ts';
import type { Logger } from '../../services/deps.ts';
import { rollUpAll } from '../../services/indicators/rollup.ts';
import {
  buildAssessmentReport,
  reportHtml,
  reportXlsx,
} from '../../services/reports/assessment-report.ts';
import type { Command } from './command.ts';

const USAGE =
  '用法 usage: gridloop report --month 2024-06|--year 2024 --district 530114 [--unit ID] --out report.xlsx|report.html';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A progress bar on stderr when it is a terminal, one line per step otherwise. */
function progress(done: number, total: number, label: string): void {
  if (process.stderr.isTTY) {
    const width = 24;
    const full = Math.round((done / total) * width);
    process.stderr.write(
      `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(done)}/${String(total)} ${label}   `,
    );
    if (done === total) process.stderr.write('\n');
  } else {
    console.error(`${String(done)}/${String(total)} ${label}`);
  }
}

export const reportCommand: Command = {
  summary:
    '网格化综合考核报告 assessment report: --month|--year --district [--unit] --out .xlsx|.html',
  async run(args) {
    const period = flag(args, 'month') ?? flag(args, 'year');
    const district = flag(args, 'district');
    const out = flag(args, 'out');
    if (period === undefined || district === undefined || out === undefined) {
      console.error(USAGE);
      return 2;
    }
    const deps = await openRuntime(loadConfig(), quiet);
    try {
      // The command line acts as the centre's administrator of that district.
      const principal: Principal = {
        userId: 'cli',
        username: 'cli',
        displayName: '命令行 command line',
        role: 'admin',
        districtCode: district,
        regionScope: [],
      };
      await rollUpAll(deps);
      const r = await buildAssessmentReport(
        deps,
        { principal, period, districtCode: district, unitId: flag(args, 'unit') },
        progress,
      );
      if (!r.ok) {
        console.error(`${r.error.code} ${JSON.stringify(r.error.details)}`);
        return 2;
      }
      await writeFile(out, out.endsWith('.html') ? reportHtml(r.value) : reportXlsx(r.value));
      console.error(`已导出 exported: ${out}`);
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
