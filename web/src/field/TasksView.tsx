import type { Case } from '../api/client.ts';
import { directions } from './lib/bearing.ts';
import type { Fix } from './position.ts';

function Task({ c, fix, what }: { c: Case; fix: Fix | null; what: string }) {
  const d = fix ? directions(fix, c.location) : null;
  return (
    <li data-task={c.caseNumber}>
      <div>
        <strong>{what}</strong> {c.caseNumber}
      </div>
      <div>{c.address ?? c.description}</div>
      <div className="f-muted" data-directions={d ? Math.round(d.distanceM) : ''}>
        {d ? `${d.zh} · ${d.en} (${Math.round(d.bearingDeg)}°)` : '等待定位 waiting for GPS'}
      </div>
      <div className="f-chips">
        <a className="f-chip" href={`#map@${c.location.lng},${c.location.lat}`}>
          地图 map
        </a>
        <a
          className="f-chip"
          href={`geo:${c.location.lat},${c.location.lng}?q=${c.location.lat},${c.location.lng}`}
        >
          导航 navigate
        </a>
        <a className="f-chip" href={`../#/cases/${c.id}`}>
          详情 details
        </a>
      </div>
    </li>
  );
}

/**
 * 任务: the supervisor's queue, reports to verify (核实) and handled cases to re-check (核查),
 * nearest first, each with the distance and direction from here and a map link.
 */
export function TasksView(props: {
  tasks: { verify: Case[]; recheck: Case[] } | null;
  fresh: boolean;
  fix: Fix | null;
}) {
  const { tasks, fix } = props;
  if (!tasks) return <p className="f-card f-muted">任务未载入（需联网一次）Tasks not loaded yet</p>;
  const all = [
    ...tasks.verify.map((c) => ({ c, what: '核实 verify' })),
    ...tasks.recheck.map((c) => ({ c, what: '核查 re-check' })),
  ];
  if (fix)
    all.sort(
      (a, b) => directions(fix, a.c.location).distanceM - directions(fix, b.c.location).distanceM,
    );
  return (
    <section className="f-card">
      <h2>
        任务 Tasks ({all.length}){' '}
        {!props.fresh && <span className="f-muted">离线副本 offline copy</span>}
      </h2>
      <ul className="f-list" id="field-tasks">
        {all.length === 0 && (
          <li className="f-muted">没有待核实或待核查的案件 Nothing to verify or re-check</li>
        )}
        {all.map((t) => (
          <Task key={t.c.id} c={t.c} fix={fix} what={t.what} />
        ))}
      </ul>
    </section>
  );
}
