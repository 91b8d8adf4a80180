import { App, Badge, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap, type Case } from '../api/client.ts';
import { runCommand } from '../api/commands.ts';
import { useCaseActions, useNow, useQueueStream } from '../api/hooks.ts';
import { ActionPanel } from '../components/ActionPanel.tsx';
import { CaseSummary } from '../components/CaseSummary.tsx';
import { DispatchWhy, useDispatchSuggestion } from '../components/DispatchWhy.tsx';
import { DuplicatesPanel } from '../components/DuplicatesPanel.tsx';
import { TimerTag } from '../components/TimerTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { commandBody, fieldsOf } from '../lib/action-fields.ts';
import { allowedActions } from '../lib/actions.ts';
import { workbenchByKey } from '../lib/menu.ts';
import { navigate } from '../lib/route.ts';
import { keysFor, runsAtOnce, shortcutFor } from '../lib/shortcuts.ts';
import { useSession } from '../session.tsx';

/**
 * A role's workbench: its live queue (reloaded when the stream says a case entered or left it),
 * the selected case with its timer and the commands allowed now. Keyboard (lib/shortcuts.ts): j/k
 * move, Enter opens the case page, one letter per command (f files, d dispatches as suggested, a
 * accepts, ...; a command that needs a reason opens its dialog). The acceptance desk shows the
 * likely duplicates side by side (m merges into the nearest).
 */
export function WorkbenchPage({ wbKey }: { wbKey: string }) {
  const wb = workbenchByKey(wbKey);
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const s = useSession();
  const now = useNow();
  const actions = useCaseActions();
  const [items, setItems] = useState<Case[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const queue = wb?.queue;
  const status = wb?.status;
  const load = useCallback(async () => {
    if (!queue) return;
    const r = unwrap(
      await api.GET('/api/v1/cases', {
        params: { query: { queue, pageSize: 50, ...(status ? { status } : {}) } },
      }),
    );
    // The spot checks: district closures not yet checked (the list has no filter for these).
    setItems(
      wbKey === 'spotcheck'
        ? r.items.filter((c) => c.loopLevel === 'district' && !c.spotChecked)
        : r.items,
    );
    if (r.total !== null) setTotal(r.total);
  }, [queue, status, wbKey]);
  useEffect(() => {
    void load();
  }, [load]);
  const live = useQueueStream((ch) => {
    if (
      ch === 'reset' ||
      (queue &&
        (ch.queues.includes(queue) || ch.left.includes(queue) || ch.entered.includes(queue)))
    )
      void load();
  });
  const current = items.find((c) => c.id === selected) ?? items[0] ?? null;
  const suggestion = useDispatchSuggestion(current, wb?.key === 'dispatch');

  const [request, setRequest] = useState<{ action: string; n: number } | null>(null);
  const [mergeRequest, setMergeRequest] = useState(0);
  const allowed = current ? allowedActions(actions, s.user.role, current.status) : [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && target.closest('input, textarea, [contenteditable], .ant-modal') !== null)
        return;
      const idx = current ? items.indexOf(current) : -1;
      const k = shortcutFor(e);
      if (k === null) return;
      if (k.kind === 'next' || k.kind === 'prev') {
        const step = k.kind === 'next' ? 1 : -1;
        const n = items[Math.max(0, Math.min(items.length - 1, idx + step))];
        if (n) setSelected(n.id);
        return;
      }
      if (!current) return;
      if (k.kind === 'open') {
        navigate(`/cases/${current.id}`);
        return;
      }
      if (k.action === 'merge') {
        setMergeRequest((n) => n + 1);
        return;
      }
      const a = allowed.find((x) => x.action === k.action);
      const fields = a?.path ? fieldsOf(a.path) : null;
      if (!a || fields === null) return;
      e.preventDefault();
      const suggested = suggestion && !(suggestion instanceof ApiError) ? suggestion : null;
      if (!runsAtOnce(a.action, fields, suggested !== null)) {
        setRequest((r) => ({ action: a.action, n: (r?.n ?? 0) + 1 }));
        return;
      }
      const body = commandBody([], {}, current.version);
      if (fields.includes('unitId') && suggested) {
        body.unitId = suggested.unit.id;
        body.ruleId = suggested.rule.id;
      }
      runCommand(a, current.id, body).then(
        () => {
          void message.success(`${current.caseNumber} · ${pick(a.label)}`);
          void load();
        },
        (err: unknown) =>
          void message.error(err instanceof ApiError ? pick(err.text) : String(err)),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, current, allowed, suggestion, load, message, pick]);

  if (!wb) return <Empty />;
  return (
    <Row gutter={16}>
      <Col span={9}>
        <Card
          title={
            <Space>
              {t(wb.label)}
              <Badge status={live ? 'success' : 'warning'} text={live ? t('live') : t('offline')} />
            </Space>
          }
          extra={<Typography.Text type="secondary">{total ?? items.length}</Typography.Text>}
          styles={{ body: { padding: 0 } }}
        >
          <List
            id="queue"
            locale={{ emptyText: t('emptyQueue') }}
            dataSource={items}
            renderItem={(c) => (
              <List.Item
                data-queue-case={c.caseNumber}
                onClick={() => setSelected(c.id)}
                style={{
                  cursor: 'pointer',
                  padding: '8px 12px',
                  background: current?.id === c.id ? '#e6f4ff' : undefined,
                }}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {c.caseNumber}
                      <Tag>{pick(c.statusLabel)}</Tag>
                    </Space>
                  }
                  description={`${c.category.code} · ${c.address}`}
                />
                <TimerTag timer={c.timer} now={now} />
              </List.Item>
            )}
          />
        </Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('shortcuts')}: j / k · Enter
          {keysFor(allowed.map((a) => a.action)).map(({ key, action }) => {
            const a = allowed.find((x) => x.action === action);
            return a ? ` · ${key} ${pick(a.label)}` : '';
          })}
        </Typography.Paragraph>
      </Col>
      <Col span={15}>
        {current ? (
          <Card
            title={
              <a href={`#/cases/${current.id}`} id="open-case">
                {current.caseNumber}
              </a>
            }
            extra={
              <ActionPanel
                c={current}
                suggestion={suggestion instanceof ApiError ? null : suggestion}
                onDone={() => void load()}
                request={request}
              />
            }
          >
            <CaseSummary c={current} compact />
            {wb.key === 'acceptance' && (
              <div style={{ marginTop: 12 }}>
                <DuplicatesPanel
                  key={current.id}
                  c={current}
                  onMerged={() => void load()}
                  mergeRequest={mergeRequest}
                />
              </div>
            )}
            {wb.key === 'dispatch' && (
              <div style={{ marginTop: 12 }}>
                <DispatchWhy s={suggestion} />
              </div>
            )}
          </Card>
        ) : (
          <Empty description={t('selectCase')} />
        )}
      </Col>
    </Row>
  );
}
