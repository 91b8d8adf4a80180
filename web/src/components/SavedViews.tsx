import { App, Button, Input, Popconfirm, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import type { CaseQuery } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { deleteView, loadViews, saveView, type SavedView } from '../lib/saved-views.ts';
import { useSession } from '../session.tsx';

/**
 * The case search's saved views (常用查询), kept per user in this browser (lib/saved-views.ts
 * says why): pick one to search again, save the current search under a name, delete one.
 */
export function SavedViews({
  query,
  onPick,
}: {
  query: CaseQuery;
  onPick: (q: CaseQuery) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const s = useSession();
  const userId = s.user.userId;
  const [views, setViews] = useState<SavedView[]>(() => loadViews(window.localStorage, userId));
  const [picked, setPicked] = useState<string | null>(null);
  const [name, setName] = useState('');
  const save = () => {
    const r = saveView(window.localStorage, userId, name, query);
    if (!r.ok) {
      void message.error(r.reason === 'name' ? `${t('viewName')}: 1–40` : 'max 30');
      return;
    }
    setViews(r.views);
    setPicked(name.trim());
    setName('');
    void message.success(`${t('saveView')} · ${name.trim()}`);
  };
  return (
    <Space wrap style={{ marginTop: 8 }}>
      <Tooltip title={t('viewsLocal')}>
        <Select
          id="saved-views"
          style={{ width: 200 }}
          placeholder={t('savedViews')}
          value={picked}
          options={views.map((v) => ({ value: v.name, label: v.name }))}
          // onSelect, not onChange: picking the view already shown (after a reset) searches again.
          onSelect={(n: string) => {
            setPicked(n);
            const v = views.find((x) => x.name === n);
            if (v) onPick(v.query);
          }}
        />
      </Tooltip>
      <Input
        id="view-name"
        placeholder={t('viewName')}
        maxLength={40}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={save}
        style={{ width: 160 }}
      />
      <Button id="save-view" onClick={save} disabled={name.trim() === ''}>
        {t('saveView')}
      </Button>
      {picked && (
        <Popconfirm
          title={`${picked}?`}
          onConfirm={() => {
            setViews(deleteView(window.localStorage, userId, picked));
            setPicked(null);
          }}
        >
          <Button danger id="delete-view">
            {t('deleteView')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
