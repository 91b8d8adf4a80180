import { Card, Col, Row, Statistic, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { STATUS_LABELS } from '../components/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCan, useSession } from '../session.tsx';
import type { CaseStatus } from '../api/client.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Cockpit = NonNullable<Awaited<ReturnType<typeof loadCockpit>>>;
const loadCockpit = async () => (await api.GET('/api/v1/cockpit')).data;

/** Welcome, and for roles that may read the cockpit: today's figures and open cases by status. */
export function HomePage() {
  const { t, pick } = useI18n();
  const s = useSession();
  const canCockpit = useCan('cockpit.read');
  const [cockpit, setCockpit] = useState<Cockpit | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (canCockpit) void loadCockpit().then((c) => setCockpit(c ?? null));
  }, [canCockpit]);
  useEffect(() => {
    if (!cockpit || !chartEl.current) return;
    const chart = echarts.init(chartEl.current);
    const rows = cockpit.open.byStatus;
    chart.setOption({
      tooltip: {},
      grid: { left: 40, right: 16, top: 16, bottom: 40 },
      xAxis: {
        type: 'category',
        data: rows.map((r) =>
          r.key in STATUS_LABELS ? pick(STATUS_LABELS[r.key as CaseStatus]) : r.key,
        ),
      },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: rows.map((r) => r.count) }],
    });
    return () => chart.dispose();
  }, [cockpit, pick]);
  return (
    <>
      <Typography.Title level={4}>
        {t('welcome')}, {s.user.displayName}
      </Typography.Title>
      {cockpit && (
        <Row gutter={16}>
          <Col span={6}>
            <Card>
              <Statistic title={t('cases')} value={cockpit.open.total} />
            </Card>
          </Col>
          <Col span={6}>
            <Card>
              <Statistic title={t('overdue')} value={cockpit.open.overdue} />
            </Card>
          </Col>
          <Col span={12}>
            <Card title={t('casesByStatus')} size="small">
              <div ref={chartEl} style={{ height: 220 }} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
