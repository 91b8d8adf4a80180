import { Card, Col, Row, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap, type Case, type CaseEvent } from '../api/client.ts';
import { useQueueStream } from '../api/hooks.ts';
import { ActionPanel } from '../components/ActionPanel.tsx';
import { CaseSummary } from '../components/CaseSummary.tsx';
import { CaseTimeline } from '../components/CaseTimeline.tsx';
import { DispatchWhy, useDispatchSuggestion } from '../components/DispatchWhy.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCan } from '../session.tsx';

/** One case: facts, deadlines, why its unit, the whole history, and the commands allowed now. */
export function CaseDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [data, setData] = useState<{ case: Case; events: CaseEvent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setData(unwrap(await api.GET('/api/v1/cases/{id}/history', { params: { path: { id } } })));
    } catch (e) {
      setError(String(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useQueueStream((ch) => {
    if (ch === 'reset' || ch.caseId === id) void load();
  });
  const canDispatch = useCan('case.dispatch');
  const c = data?.case ?? null;
  const wantsWhy = c !== null && (c.status === 'pending_dispatch' || c.dispatchRuleId !== null);
  const suggestion = useDispatchSuggestion(c, canDispatch && wantsWhy);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!data || !c) return <Spin />;
  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card
          title={t('detail')}
          extra={
            <ActionPanel
              c={c}
              suggestion={suggestion instanceof Error ? null : suggestion}
              onDone={() => void load()}
            />
          }
        >
          <CaseSummary c={c} />
          <div style={{ marginTop: 12 }}>
            <DispatchWhy s={suggestion} />
          </div>
        </Card>
      </Col>
      <Col span={10}>
        <Card title={t('timeline')}>
          <CaseTimeline events={data.events} />
        </Card>
      </Col>
    </Row>
  );
}
