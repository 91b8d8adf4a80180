import type { CaseQuery } from '../api/client.ts';
import { cityDateToInstant } from './dates.ts';

/** The search form's values: texts, choices and city-time date ranges (YYYY-MM-DD). */
export type SearchForm = Partial<{
  queue: CaseQuery['queue'];
  status: CaseQuery['status'];
  district: string;
  street: string;
  community: string;
  grid: string;
  source: CaseQuery['source'];
  category: string;
  unit: string;
  urgency: CaseQuery['urgency'];
  reported: [string, string];
  closed: [string, string];
  overdue: 'true' | 'false';
  caseNumber: string;
  trackingCode: string;
  text: string;
}>;

const TEXT_KEYS = [
  'district',
  'street',
  'community',
  'grid',
  'category',
  'unit',
  'caseNumber',
  'trackingCode',
  'text',
] as const;

/**
 * The GET /api/v1/cases query of a search form: blanks left out, text trimmed, date ranges as
 * instants from the start of the first day to the end of the last day in Asia/Shanghai.
 */
export function toCaseQuery(f: SearchForm): CaseQuery {
  const q: CaseQuery = {};
  if (f.queue) q.queue = f.queue;
  if (f.status) q.status = f.status;
  if (f.source) q.source = f.source;
  if (f.urgency) q.urgency = f.urgency;
  if (f.overdue) q.overdue = f.overdue;
  for (const k of TEXT_KEYS) {
    const v = f[k]?.trim();
    if (v) q[k] = v;
  }
  if (f.reported) {
    q.reportedFrom = cityDateToInstant(f.reported[0]);
    q.reportedTo = cityDateToInstant(f.reported[1], true);
  }
  if (f.closed) {
    q.closedFrom = cityDateToInstant(f.closed[0]);
    q.closedTo = cityDateToInstant(f.closed[1], true);
  }
  return q;
}

/** The search as hash-route parameters, so a search can be bookmarked and shared. */
export function queryToParams(q: CaseQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null) p.set(k, String(v));
  return p;
}
