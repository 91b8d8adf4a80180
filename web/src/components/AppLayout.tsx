import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { menuFor } from '../lib/menu.ts';
import { navigate, useRoute } from '../lib/route.ts';
import { useSession } from '../session.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { ROLE_LABELS } from './labels.ts';

/** Header with the user and language, a menu derived from the user's capabilities. */
export function AppLayout({ children }: { children: ReactNode }) {
  const s = useSession();
  const { t, lang } = useI18n();
  const { path } = useRoute();
  const menu = menuFor(s.capabilities);
  const items = [
    ...menu.main.map((e) => ({ key: e.path, label: t(e.label) })),
    ...(menu.workbenches.length
      ? [
          {
            key: 'wb',
            type: 'group' as const,
            label: t('workbenches'),
            children: menu.workbenches.map((e) => ({ key: e.path, label: t(e.label) })),
          },
        ]
      : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 16px',
        }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
          {t('appName')}
        </Typography.Text>
        <Space>
          <Typography.Text style={{ color: '#fff' }} id="current-user">
            {s.user.displayName}
          </Typography.Text>
          <Tag color="blue">{ROLE_LABELS[s.user.role][lang]}</Tag>
          <LangSwitch />
          <Button size="small" onClick={() => void s.logout()} id="logout">
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[path]}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ height: '100%' }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, overflow: 'auto' }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
