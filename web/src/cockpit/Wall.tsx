import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { components, paths } from '../api/schema.gen.ts';
import { STATUS_LABELS } from '../components/labels.ts';
import { TIMER_COLOURS } from '../lib/map-data.ts';
import { Chart } from './Chart.tsx';
import {
  backoffMs,
  BoundedSeries,
  byMonth,
  openCasePoints,
  percentText,
  topNamed,
  wallScale,
  type TrendDay,
} from './model.ts';
import { dailyTrend, liveLine, monthlyBars, rankBars, rateGauges, statusPie } from './options.ts';
import { WALL_STRINGS, type WallKey } from './strings.ts';
import { WallMap } from './WallMap.tsx';

type Summary = components['schemas']['CockpitSummary'];
type Json<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;
type Hotspots = Json<'/api/v1/cockpit/hotspots'>;
type Rates = Json<'/api/v1/hotline/rates'>;
type WhistleStats = Json<'/api/v1/whistle-stats'>;
type Whistle = components['schemas']['Whistle'];
type UnitNode = components['schemas']['UnitNode'];
type Lang = 'zh' | 'en';
type LivePoint = { at: number; open: number; overdue: number };
type CasePoints = ReturnType<typeof openCasePoints>;

/** Live samples kept for the strip chart: 720 pushes (at most one a second, usually far fewer). */
const LIVE_SAMPLES = 720;
const MINUTE = 60_000;

/**
 * Runs `load` now, every `everyMs`, and again when `nudge` changes — but never twice within
 * `minGapMs` (a busy centre moves the cockpit every second; the map need not follow that fast).
 * One timer at a time; everything is cleared when the wall goes.
 */
function useRefresh(load: () => Promise<void>, everyMs: number, nudge: unknown, minGapMs: number) {
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const busy = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    if (busy.current) {
      // A nudge while loading: one more load once this one is done.
      again.current = true;
      return;
    }
    window.clearTimeout(timer.current);
    const wait = Math.max(0, last.current + minGapMs - Date.now());
    timer.current = window.setTimeout(() => {
      busy.current = true;
      last.current = Date.now();
      void loadRef
        .current()
        .catch(() => undefined)
        .finally(() => {
          busy.current = false;
          if (!alive.current) return;
          if (again.current) {
            again.current = false;
            run();
          } else timer.current = window.setTimeout(run, everyMs);
        });
    }, wait);
  }, [everyMs, minGapMs]);
  useEffect(() => {
    run();
  }, [run, nudge]);
  useEffect(() => {
    alive.current = true;
    return () => {
      // A load still in flight schedules nothing once the wall is gone.
      alive.current = false;
      window.clearTimeout(timer.current);
    };
  }, []);
}

function flattenUnits(nodes: readonly UnitNode[], into: Map<string, { zh: string; en: string }>) {
  for (const u of nodes) {
    into.set(u.id, { zh: u.name.zh, en: u.name.en ?? u.name.zh });
    flattenUnits(u.children, into);
  }
}

const monthStart = (now: Date) => new Date(now.getFullYear(), now.getMonth(), 1);
const yearStart = (now: Date) => new Date(now.getFullYear(), 0, 1);

export function Wall({ onLapsed }: { onLapsed: () => void }) {
  const [lang, setLang] = useState<Lang>(() =>
    new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh',
  );
  const t = useCallback((k: WallKey) => WALL_STRINGS[k][lang], [lang]);
  // The wall's scale follows the screen (16 px type at 1920×1080, 32 px at 3840×2160): the
  // CSS below sizes the text, one ResizeObserver tells the charts.
  const [scale, setScale] = useState(() => wallScale(innerWidth, innerHeight));
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = rootRef.current;
    if (!node) return;
    const ro = new ResizeObserver(() => setScale(wallScale(innerWidth, innerHeight)));
    ro.observe(node);
    return () => ro.disconnect();
  }, []);

  // The live figures, from the cockpit stream (the first event comes at once).
  const [summary, setSummary] = useState<Summary | null>(null);
  const [connected, setConnected] = useState(false);
  const series = useRef(new BoundedSeries<LivePoint>(LIVE_SAMPLES));
  const lapsedRef = useRef(onLapsed);
  lapsedRef.current = onLapsed;
  useEffect(() => {
    let es: EventSource | null = null;
    let failures = 0;
    let retry: number | undefined;
    let stopped = false;
    const onSummary = (e: MessageEvent<string>) => {
      const s = JSON.parse(e.data) as Summary;
      series.current.push({ at: Date.parse(s.at), open: s.open.total, overdue: s.open.overdue });
      setSummary(s);
    };
    const open = () => {
      if (stopped) return;
      es = new EventSource('/api/v1/streams/cockpit');
      es.addEventListener('cockpit', onSummary);
      es.onopen = () => {
        failures = 0;
        setConnected(true);
      };
      es.onerror = () => {
        setConnected(false);
        if (!es || es.readyState !== EventSource.CLOSED) return; // the browser retries itself
        es.removeEventListener('cockpit', onSummary);
        es.close();
        es = null;
        // Closed for good: a lapsed session, or the server away. Ask which.
        void api.GET('/api/v1/auth/me').then(
          (r) => {
            if (stopped) return;
            if (r.response.status === 401) lapsedRef.current();
            else retry = window.setTimeout(open, backoffMs(failures++));
          },
          () => {
            if (!stopped) retry = window.setTimeout(open, backoffMs(failures++));
          },
        );
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      if (es) {
        es.removeEventListener('cockpit', onSummary);
        es.close();
      }
    };
  }, []);

  // Names of units, streets and categories: loaded once (they change with a reorganisation).
  const [units, setUnits] = useState<Map<string, { zh: string; en: string }>>(new Map());
  const [streets, setStreets] = useState<Map<string, { zh: string; en: string }>>(new Map());
  const [categories, setCategories] = useState<Map<string, { zh: string; en: string }>>(new Map());
  const [grids, setGrids] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    void api.GET('/api/v1/units').then((r) => {
      const m = new Map<string, { zh: string; en: string }>();
      if (r.data) flattenUnits(r.data.items, m);
      setUnits(m);
    });
    void api.GET('/api/v1/regions', { params: { query: { level: 'street' } } }).then((r) => {
      setStreets(
        new Map((r.data?.items ?? []).map((x) => [x.code, { zh: x.name, en: x.nameEn ?? x.name }])),
      );
    });
    void api.GET('/api/v1/categories').then((r) => {
      const m = new Map<string, { zh: string; en: string }>();
      for (const c of r.data?.items ?? [])
        if (!m.has(c.code)) m.set(c.code, { zh: c.name.zh, en: c.name.en ?? c.name.zh });
      setCategories(m);
    });
  }, []);
  const named = useCallback(
    (m: ReadonlyMap<string, { zh: string; en: string }>) =>
      new Map([...m].map(([k, v]) => [k, v[lang]] as const)),
    [lang],
  );

  // Slower panels: refreshed on a timer, and nudged (at most so often) when a figure moved.
  const moved = summary
    ? `${summary.open.total}|${summary.open.overdue}|${summary.today.new}|${summary.today.closed}`
    : '';
  const [trend, setTrend] = useState<TrendDay[] | null>(null);
  useRefresh(
    async () => {
      const r = await api.GET('/api/v1/cockpit/trend', { params: { query: { days: 366 } } });
      if (r.data) setTrend(r.data.items);
    },
    10 * MINUTE,
    summary?.day,
    5_000,
  );
  const [hot, setHot] = useState<Hotspots | null>(null);
  useRefresh(
    async () => {
      const r = await api.GET('/api/v1/cockpit/hotspots', {
        params: { query: { days: 7, limit: 10 } },
      });
      if (r.data) setHot(r.data);
    },
    5 * MINUTE,
    moved,
    30_000,
  );
  const [cases, setCases] = useState<CasePoints | null>(null);
  useRefresh(
    async () => {
      const [recent, overdue] = await Promise.all([
        api.GET('/api/v1/cases', { params: { query: { pageSize: 200 } } }),
        api.GET('/api/v1/cases', { params: { query: { pageSize: 200, overdue: 'true' } } }),
      ]);
      setCases(openCasePoints([overdue.data?.items ?? [], recent.data?.items ?? []]));
    },
    5 * MINUTE,
    moved,
    10_000,
  );
  const [rates, setRates] = useState<Rates | null>(null);
  const [whistles, setWhistles] = useState<{ stats: WhistleStats; recent: Whistle[] } | null>(null);
  useRefresh(
    async () => {
      const now = new Date();
      const [r, w, recent] = await Promise.all([
        api.GET('/api/v1/hotline/rates', {
          params: { query: { from: monthStart(now).toISOString(), to: now.toISOString() } },
        }),
        api.GET('/api/v1/whistle-stats', {
          params: { query: { from: yearStart(now).toISOString(), to: now.toISOString() } },
        }),
        api.GET('/api/v1/whistles', { params: { query: { limit: 4 } } }),
      ]);
      if (r.data) setRates(r.data);
      if (w.data) setWhistles({ stats: w.data, recent: recent.data?.items ?? [] });
    },
    5 * MINUTE,
    summary?.day,
    60_000,
  );

  // Chart options, rebuilt only when their figures, the language or the scale change.
  const statusOpt = useMemo(
    () =>
      summary
        ? statusPie(
            topNamed(
              summary.open.byStatus,
              13,
              new Map(Object.entries(STATUS_LABELS).map(([k, v]) => [k, v[lang]] as const)),
            ),
            scale,
          )
        : null,
    [summary, lang, scale],
  );
  const trend30 = useMemo(
    () => (trend ? dailyTrend(trend.slice(-30), scale, [t('newL'), t('closedL')]) : null),
    [trend, scale, t],
  );
  const trend12 = useMemo(
    () => (trend ? monthlyBars(byMonth(trend).slice(-12), scale, [t('newL'), t('closedL')]) : null),
    [trend, scale, t],
  );
  const liveOpt = useMemo(
    () => (summary ? liveLine(series.current.points(), scale, [t('openL'), t('overdueL')]) : null),
    [summary, scale, t],
  );
  const hotGridsOpt = useMemo(
    () => (hot ? rankBars(topNamed(hot.grids, 10, grids), scale, '#f2637b') : null),
    [hot, grids, scale],
  );
  const hotCatsOpt = useMemo(
    () => (hot ? rankBars(topNamed(hot.categories, 8, named(categories)), scale, '#fad337') : null),
    [hot, categories, named, scale],
  );
  const overdueOpt = useMemo(
    () =>
      summary
        ? rankBars(topNamed(summary.open.overdueByUnit, 10, named(units)), scale, '#ff9845')
        : null,
    [summary, units, named, scale],
  );
  const streetOpt = useMemo(
    () =>
      summary
        ? rankBars(topNamed(summary.open.byStreet, 10, named(streets)), scale, '#3ba0ff')
        : null,
    [summary, streets, named, scale],
  );
  const ratesOpt = useMemo(
    () =>
      rates
        ? rateGauges(
            [
              { name: t('response'), percent: rates.total.response.percent },
              { name: t('handling'), percent: rates.total.handling.percent },
              { name: t('satisfaction'), percent: rates.total.satisfaction.percent },
            ],
            scale,
          )
        : null,
    [rates, scale, t],
  );
  const hotMap = useMemo(() => new Map((hot?.grids ?? []).map((g) => [g.key, g.count])), [hot]);
  const w = whistles
    ? whistles.stats.levels.reduce(
        (a, l) => ({
          whistles: a.whistles + l.whistles,
          open: a.open + l.open,
          resolved: a.resolved + l.resolved,
          onTime: a.onTime + l.departments.on_time,
          summoned: a.summoned + l.departments.summoned,
        }),
        { whistles: 0, open: 0, resolved: 0, onTime: 0, summoned: 0 },
      )
    : null;

  return (
    <div
      id="cockpit"
      ref={rootRef}
      data-scale={scale}
      data-connected={connected ? 'yes' : 'no'}
      style={{
        width: '100vw',
        height: '100vh',
        display: 'grid',
        gridTemplateRows: '3.6rem 1fr',
        color: '#e6f0ff',
        background: 'radial-gradient(ellipse at center, #0c2a57 0%, #06142b 70%)',
        fontFamily: '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif',
        overflow: 'hidden',
      }}
    >
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 1.2rem',
          borderBottom: '1px solid #1d3d6e',
        }}
      >
        <span
          style={{ fontSize: '0.9rem', color: connected ? '#4ecb73' : '#f2637b' }}
          id="cockpit-live"
        >
          ● {connected ? t('live') : t('stale')}
          {summary ? ` · ${summary.day}` : ''}
        </span>
        <h1 style={{ margin: 0, fontSize: '1.6rem', letterSpacing: '0.2rem' }}>{t('title')}</h1>
        <span style={{ display: 'flex', gap: '1rem', alignItems: 'center', fontSize: '0.9rem' }}>
          <Clock />
          <button
            id="cockpit-lang"
            onClick={() => setLang((l) => (l === 'zh' ? 'en' : 'zh'))}
            style={{
              background: 'transparent',
              color: '#cfe3ff',
              border: '1px solid #2a4a7a',
              borderRadius: 4,
              fontSize: '0.8rem',
              cursor: 'pointer',
            }}
          >
            {t('language')}
          </button>
        </span>
      </header>
      <main
        style={{
          display: 'grid',
          gridTemplateColumns: '1fr 2fr 1fr',
          gap: '0.6rem',
          padding: '0.6rem',
          minHeight: 0,
        }}
      >
        <Column>
          <Panel
            id="today"
            title={`${t('todayNew')} · ${t('todayClosed')}`}
            ready={!!summary}
            grow={0.9}
          >
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(3, 1fr)',
                gap: '0.4rem',
                height: '100%',
                alignContent: 'center',
              }}
            >
              <Figure
                k="today-new"
                label={t('todayNew')}
                value={summary?.today.new}
                colour="#3ba0ff"
              />
              <Figure
                k="today-closed"
                label={t('todayClosed')}
                value={summary?.today.closed}
                colour="#4ecb73"
              />
              <Figure
                k="today-overdue"
                label={t('todayOverdue')}
                value={summary?.today.overdue}
                colour="#fad337"
              />
              <Figure
                k="open-total"
                label={t('open')}
                value={summary?.open.total}
                colour="#36cbcb"
              />
              <Figure
                k="open-overdue"
                label={t('openOverdue')}
                value={summary?.open.overdue}
                colour="#f2637b"
              />
              <Figure
                k="whistles-open"
                label={`${t('whistled')}·${t('whistleOpen')}`}
                value={w?.open}
                colour="#975fe4"
              />
            </div>
          </Panel>
          <Panel id="status" title={t('byStatus')} ready={!!statusOpt}>
            <Chart id="chart-status" option={statusOpt} />
          </Panel>
          <Panel id="trend30" title={t('trend30')} ready={!!trend30}>
            <Chart id="chart-trend30" option={trend30} />
          </Panel>
          <Panel
            id="trend12"
            title={t('trend12')}
            ready={!!trend12}
            count={trend ? byMonth(trend).filter((m) => m.new > 0).length : undefined}
          >
            <Chart id="chart-trend12" option={trend12} />
          </Panel>
        </Column>
        <Column>
          <Panel
            id="map"
            title={t('map')}
            ready={!!cases}
            count={cases?.features.length}
            grow={2.4}
          >
            <div style={{ position: 'relative', width: '100%', height: '100%' }}>
              <WallMap cases={cases} hot={hotMap} onGrids={setGrids} />
              <Legend t={t} />
            </div>
          </Panel>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: '1fr 1fr',
              gap: '0.6rem',
              flex: 1,
              minHeight: 0,
            }}
          >
            <Panel id="live" title={t('liveLine')} ready={!!liveOpt}>
              <Chart id="chart-live" option={liveOpt} />
            </Panel>
            <Panel id="hotline" title={t('hotline')} ready={!!ratesOpt}>
              <Chart id="chart-hotline" option={ratesOpt} />
            </Panel>
          </div>
        </Column>
        <Column>
          <Panel
            id="hot-grids"
            title={t('hotGrids')}
            ready={!!hotGridsOpt}
            count={hot?.grids.length}
          >
            <Chart id="chart-hot-grids" option={hotGridsOpt} />
          </Panel>
          <Panel id="hot-categories" title={t('hotCategories')} ready={!!hotCatsOpt}>
            <Chart id="chart-hot-categories" option={hotCatsOpt} />
          </Panel>
          <Panel id="overdue-units" title={t('overdueByUnit')} ready={!!overdueOpt}>
            <Chart id="chart-overdue-units" option={overdueOpt} />
          </Panel>
          <Panel id="streets" title={t('streetRank')} ready={!!streetOpt}>
            <Chart id="chart-streets" option={streetOpt} />
          </Panel>
          <Panel id="whistles" title={t('whistles')} ready={!!w} grow={0.8}>
            {w && whistles && (
              <div style={{ fontSize: '0.8rem', lineHeight: 1.5 }}>
                <div style={{ display: 'flex', justifyContent: 'space-around' }}>
                  <Small label={t('whistled')} value={w.whistles} />
                  <Small label={t('resolved')} value={w.resolved} />
                  <Small
                    label={t('onTimeReports')}
                    value={percentText(w.summoned ? (100 * w.onTime) / w.summoned : null)}
                  />
                </div>
                {whistles.recent.length === 0 ? (
                  <div style={{ opacity: 0.6 }}>{t('none')}</div>
                ) : (
                  whistles.recent.map((x) => (
                    <div
                      key={x.id}
                      style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                    >
                      <span style={{ color: x.status === 'open' ? '#fad337' : '#4ecb73' }}>
                        {x.levelLabel[lang]}
                      </span>{' '}
                      {x.reason}
                    </div>
                  ))
                )}
              </div>
            )}
          </Panel>
        </Column>
      </main>
    </div>
  );
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <span id="cockpit-clock">
      {now.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}
    </span>
  );
}

function Column({ children }: { children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.6rem', minHeight: 0 }}>
      {children}
    </div>
  );
}

function Panel({
  id,
  title,
  ready,
  count,
  grow = 1,
  children,
}: {
  id: string;
  title: string;
  ready: boolean;
  /** how many items the panel shows (for tests and the benchmark) */
  count?: number | undefined;
  grow?: number;
  children: ReactNode;
}) {
  return (
    <section
      data-panel={id}
      data-ready={ready ? 'yes' : 'no'}
      data-count={count ?? ''}
      style={{
        flex: grow,
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        background: 'rgba(13, 40, 82, 0.55)',
        border: '1px solid #1d3d6e',
        borderRadius: '0.3rem',
        padding: '0.4rem 0.6rem',
      }}
    >
      <h2 style={{ margin: '0 0 0.3rem', fontSize: '0.85rem', fontWeight: 500, color: '#8fc1ff' }}>
        {title}
      </h2>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
    </section>
  );
}

function Figure({
  k,
  label,
  value,
  colour,
}: {
  k: string;
  label: string;
  value: number | undefined;
  colour: string;
}) {
  return (
    <div style={{ textAlign: 'center' }}>
      <div
        data-figure={k}
        style={{
          fontSize: '1.8rem',
          fontWeight: 700,
          color: colour,
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {value ?? '—'}
      </div>
      <div style={{ fontSize: '0.75rem', opacity: 0.8 }}>{label}</div>
    </div>
  );
}

function Small({ label, value }: { label: string; value: number | string }) {
  return (
    <div style={{ textAlign: 'center' }}>
      <div style={{ fontSize: '1.1rem', fontWeight: 700 }}>{value}</div>
      <div style={{ opacity: 0.7 }}>{label}</div>
    </div>
  );
}

function Legend({ t }: { t: (k: WallKey) => string }) {
  const items: [WallKey, string][] = [
    ['onTime', TIMER_COLOURS.on_time],
    ['warning', TIMER_COLOURS.warning],
    ['overdue', TIMER_COLOURS.overdue],
    ['paused', TIMER_COLOURS.paused],
  ];
  return (
    <div
      style={{
        position: 'absolute',
        left: '0.5rem',
        bottom: '0.5rem',
        background: 'rgba(6, 20, 43, 0.8)',
        padding: '0.3rem 0.5rem',
        borderRadius: '0.2rem',
        fontSize: '0.75rem',
      }}
    >
      {items.map(([k, c]) => (
        <span key={k} style={{ marginRight: '0.6rem' }}>
          <span style={{ color: c }}>●</span> {t(k)}
        </span>
      ))}
    </div>
  );
}
