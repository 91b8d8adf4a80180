/**
 * 巡查覆盖率 patrol coverage: the share of a supervisor's grids their patrol track passed through
 * in a period, the figure the assessment of supervisors reads beside reports and checks on time
 * (监督员考核: 巡查覆盖). A grid counts as visited when at least one useful point of the track
 * lies inside it in [from, to).
 */
export type GridVisit = { readonly gridCode: string; readonly recordedAt: Date };

export type Period = { readonly from: Date; readonly to: Date };

export type Coverage = {
  readonly gridsTotal: number;
  readonly gridsVisited: number;
  /** gridsVisited / gridsTotal, 0..1 (0 when the supervisor has no grids). */
  readonly share: number;
  /** The visited grids, by code. */
  readonly visited: readonly string[];
  /** Points of the track inside the supervisor's grids in the period. */
  readonly points: number;
};

/**
 * Coverage of `grids` (the supervisor's own) by the visits in the period. Visits to grids that
 * are not the supervisor's, and visits outside the period, do not count.
 */
export function patrolCoverage(
  grids: readonly string[],
  visits: readonly GridVisit[],
  period: Period,
): Coverage {
  const own = new Set(grids);
  const visited = new Set<string>();
  let points = 0;
  const from = period.from.getTime();
  const to = period.to.getTime();
  for (const v of visits) {
    const t = v.recordedAt.getTime();
    if (t < from || t >= to || !own.has(v.gridCode)) continue;
    visited.add(v.gridCode);
    points++;
  }
  return {
    gridsTotal: own.size,
    gridsVisited: visited.size,
    share: own.size === 0 ? 0 : visited.size / own.size,
    visited: [...visited].sort(),
    points,
  };
}
