import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Me } from './api/client.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { matchPath, useRoute } from './lib/route.ts';
import { CaseDetailPage } from './pages/CaseDetailPage.tsx';
import { CaseSearchPage } from './pages/CaseSearchPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { HotlinePage } from './pages/HotlinePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { WhistlesPage } from './pages/WhistlesPage.tsx';
import { WorkbenchPage } from './pages/WorkbenchPage.tsx';
import { AdminRulesPage } from './pages/AdminRulesPage.tsx';
import { AssessmentPage } from './pages/AssessmentPage.tsx';
import { SessionCtx, type Session } from './session.tsx';

// The map (MapLibre, the biggest library) loads only when its page is opened.
const MapPage = lazy(() => import('./pages/MapPage.tsx').then((m) => ({ default: m.MapPage })));

export function App() {
  const { lang } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    const r = await api.GET('/api/v1/auth/me');
    setMe(r.response.ok && r.data ? r.data : null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const session = useMemo<Session | null>(
    () =>
      me
        ? {
            ...me,
            refresh,
            logout: async () => {
              await api.POST('/api/v1/auth/logout');
              setMe(null);
              window.location.hash = '/';
            },
          }
        : null,
    [me, refresh],
  );
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { borderRadius: 4 } }}>
      <AntApp>
        {me === undefined ? (
          <Spin fullscreen />
        ) : session === null ? (
          <LoginPage onSignedIn={refresh} />
        ) : (
          <SessionCtx.Provider value={session}>
            <AppLayout>
              <Pages />
            </AppLayout>
          </SessionCtx.Provider>
        )}
      </AntApp>
    </ConfigProvider>
  );
}

function Pages() {
  const { path, query } = useRoute();
  let m: Record<string, string> | null;
  if ((m = matchPath('/cases/:id', path))) return <CaseDetailPage id={m.id ?? ''} />;
  if ((m = matchPath('/work/:key', path))) return <WorkbenchPage key={m.key} wbKey={m.key ?? ''} />;
  switch (path) {
    case '/cases':
      return <CaseSearchPage initial={query} />;
    case '/report':
      return <ReportPage />;
    case '/hotline':
      return <HotlinePage />;
    case '/whistles':
      return <WhistlesPage />;
    case '/assessment':
      return <AssessmentPage />;
    case '/admin/rules':
      return <AdminRulesPage />;
    case '/map':
      return (
        <Suspense fallback={<Spin />}>
          <MapPage />
        </Suspense>
      );
    default:
      return <HomePage />;
  }
}
