import { App, Button, Card, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.gen.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  ASSESS_LEVELS,
  formatValue,
  lastMonth,
  rankingCsv,
  type AssessLevel,
  type Assessment,
  type Indicator,
  type Party,
} from '../lib/assessment.ts';
import { useSession } from '../session.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Trace =
  paths['/api/v1/assessment/{indicator}/cases']['get']['responses']['200']['content']['application/json'];

/**
 * 考核评价: every indicator family of GET /api/v1/assessment (units, regions, supervisors,
 * operators, dispatchers, whistles) for a period, ranked by the composite score, each number
 * opening the cases and events behind it; the report as xlsx or printable HTML, the ranking as CSV.
 */
export function AssessmentPage() {
  const { t, pick, lang } = useI18n();
  const s = useSession();
  const { message } = App.useApp();
  const cityLevel = s.user.districtCode.endsWith('00');
  const [period, setPeriod] = useState(lastMonth(new Date()));
  const [district, setDistrict] = useState(cityLevel ? '' : s.user.districtCode);
  const [level, setLevel] = useState<AssessLevel>('unit');
  const [data, setData] = useState<Assessment | null>(null);
  const [trace, setTrace] = useState<Trace | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const fail = useCallback(
    (e: unknown) =>
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e)),
    [message, pick],
  );
  useEffect(() => {
    if (!/^\d{4}(-\d{2})?$/.test(period)) return;
    setData(null);
    void api
      .GET('/api/v1/assessment', {
        params: { query: { period, level, ...(district ? { district } : {}) } },
      })
      .then((r) => setData(unwrap(r)))
      .catch(fail);
  }, [period, level, district, fail]);
  useEffect(() => {
    if (!chartEl.current || !data) return;
    const chart = echarts.init(chartEl.current);
    const top = [...data.parties].sort((a, b) => a.rank - b.rank).slice(0, 15);
    chart.setOption({
      tooltip: {},
      grid: { left: 140, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', inverse: true, data: top.map((p) => p.name ?? p.partyId) },
      series: [
        { type: 'bar', data: top.map((p) => p.composite ?? 0), itemStyle: { color: '#1677ff' } },
      ],
    });
    return () => chart.dispose();
  }, [data]);

  const drill = (i: Indicator, p: Party) =>
    void api
      .GET('/api/v1/assessment/{indicator}/cases', {
        params: {
          path: { indicator: i.id },
          query: { period, party: p.partyId, ...(district ? { district } : {}) },
        },
      })
      .then((r) => setTrace(unwrap(r)))
      .catch(fail);
  const name = (i: Indicator) => (lang === 'zh' ? i.nameZh : i.nameEn);
  const reportUrl = (format: 'xlsx' | 'html') =>
    `/api/v1/assessment/report?period=${period}&format=${format}${district ? `&district=${district}` : ''}`;
  const downloadCsv = () => {
    if (!data) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([rankingCsv(data)], { type: 'text/csv;charset=utf-8' }));
    a.download = `assessment-${level}-${period}.csv`;
    a.click();
  };
  const canReport = s.capabilities.includes('report.export');

  return (
    <Card
      title={t('assessment')}
      extra={
        <Space wrap>
          <Input
            id="assess-period"
            placeholder={t('period')}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            style={{ width: 170 }}
          />
          <Input
            id="assess-district"
            placeholder={t('district')}
            value={district}
            onChange={(e) => setDistrict(e.target.value)}
            style={{ width: 170 }}
          />
          <Button id="assess-csv" onClick={downloadCsv} disabled={!data}>
            {t('exportCsv')}
          </Button>
          {canReport && (
            <>
              <Button id="assess-xlsx" href={reportUrl('xlsx')}>
                {t('exportXlsx')}
              </Button>
              <Button id="assess-html" href={reportUrl('html')} target="_blank">
                {t('exportHtml')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Segmented
        id="assess-level"
        value={level}
        onChange={(v) => setLevel(v)}
        options={ASSESS_LEVELS.map((l) => ({ value: l.level, label: lang === 'zh' ? l.zh : l.en }))}
        style={{ marginBottom: 12 }}
      />
      <div ref={chartEl} style={{ height: data && data.parties.length ? 260 : 0 }} />
      <Table<Party>
        id="assess-table"
        rowKey="partyId"
        size="small"
        loading={data === null}
        dataSource={data ? [...data.parties].sort((a, b) => a.rank - b.rank) : []}
        scroll={{ x: true }}
        pagination={{ pageSize: 30 }}
        columns={[
          { title: t('rank'), dataIndex: 'rank', fixed: 'left' },
          { title: t('party'), render: (_, p) => p.name ?? p.partyId, fixed: 'left' },
          {
            title: t('composite'),
            render: (_, p) => (
              <span>
                {p.composite === null ? '—' : p.composite.toFixed(1)}{' '}
                {p.grade && <Tag>{p.grade}</Tag>}
              </span>
            ),
          },
          ...(data?.indicators ?? []).map((i) => ({
            title: name(i),
            key: i.id,
            render: (_: unknown, p: Party) => {
              const v = p.values.find((x) => x.id === i.id)?.value ?? null;
              return (
                <a data-drill={`${i.id}|${p.partyId}`} onClick={() => drill(i, p)}>
                  {formatValue(i, v)}
                </a>
              );
            },
          })),
        ]}
      />
      <Modal
        open={trace !== null}
        width={900}
        footer={null}
        onCancel={() => setTrace(null)}
        title={
          trace &&
          `${t('casesBehind')} · ${lang === 'zh' ? trace.indicator.nameZh : trace.indicator.nameEn} · ${trace.party}`
        }
      >
        {trace && (
          <>
            <Space wrap style={{ marginBottom: 8 }} id="trace-sums">
              {Object.entries(trace.sums).map(([k, v]) => (
                <Tag key={k}>
                  {k}: {v}
                </Tag>
              ))}
            </Space>
            <Table
              id="trace-table"
              size="small"
              rowKey="eventId"
              dataSource={trace.items}
              pagination={{ pageSize: 10 }}
              locale={{ emptyText: t('noData') }}
              columns={[
                {
                  title: t('caseNumber'),
                  render: (_, r) => (
                    <a href={`#/cases/${r.caseId}`} data-trace-case={r.caseNumber}>
                      {r.caseNumber}
                    </a>
                  ),
                },
                { title: 'action', dataIndex: 'action' },
                { title: 'at', dataIndex: 'at' },
                { title: 'metric', dataIndex: 'metric' },
                { title: 'value', dataIndex: 'value' },
              ]}
            />
          </>
        )}
      </Modal>
    </Card>
  );
}
