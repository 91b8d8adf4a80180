/**
 * Assessment periods: a month (`2024-06`) or a year (`2024`), as local dates of the city
 * (from inclusive, to exclusive), with the previous period (环比) and the one a year before (同比).
 */
export type Period = {
  readonly label: string;
  readonly kind: 'month' | 'year';
  readonly from: string;
  readonly to: string;
};

const pad = (n: number) => String(n).padStart(2, '0');

function month(y: number, m: number): Period {
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return {
    label: `${String(y)}-${pad(m)}`,
    kind: 'month',
    from: `${String(y)}-${pad(m)}-01`,
    to: `${String(ny)}-${pad(nm)}-01`,
  };
}

function year(y: number): Period {
  return {
    label: String(y),
    kind: 'year',
    from: `${String(y)}-01-01`,
    to: `${String(y + 1)}-01-01`,
  };
}

/** Parses `YYYY-MM` or `YYYY` (years 2000..2099); null for anything else. */
export function parsePeriod(s: string): Period | null {
  const m = /^(20[0-9]{2})(?:-(0[1-9]|1[0-2]))?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  return m[2] === undefined ? year(y) : month(y, Number(m[2]));
}

/** The period before (环比): the previous month, or the previous year. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.from.slice(0, 4));
  if (p.kind === 'year') return year(y - 1);
  const m = Number(p.from.slice(5, 7));
  return m === 1 ? month(y - 1, 12) : month(y, m - 1);
}

/** The same period a year before (同比). */
export function yearAgoPeriod(p: Period): Period {
  const y = Number(p.from.slice(0, 4));
  return p.kind === 'year' ? year(y - 1) : month(y - 1, Number(p.from.slice(5, 7)));
}
