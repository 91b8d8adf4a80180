import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap, type Case, type CaseQuery } from '../api/client.ts';
import { useNow } from '../api/hooks.ts';
import { SOURCE_LABELS, STATUS_LABELS, URGENCY_LABELS } from '../components/labels.ts';
import { TimerTag } from '../components/TimerTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { queryToParams, toCaseQuery, type SearchForm } from '../lib/case-query.ts';
import { toCsv } from '../lib/csv.ts';
import { formatInstant } from '../lib/dates.ts';
import { navigate } from '../lib/route.ts';
import { WORKBENCHES } from '../lib/menu.ts';
import { SavedViews } from '../components/SavedViews.tsx';

type FormValues = Omit<SearchForm, 'reported' | 'closed'> & {
  reported?: [Dayjs, Dayjs] | null;
  closed?: [Dayjs, Dayjs] | null;
};

const EXPORT_LIMIT = 10_000;

/** The form's plain fields of a saved query (date ranges stay in the query only). */
function formValuesOf(q: CaseQuery): FormValues {
  const dates = new Set(['reportedFrom', 'reportedTo', 'closedFrom', 'closedTo']);
  return Object.fromEntries(Object.entries(q).filter(([k]) => !dates.has(k)));
}

/** Every filter of the case search, keyset pages (next / first) and CSV export of the matches. */
export function CaseSearchPage({ initial }: { initial: URLSearchParams }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const now = useNow();
  const [form] = Form.useForm<FormValues>();
  const [query, setQuery] = useState<CaseQuery>(() => Object.fromEntries(initial));
  const [page, setPage] = useState<{
    items: Case[];
    next: string | null;
    total: number | null;
    exact: boolean | null;
  }>({
    items: [],
    next: null,
    total: null,
    exact: null,
  });
  const [cursors, setCursors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      setBusy(true);
      try {
        const r = unwrap(
          await api.GET('/api/v1/cases', {
            params: { query: { ...query, pageSize: 20, ...(cursor ? { cursor } : {}) } },
          }),
        );
        setPage((p) => ({
          items: r.items,
          next: r.nextCursor,
          total: r.total ?? p.total,
          exact: r.totalExact ?? p.exact,
        }));
      } catch (e) {
        void message.error(e instanceof ApiError ? pick(e.text) : String(e));
      } finally {
        setBusy(false);
      }
    },
    [query, message, pick],
  );
  useEffect(() => {
    setCursors([]);
    void fetchPage(undefined);
  }, [fetchPage]);

  const onSearch = (v: FormValues) => {
    const fmt = (r: [Dayjs, Dayjs] | null | undefined): [string, string] | undefined =>
      r ? [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')] : undefined;
    const { reported, closed, ...rest } = v;
    const f: SearchForm = { ...rest };
    const rr = fmt(reported);
    const cr = fmt(closed);
    if (rr) f.reported = rr;
    if (cr) f.closed = cr;
    setQuery(toCaseQuery(f));
  };

  const exportCsv = async () => {
    setBusy(true);
    try {
      const rows: Case[] = [];
      let cursor: string | undefined;
      do {
        const r = unwrap(
          await api.GET('/api/v1/cases', {
            params: { query: { ...query, pageSize: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        rows.push(...r.items);
        cursor = r.nextCursor ?? undefined;
      } while (cursor && rows.length < EXPORT_LIMIT);
      const csv = toCsv(
        [
          'caseNumber',
          'status',
          'source',
          'kind',
          'category',
          'urgency',
          'district',
          'street',
          'community',
          'grid',
          'address',
          'description',
          'mainUnitId',
          'timer',
          'dueAt',
          'createdAt',
          'updatedAt',
        ],
        rows.map((c) => [
          c.caseNumber,
          pick(c.statusLabel),
          pick(SOURCE_LABELS[c.source]),
          c.kind,
          c.category.code,
          pick(URGENCY_LABELS[c.urgency]),
          c.districtCode,
          c.streetCode,
          c.communityCode,
          c.gridCode,
          c.address,
          c.description,
          c.mainUnitId,
          c.timer?.state,
          formatInstant(c.timer?.dueAt),
          formatInstant(c.createdAt),
          formatInstant(c.updatedAt),
        ]),
      );
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      a.download = `cases-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      void message.error(e instanceof ApiError ? pick(e.text) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const opts = <K extends string>(labels: Record<K, { zh: string; en: string }>) =>
    (Object.keys(labels) as K[]).map((k) => ({ value: k, label: labels[k][lang] }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Form
          form={form}
          layout="inline"
          onFinish={onSearch}
          id="case-search"
          style={{ rowGap: 8 }}
        >
          <Form.Item name="text" label={t('text')}>
            <Input allowClear style={{ width: 140 }} id="search-text" />
          </Form.Item>
          <Form.Item name="caseNumber" label={t('caseNumber')}>
            <Input allowClear style={{ width: 180 }} id="search-case-number" />
          </Form.Item>
          <Form.Item name="status" label={t('status')}>
            <Select allowClear style={{ width: 120 }} options={opts(STATUS_LABELS)} />
          </Form.Item>
          <Form.Item name="queue" label={t('queue')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={WORKBENCHES.filter((w) => !w.status).map((w) => ({
                value: w.queue,
                label: t(w.label),
              }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('source')}>
            <Select allowClear style={{ width: 130 }} options={opts(SOURCE_LABELS)} />
          </Form.Item>
          <Form.Item name="urgency" label={t('urgency')}>
            <Select allowClear style={{ width: 100 }} options={opts(URGENCY_LABELS)} />
          </Form.Item>
          <Form.Item name="overdue" label={t('overdue')}>
            <Select
              allowClear
              style={{ width: 80 }}
              options={[
                { value: 'true', label: t('yes') },
                { value: 'false', label: t('no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="category" label={t('category')}>
            <Input allowClear style={{ width: 90 }} placeholder="01001" />
          </Form.Item>
          <Form.Item name="district" label={t('district')}>
            <Input allowClear style={{ width: 90 }} placeholder="530114" />
          </Form.Item>
          <Form.Item name="street" label={t('street')}>
            <Input allowClear style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="community" label={t('community')}>
            <Input allowClear style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="grid" label={t('grid')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="unit" label={t('unit')}>
            <Input allowClear style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="trackingCode" label={t('trackingCode')}>
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="reported" label={t('reportedRange')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="closed" label={t('closedRange')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" id="search-submit">
              {t('search')}
            </Button>
            <Button
              id="search-reset"
              onClick={() => {
                form.resetFields();
                setQuery({});
              }}
            >
              {t('reset')}
            </Button>
            <Button onClick={() => void exportCsv()} id="export-csv">
              {t('exportCsv')}
            </Button>
            {/* The server writes the workbook (the reports' .xlsx writer), same filters. */}
            <Button
              id="export-xlsx"
              href={`/api/v1/cases/export?${queryToParams(query).toString()}`}
              download
            >
              {t('exportXlsx')}
            </Button>
          </Space>
          <SavedViews
            query={query}
            onPick={(q) => {
              form.resetFields();
              form.setFieldsValue(formValuesOf(q));
              setQuery(q);
            }}
          />
        </Form>
      </Card>
      <Table
        id="case-table"
        size="small"
        rowKey="id"
        loading={busy}
        dataSource={page.items}
        pagination={false}
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('caseNumber'), dataIndex: 'caseNumber' },
          { title: t('status'), render: (_, c) => <Tag>{pick(c.statusLabel)}</Tag> },
          { title: t('timer'), render: (_, c) => <TimerTag timer={c.timer} now={now} /> },
          { title: t('category'), render: (_, c) => c.category.code },
          { title: t('urgency'), render: (_, c) => pick(URGENCY_LABELS[c.urgency]) },
          { title: t('address'), dataIndex: 'address', ellipsis: true },
          { title: t('reportedAt'), render: (_, c) => formatInstant(c.createdAt) },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length === 0}
          onClick={() => {
            setCursors([]);
            void fetchPage(undefined);
          }}
        >
          {t('firstPage')}
        </Button>
        <Button
          disabled={!page.next}
          id="next-page"
          onClick={() => {
            if (!page.next) return;
            setCursors((c) => [...c, page.next ?? '']);
            void fetchPage(page.next);
          }}
        >
          {t('nextPage')}
        </Button>
        <Typography.Text type="secondary">
          {t('total')} {page.exact === false ? t('estimated') : ''} {page.total ?? '—'}
        </Typography.Text>
      </Space>
    </Space>
  );
}
