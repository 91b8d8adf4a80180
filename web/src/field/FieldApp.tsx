import type { FeatureCollection } from 'geojson';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, type Case, type Me } from '../api/client.ts';
import type { PickCategory } from './lib/category-search.ts';
import { allItems } from './lib/outbox-db.ts';
import { outboxCounts, type OutboxItem } from './lib/queue.ts';
import { syncOutbox, syncTrack } from './lib/sync.ts';
import {
  forgetMe,
  loadCategories,
  loadGrids,
  loadMe,
  loadOpenCases,
  loadTasks,
  loadComponentsAround,
  type NearbyComponent,
} from './data.ts';
import { LoginView } from './LoginView.tsx';
import { OutboxView } from './OutboxView.tsx';
import { usePosition } from './position.ts';
import { ReportView } from './ReportView.tsx';
import { TasksView } from './TasksView.tsx';

const PatrolMap = lazy(() => import('./PatrolMap.tsx'));

type Tab = 'map' | 'report' | 'tasks' | 'outbox';
const TABS: readonly [Tab, string][] = [
  ['map', '巡查 Map'],
  ['report', '上报 Report'],
  ['tasks', '任务 Tasks'],
  ['outbox', '待发 Outbox'],
];

function readHash(): { tab: Tab; focus: { lng: number; lat: number } | null } {
  const m = /^#(map|report|tasks|outbox)(?:@(-?[\d.]+),(-?[\d.]+))?/.exec(location.hash);
  const tab = (m?.[1] as Tab | undefined) ?? 'map';
  const focus = m?.[2] && m[3] ? { lng: Number(m[2]), lat: Number(m[3]) } : null;
  return { tab, focus };
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

type Summary = { sent: number; refused: number; at: string };

/** 城管通: the supervisor's field app (patrol map, report, tasks, outbox), offline first. */
export function FieldApp() {
  const [me, setMe] = useState<Me | null | 'loading'>('loading');
  const [fresh, setFresh] = useState(false);
  const [route, setRoute] = useState(readHash);
  const online = useOnline();
  const { fix } = usePosition(me !== null && me !== 'loading');
  const [categories, setCategories] = useState<PickCategory[]>([]);
  const [grids, setGrids] = useState<FeatureCollection | null>(null);
  const [openCases, setOpenCases] = useState<Case[]>([]);
  const [tasks, setTasks] = useState<{ verify: Case[]; recheck: Case[] } | null>(null);
  const [tasksFresh, setTasksFresh] = useState(false);
  const [components, setComponents] = useState<NearbyComponent[]>([]);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);

  const refreshItems = useCallback(async () => setItems(await allItems()), []);
  const signIn = useCallback(async () => {
    const r = await loadMe();
    if (r === null || r === 'signed_out') setMe(null);
    else {
      setMe(r.value);
      setFresh(r.fresh);
    }
  }, []);

  const sync = useCallback(async () => {
    if (!navigator.onLine) return;
    setSyncing(true);
    try {
      const r = await syncOutbox();
      const sent = r.settled.filter((i) => i.status === 'sent').length;
      const refused = r.settled.filter((i) => i.status === 'refused').length;
      if (r.settled.length > 0) setSummary({ sent, refused, at: new Date().toISOString() });
      await syncTrack();
      const t = await loadTasks();
      if (t) {
        setTasks(t.value);
        setTasksFresh(t.fresh);
      }
    } finally {
      await refreshItems();
      setSyncing(false);
    }
  }, [refreshItems]);

  useEffect(() => {
    void signIn();
    void refreshItems();
    const onHash = () => setRoute(readHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [signIn, refreshItems]);

  const district = me && me !== 'loading' ? me.user.districtCode : null;
  useEffect(() => {
    if (!district) return;
    void loadCategories(district).then((r) => r && setCategories(r.value));
    void loadGrids(district).then((r) => r && setGrids(r.value));
    void loadOpenCases().then((r) => r && setOpenCases(r.value));
    void loadTasks().then((r) => {
      if (!r) return;
      setTasks(r.value);
      setTasksFresh(r.fresh);
    });
  }, [district]);

  // Sync at start (once signed in) and whenever the network comes back.
  useEffect(() => {
    if (!district) return;
    void sync();
    const on = () => void sync();
    window.addEventListener('online', on);
    return () => window.removeEventListener('online', on);
  }, [district, sync]);

  const near = fix ? `${fix.lng.toFixed(3)},${fix.lat.toFixed(3)}` : '';
  useEffect(() => {
    if (!fix || !online) return;
    void loadComponentsAround(fix.lng, fix.lat).then((r) => r && setComponents(r.components));
    // Reloaded when the phone has moved about 100 m (`near`).
  }, [near, online]);

  if (me === 'loading') return <div className="f-app" id="field-app" data-ready="no" />;
  if (me === null) return <LoginView onSignedIn={signIn} />;

  const counts = outboxCounts(items);
  const logout = async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    await forgetMe();
    setMe(null);
  };
  return (
    <div className="f-app" id="field-app" data-ready="yes">
      <header className="f-head">
        <h1>城管通 · {me.user.displayName}</h1>
        <span
          className={online ? 'f-net' : 'f-net off'}
          id="field-net"
          data-online={online ? 'yes' : 'no'}
        >
          {online ? '在线 online' : '离线 offline'}
        </span>
        <button type="button" className="f-chip" onClick={() => void logout()}>
          退出
        </button>
      </header>
      {!fresh && online && (
        <div className="f-banner">离线副本：会话未确认 Offline copy of the session</div>
      )}
      {summary && (
        <div
          className="f-banner"
          id="field-sync-summary"
          data-sent={summary.sent}
          data-refused={summary.refused}
        >
          已发送 {summary.sent} 条，被拒绝 {summary.refused} 条 · sent {summary.sent}, refused{' '}
          {summary.refused}
        </div>
      )}
      <main className="f-main">
        {route.tab === 'map' && (
          <Suspense fallback={<p className="f-muted">地图载入中… loading the map</p>}>
            <PatrolMap
              grids={grids}
              cases={openCases}
              components={components}
              fix={fix}
              focus={route.focus}
            />
          </Suspense>
        )}
        {route.tab === 'report' && (
          <ReportView
            fix={fix}
            categories={categories}
            openCases={openCases}
            components={components}
            onQueued={() => {
              void refreshItems();
              if (navigator.onLine) void sync();
            }}
          />
        )}
        {route.tab === 'tasks' && <TasksView tasks={tasks} fresh={tasksFresh} fix={fix} />}
        {route.tab === 'outbox' && (
          <OutboxView items={items} syncing={syncing} online={online} onSync={() => void sync()} />
        )}
      </main>
      <nav className="f-tabs">
        {TABS.map(([t, label]) => (
          <button
            key={t}
            type="button"
            id={`field-tab-${t}`}
            aria-current={route.tab === t ? 'page' : undefined}
            onClick={() => {
              location.hash = `#${t}`;
            }}
          >
            {label}
            {t === 'outbox' && counts.waiting > 0 && (
              <span className="f-badge" id="field-waiting">
                {counts.waiting}
              </span>
            )}
          </button>
        ))}
      </nav>
    </div>
  );
}
