import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import { unitList, useUnitNames } from '../api/hooks.ts';
import type { components } from '../api/schema.gen.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/dates.ts';
import { nextWhistleStep, type WhistleStep } from '../lib/desk-steps.ts';
import { useCan, useSession } from '../session.tsx';

type Whistle = components['schemas']['Whistle'];
type Summons = Whistle['summons'][number];
type BlowValues = { caseNumber: string; unitIds: string[]; reason: string };

const STATUS_COLOR: Record<Whistle['status'], string> = {
  open: 'orange',
  resolved: 'green',
  unresolved: 'red',
};

/**
 * The whistle board (吹哨报到): a community, street or district blows the whistle on a case it
 * cannot solve alone and summons departments; each summoned department reports (响应 → 到场 →
 * 处置反馈) against its deadlines; the whistler closes the whistle as resolved or not.
 */
export function WhistlesPage() {
  const { t, pick } = useI18n();
  const canBlow = useCan('whistle.blow');
  const [items, setItems] = useState<Whistle[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const load = useCallback(async () => {
    setItems(unwrap(await api.GET('/api/v1/whistles', { params: { query: { limit: 50 } } })).items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const current = items.find((w) => w.id === selected) ?? items[0] ?? null;
  return (
    <Row gutter={16}>
      <Col span={9}>
        {canBlow && (
          <BlowForm
            onBlown={(id) => {
              setSelected(id);
              void load();
            }}
          />
        )}
        <Card size="small" title={t('whistles')} style={{ marginTop: canBlow ? 16 : 0 }}>
          <List
            id="whistles"
            dataSource={items}
            locale={{ emptyText: t('emptyQueue') }}
            renderItem={(w) => (
              <List.Item
                data-whistle={w.id}
                onClick={() => setSelected(w.id)}
                style={{
                  cursor: 'pointer',
                  background: current?.id === w.id ? '#e6f4ff' : undefined,
                }}
              >
                <Space>
                  <Tag>{pick(w.levelLabel)}</Tag>
                  <Tag color={STATUS_COLOR[w.status]}>
                    {t(w.status === 'open' ? 'inProgress' : w.status)}
                  </Tag>
                  <span>{w.reason}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col span={15}>
        {current ? (
          <WhistleCard
            key={`${current.id}-${String(current.version)}`}
            w={current}
            onDone={() => void load()}
          />
        ) : (
          <Empty />
        )}
      </Col>
    </Row>
  );
}

function BlowForm({ onBlown }: { onBlown: (id: string) => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<BlowValues>();
  const [busy, setBusy] = useState(false);
  useUnitNames();
  const submit = async (v: BlowValues) => {
    setBusy(true);
    try {
      const found = unwrap(
        await api.GET('/api/v1/cases', { params: { query: { caseNumber: v.caseNumber.trim() } } }),
      ).items[0];
      if (!found) throw new Error(`${t('caseNumber')} ${v.caseNumber}?`);
      const w = unwrap(
        await api.POST('/api/v1/whistles', {
          body: { caseId: found.id, unitIds: v.unitIds, reason: v.reason.trim() },
        }),
      );
      void message.success(`${t('blowWhistle')} · ${pick(w.levelLabel)}`);
      form.resetFields();
      onBlown(w.id);
    } catch (e) {
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
    } finally {
      setBusy(false);
    }
  };
  // unitList fills once the unit tree has loaded (useUnitNames asks for it and re-renders).
  return (
    <Card size="small" title={t('blowWhistle')}>
      <Form<BlowValues>
        form={form}
        layout="vertical"
        id="blow-form"
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="caseNumber"
          label={t('caseNumber')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input id="blow-case" maxLength={24} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('departments')} rules={[{ required: true }]}>
          <Select
            id="blow-units"
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={unitList().map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea id="blow-reason" rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} id="blow-submit">
          {t('blowWhistle')}
        </Button>
      </Form>
    </Card>
  );
}

function WhistleCard({ w, onDone }: { w: Whistle; onDone: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const s = useSession();
  const canBlow = useCan('whistle.blow');
  const canReport = useCan('whistle.report');
  const unitName = useUnitNames();
  const [closing, setClosing] = useState(false);
  const next = canReport ? nextWhistleStep(w, s.user.unitId) : null;
  const report = async (step: WhistleStep) => {
    try {
      unwrap(
        await api.POST('/api/v1/whistles/{id}/reports', {
          params: { path: { id: w.id } },
          body: step === 'feedback' ? { step, note: t('feedback') } : { step },
        }),
      );
      void message.success(t(step));
      onDone();
    } catch (e) {
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
    }
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          {pick(w.levelLabel)}
          <Tag color={STATUS_COLOR[w.status]} data-whistle-status={w.status}>
            {t(w.status === 'open' ? 'inProgress' : w.status)}
          </Tag>
          <a href={`#/cases/${w.caseId}`}>{t('detail')}</a>
        </Space>
      }
      extra={
        <Space>
          {next && (
            <Button type="primary" data-report-step={next} onClick={() => void report(next)}>
              {t(next)}
            </Button>
          )}
          {canBlow && w.status === 'open' && (
            <Button id="close-whistle" onClick={() => setClosing(true)}>
              {t('closeWhistle')}
            </Button>
          )}
        </Space>
      }
    >
      <p>
        {w.reason} · {formatInstant(w.whistledAt)}
      </p>
      <Table
        size="small"
        pagination={false}
        rowKey="unitId"
        id="summons"
        dataSource={w.summons}
        onRow={(x) => ({ 'data-summons': x.unitId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('departments'),
            key: 'unit',
            render: (_: unknown, x: Summons) => unitName(x.unitId),
          },
          ...(['acknowledge', 'arrive', 'feedback'] as const).map((step) => ({
            title: t(step),
            key: step,
            render: (_: unknown, x: Summons) =>
              x.done[step] ? (
                <Tag color="green" data-done={step}>
                  {formatInstant(x.done[step])}
                </Tag>
              ) : x.missed.includes(step) ? (
                <Tag color="red">{t('missed')}</Tag>
              ) : (
                <span>
                  {t('due')} {formatInstant(x.due[step])}
                </span>
              ),
          })),
        ]}
      />
      {closing && (
        <CloseDialog
          w={w}
          onClose={(done) => {
            setClosing(false);
            if (done) onDone();
          }}
        />
      )}
    </Card>
  );
}

function CloseDialog({ w, onClose }: { w: Whistle; onClose: (done: boolean) => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'resolved' | 'unresolved'; note: string }>();
  return (
    <Modal
      open
      title={t('closeWhistle')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('submit')}
      cancelText={t('cancel')}
      okButtonProps={{ id: 'close-whistle-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'resolved' }}
        onFinish={(v) =>
          void api
            .POST('/api/v1/whistles/{id}/close', {
              params: { path: { id: w.id } },
              body: { outcome: v.outcome, note: v.note.trim() },
            })
            .then(unwrap)
            .then(
              () => onClose(true),
              (e: unknown) =>
                void message.error(
                  e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e),
                ),
            )
        }
      >
        <Form.Item name="outcome">
          <Radio.Group
            options={[
              { value: 'resolved', label: t('resolved') },
              { value: 'unresolved', label: t('unresolved') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('note')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={2000} id="close-whistle-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
