import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './PortalApp.tsx';
import { PortalLangProvider, usePortalI18n } from './lang.tsx';

function Themed() {
  const { lang } = usePortalI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { borderRadius: 8, fontSize: 15, colorPrimary: '#1677ff' } }}
    >
      <AntApp>
        <PortalApp />
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <PortalLangProvider>
      <Themed />
    </PortalLangProvider>
  </StrictMode>,
);
