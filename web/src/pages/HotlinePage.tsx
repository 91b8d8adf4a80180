import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import { useQueueStream, useUnitNames } from '../api/hooks.ts';
import type { components } from '../api/schema.gen.ts';
import { URGENCY_LABELS } from '../components/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { formatInstant } from '../lib/dates.ts';
import { orderSteps, pinnedPoint, type OrderStep } from '../lib/desk-steps.ts';
import { useSession } from '../session.tsx';

type Order = components['schemas']['HotlineOrder'];
type HotlineType = { code: string; name: { zh: string; en: string }; route: string };
type Candidate = {
  point: { lng: number; lat: number };
  precision: string;
  label: string;
};
type CallValues = {
  line: '12345' | '12319';
  hotlineType: string;
  callerName?: string;
  callerPhone: string;
  address: string;
  description: string;
  urgency?: 'urgent' | 'pressing' | 'normal';
};

const ORDER_STATUS: Record<Order['status'], { zh: string; en: string; color: string }> = {
  dispatched: { zh: '待响应', en: 'to respond', color: 'orange' },
  responded: { zh: '已响应', en: 'responded', color: 'blue' },
  replied: { zh: '已答复待回访', en: 'replied, to call back', color: 'purple' },
  closed: { zh: '已办结', en: 'closed', color: 'green' },
};
const STEP_LABEL: Record<OrderStep, StringKey> = {
  respond: 'respond',
  reply: 'reply',
  'call-back': 'callBack',
};

/**
 * The hotline desk (接诉即办, docs/hotline.md): an agent records a call as a work order with the
 * address matched against the city's base data (GET /api/v1/geocode), follows the orders, and
 * records the call-back; a unit responds and replies to the orders sent to it.
 */
export function HotlinePage() {
  const { t, pick } = useI18n();
  const s = useSession();
  const [orders, setOrders] = useState<Order[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = unwrap(await api.GET('/api/v1/hotline/orders', { params: { query: { limit: 50 } } }));
    setOrders(r.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useQueueStream(() => void load());
  const current = orders.find((o) => o.id === selected) ?? orders[0] ?? null;
  const canRecord = s.user.role === 'hotline_agent';
  return (
    <Row gutter={16}>
      {canRecord && (
        <Col span={9}>
          <RecordCall
            onRecorded={(id) => {
              setSelected(id);
              void load();
            }}
          />
        </Col>
      )}
      <Col span={canRecord ? 6 : 9}>
        <Card title={t('orders')} size="small" styles={{ body: { padding: 0 } }}>
          <List
            id="orders"
            dataSource={orders}
            locale={{ emptyText: t('emptyQueue') }}
            renderItem={(o) => (
              <List.Item
                data-order={o.id}
                data-order-status={o.status}
                onClick={() => setSelected(o.id)}
                style={{
                  cursor: 'pointer',
                  padding: '8px 12px',
                  background: current?.id === o.id ? '#e6f4ff' : undefined,
                }}
              >
                <Space orientation="vertical" size={0}>
                  <span>
                    {o.line} · {o.hotlineType} · {formatInstant(o.receivedAt)}
                  </span>
                  <Tag color={ORDER_STATUS[o.status].color}>{pick(ORDER_STATUS[o.status])}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col span={canRecord ? 9 : 15}>
        {current ? (
          <OrderCard key={current.id} o={current} onDone={() => void load()} />
        ) : (
          <Empty />
        )}
      </Col>
    </Row>
  );
}

function RecordCall({ onRecorded }: { onRecorded: (id: string) => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallValues>();
  const [types, setTypes] = useState<HotlineType[]>([]);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.GET('/api/v1/hotline/types').then((r) => setTypes(r.data?.items ?? []));
  }, []);
  const search = async (address: string) => {
    setPoint(null);
    if (address.trim().length < 2) {
      setCandidates([]);
      return;
    }
    const r = await api.GET('/api/v1/geocode', { params: { query: { address } } });
    const found = r.data?.candidates ?? [];
    setCandidates(found);
    setPoint(pinnedPoint(found));
  };
  const submit = async (v: CallValues) => {
    setBusy(true);
    try {
      const r = unwrap(
        await api.POST('/api/v1/hotline/orders', {
          body: {
            line: v.line,
            hotlineType: v.hotlineType,
            callerPhone: v.callerPhone.trim(),
            description: v.description.trim(),
            address: v.address.trim(),
            ...(v.callerName?.trim() ? { callerName: v.callerName.trim() } : {}),
            ...(v.urgency ? { urgency: v.urgency } : {}),
            ...(point ? { location: point } : {}),
          },
        }),
      );
      void message.success(`${t('recordCall')} · ${r.order.caseNumber}`);
      if (r.likelyDuplicates.length > 0)
        void message.warning(
          `${t('duplicates')}: ${r.likelyDuplicates.map((d) => d.caseNumber).join('、')}`,
        );
      form.resetFields();
      setPoint(null);
      setCandidates([]);
      onRecorded(r.order.id);
    } catch (e) {
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('recordCall')} size="small">
      <Form<CallValues>
        form={form}
        layout="vertical"
        id="call-form"
        initialValues={{ line: '12345' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="line" label={t('line')}>
          <Radio.Group
            options={[
              { value: '12345', label: '12345' },
              { value: '12319', label: '12319' },
            ]}
          />
        </Form.Item>
        <Form.Item name="hotlineType" label={t('hotlineType')} rules={[{ required: true }]}>
          <Select
            id="call-type"
            showSearch={{ optionFilterProp: 'label' }}
            options={types.map((x) => ({ value: x.code, label: `${x.code} ${x.name[lang]}` }))}
          />
        </Form.Item>
        <Space>
          <Form.Item name="callerName" label={t('callerName')}>
            <Input id="call-name" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="callerPhone"
            label={t('callerPhone')}
            rules={[{ required: true, pattern: /^[0-9+\- ]{3,20}$/ }]}
          >
            <Input id="call-phone" maxLength={20} />
          </Form.Item>
        </Space>
        <Form.Item
          name="address"
          label={t('address')}
          rules={[{ required: true, whitespace: true }]}
          extra={
            point ? (
              <span id="address-pinned">
                {t('addressFound')} {point.lng.toFixed(5)}, {point.lat.toFixed(5)}
              </span>
            ) : candidates.length > 0 ? (
              t('addressNotPinned')
            ) : null
          }
        >
          <AutoComplete
            id="call-address"
            options={candidates.map((c) => ({
              value: c.label,
              label: `${c.label} · ${c.precision}`,
            }))}
            showSearch={{ onSearch: (q: string) => void search(q) }}
            onSelect={(v: string) => void search(v)}
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('urgency')}>
          <Select
            allowClear
            options={(['normal', 'pressing', 'urgent'] as const).map((u) => ({
              value: u,
              label: pick(URGENCY_LABELS[u]),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('description')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea id="call-description" rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} id="call-submit">
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** One order as GET /hotline/orders/{id} gives it: with its case number and caller. */
function OrderCard({ o: listed, onDone }: { o: Order; onDone: () => void }) {
  const { t, pick } = useI18n();
  const s = useSession();
  const unitName = useUnitNames();
  const [step, setStep] = useState<OrderStep | null>(null);
  const [o, setOrder] = useState<Order>(listed);
  const reload = useCallback(async () => {
    const r = await api.GET('/api/v1/hotline/orders/{id}', {
      params: { path: { id: listed.id } },
    });
    if (r.data) setOrder(r.data.order);
  }, [listed.id]);
  useEffect(() => {
    void reload();
  }, [reload, listed.version]);
  const steps = orderSteps(o, s.capabilities);
  return (
    <Card
      size="small"
      title={
        <a href={`#/cases/${o.id}`} id="order-case">
          {o.caseNumber}
        </a>
      }
      extra={
        <Space>
          {steps.map((x) => (
            <Button key={x} type="primary" data-order-step={x} onClick={() => setStep(x)}>
              {t(STEP_LABEL[x])}
            </Button>
          ))}
        </Space>
      }
    >
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('status')}>
          <Tag color={ORDER_STATUS[o.status].color} data-order-state={o.status}>
            {pick(ORDER_STATUS[o.status])}
          </Tag>
          {o.reopenCount > 0 ? <Tag>↻ {o.reopenCount}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('line')}>
          {o.line} · {o.hotlineType}
        </Descriptions.Item>
        <Descriptions.Item label={t('mainUnit')}>{unitName(o.unitId)}</Descriptions.Item>
        <Descriptions.Item label={t('callerName')}>
          {[o.caller?.name, o.caller?.phone].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('respondDue')}>
          {formatInstant(o.respondDueAt)} {o.respondedAt ? `✓ ${formatInstant(o.respondedAt)}` : ''}
          {o.respondedLate ? <Tag color="red">{t('overdue')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('handleDue')}>
          {formatInstant(o.handleDueAt)} {o.repliedAt ? `✓ ${formatInstant(o.repliedAt)}` : ''}
          {o.handledLate ? <Tag color="red">{t('overdue')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('reply')}>{o.replyNote ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('callBack')}>
          {o.callBack ? (
            <span data-call-back={o.callBack.result}>
              {t(RESULT_LABEL[o.callBack.result])} {o.callBack.note ?? ''}
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('linkedCalls')}>{o.linkedCalls}</Descriptions.Item>
      </Descriptions>
      {step && (
        <StepDialog
          o={o}
          step={step}
          onClose={(done) => {
            setStep(null);
            if (done) {
              void reload();
              onDone();
            }
          }}
        />
      )}
    </Card>
  );
}

const RESULT_LABEL: Record<'satisfied' | 'basically_satisfied' | 'dissatisfied', StringKey> = {
  satisfied: 'satisfied',
  basically_satisfied: 'basicallySatisfied',
  dissatisfied: 'dissatisfied',
};

type StepValues = { note?: string; result?: 'satisfied' | 'basically_satisfied' | 'dissatisfied' };

function StepDialog({
  o,
  step,
  onClose,
}: {
  o: Order;
  step: OrderStep;
  onClose: (done: boolean) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const [busy, setBusy] = useState(false);
  const result = Form.useWatch('result', form);
  const submit = async (v: StepValues) => {
    setBusy(true);
    const note = v.note?.trim();
    const path = { params: { path: { id: o.id } } };
    try {
      if (step === 'respond')
        unwrap(
          await api.POST('/api/v1/hotline/orders/{id}/respond', {
            ...path,
            body: note ? { note } : {},
          }),
        );
      else if (step === 'reply')
        unwrap(
          await api.POST('/api/v1/hotline/orders/{id}/reply', {
            ...path,
            body: { note: note ?? '' },
          }),
        );
      else
        unwrap(
          await api.POST('/api/v1/hotline/orders/{id}/call-back', {
            ...path,
            body: { result: v.result ?? 'satisfied', ...(note ? { note } : {}) },
          }),
        );
      void message.success(`${o.caseNumber} · ${t(STEP_LABEL[step])}`);
      onClose(true);
    } catch (e) {
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
    } finally {
      setBusy(false);
    }
  };
  const noteRequired = step === 'reply' || (step === 'call-back' && result === 'dissatisfied');
  return (
    <Modal
      open
      title={`${t(STEP_LABEL[step])} · ${o.caseNumber}`}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ id: 'step-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ result: 'satisfied' }}
        onFinish={(v) => void submit(v)}
      >
        {step === 'call-back' && (
          <Form.Item name="result" label={t('result')}>
            <Radio.Group
              id="call-back-result"
              options={(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((r) => ({
                value: r,
                label: t(RESULT_LABEL[r]),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('note')}
          rules={noteRequired ? [{ required: true, whitespace: true }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} id="step-note" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        {t('linkedCalls')}: {o.linkedCalls}
      </Typography.Text>
    </Modal>
  );
}
