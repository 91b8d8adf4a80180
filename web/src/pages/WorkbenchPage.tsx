import { App, Badge, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap, type Case } from '../api/client.ts';
import { runCommand } from '../api/commands.ts';
import { useCaseActions, useNow, useQueueStream } from '../api/hooks.ts';
import { ActionPanel } from '../components/ActionPanel.tsx';
import { CaseSummary } from '../components/CaseSummary.tsx';
import { DispatchWhy, useDispatchSuggestion } from '../components/DispatchWhy.tsx';
import { TimerTag } from '../components/TimerTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { commandBody } from '../lib/action-fields.ts';
import { allowedActions } from '../lib/actions.ts';
import { workbenchByKey } from '../lib/menu.ts';
import { navigate } from '../lib/route.ts';
import { shortcutFor } from '../lib/shortcuts.ts';
import { useSession } from '../session.tsx';

/**
 * A role's workbench: its live queue (reloaded when the stream says a case entered or left it),
 * the selected case with its timer and the commands allowed now. Keyboard: j/k move, f files,
 * d dispatches to the suggested unit, Enter opens the case page.
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
  const load = useCallback(async () => {
    if (!queue) return;
    const r = unwrap(
      await api.GET('/api/v1/cases', { params: { query: { queue, pageSize: 50 } } }),
    );
    setItems(r.items);
    if (r.total !== null) setTotal(r.total);
  }, [queue]);
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && target.closest('input, textarea, [contenteditable], .ant-modal') !== null)
        return;
      const idx = current ? items.indexOf(current) : -1;
      const k = shortcutFor(e);
      if (k === 'next' || k === 'prev') {
        const n = items[Math.max(0, Math.min(items.length - 1, idx + (k === 'next' ? 1 : -1)))];
        if (n) setSelected(n.id);
      } else if (k === 'open' && current) navigate(`/cases/${current.id}`);
      else if ((k === 'file' || k === 'dispatch') && current) {
        const a = allowedActions(actions, s.user.role, current.status).find((x) => x.action === k);
        if (!a) return;
        const body = commandBody([], {}, current.version);
        if (k === 'dispatch') {
          if (!suggestion || suggestion instanceof ApiError) return;
          body.unitId = suggestion.unit.id;
          body.ruleId = suggestion.rule.id;
        }
        runCommand(a, current.id, body).then(
          () => {
            void message.success(`${current.caseNumber} · ${pick(a.label)}`);
            void load();
          },
          (err: unknown) =>
            void message.error(err instanceof ApiError ? pick(err.text) : String(err)),
        );
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, current, actions, s.user.role, suggestion, load, message, pick]);

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
          {t('shortcuts')}: j / k · Enter · f {pick({ zh: '立案', en: 'file' })} · d{' '}
          {pick({ zh: '按建议派遣', en: 'dispatch as suggested' })}
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
              />
            }
          >
            <CaseSummary c={current} compact />
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
