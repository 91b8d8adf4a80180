import { parseHistoryMonths } from '../../domain/demo-city/index.ts';
import type { Deps } from '../../services/deps.ts';
import {
  loadHistory,
  type HistoryLoadError,
  type HistoryProgress,
} from '../../services/demo/load-history.ts';

const PHASES = {
  cases: '历史案件 history cases',
  rollup: '考核汇总 assessment roll-up (events)',
} as const;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A progress line per phase on stderr: redrawn in place on a terminal, every 5 s otherwise. */
function historyProgress(out: NodeJS.WriteStream = process.stderr): (p: HistoryProgress) => void {
  const started = new Map<string, number>();
  let lastPrint = 0;
  return (p) => {
    const now = performance.now();
    const t0 = started.get(p.phase) ?? now;
    started.set(p.phase, t0);
    const secs = (now - t0) / 1000;
    const pct = p.total > 0 ? Math.min(100, (100 * p.done) / p.total).toFixed(1) : '100.0';
    const rate = secs > 0 ? ` ${fmt(p.done / secs)}/s` : '';
    const line = `${PHASES[p.phase]} ${fmt(p.done)}/${fmt(p.total)} ${pct}%${rate}`;
    const finished = p.done >= p.total;
    if (out.isTTY) out.write(`\r${line}\x1b[K${finished ? '\n' : ''}`);
    else if (finished || now - lastPrint > 5000) {
      out.write(`${line}\n`);
      lastPrint = now;
    }
  };
}

export function historyErrorText(e: HistoryLoadError): string {
  switch (e.code) {
    case 'history.no_city':
      return '数据库中没有城市或用户，请先加载演示城市 / no city or users in the database: load the demo city first';
    case 'history.already_loaded':
      return `该历史已加载（案件 ${e.details.caseId}） / this history is already loaded (case ${e.details.caseId})`;
    case 'history.invalid_params':
      return `参数无效 / invalid parameter --${e.details.param}: ${e.details.reason}`;
  }
}

/** `gridloop demo --history 12m [--per-day N] [--seed N]`: months of cases with progress. */
export async function runHistoryLoad(
  deps: Deps,
  opts: { readonly months: string; readonly perDay?: number; readonly seed?: number },
): Promise<boolean> {
  const months = parseHistoryMonths(opts.months);
  if (!months.ok) {
    console.error(
      historyErrorText({
        code: 'history.invalid_params',
        details: { param: 'history', reason: months.error.reason },
      }),
    );
    return false;
  }
  const t0 = performance.now();
  const r = await loadHistory(
    deps,
    {
      months: months.value,
      ...(opts.perDay !== undefined ? { perDay: opts.perDay } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    },
    historyProgress(),
  );
  const secs = (performance.now() - t0) / 1000;
  if (!r.ok) {
    console.error(historyErrorText(r.error));
    return false;
  }
  const v = r.value;
  console.log(
    `历史已加载 history loaded: ${v.months} months (${v.from} .. ${v.to}), ${fmt(v.perDay)} cases per working day, ` +
      `seed ${v.seed}: ${fmt(v.cases)} cases, ${fmt(v.events)} events, ${fmt(v.whistles)} whistles in ${secs.toFixed(1)} s ` +
      `(${fmt(v.cases / secs)} cases/s)` +
      (v.skipped > 0 ? `; ${fmt(v.skipped)} skipped (no staff or category in their district)` : ''),
  );
  return true;
}
