import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap, type DispatchRule } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  draftOf,
  flattenUnits,
  replacementBody,
  ruleOrder,
  type RuleDraft,
  type UnitOption,
} from '../lib/rules.ts';
import { useSession } from '../session.tsx';

type Trial = {
  unitId: string;
  unitName: string | null;
  ruleId: string;
  reason: string;
  grid: string;
};

/**
 * 以案定责 in the base-data admin: the dispatch rules in one's scope, edited by replacing them
 * (the old version is deactivated, never deleted), and the tester "which unit would get this
 * case" (GET /api/v1/dispatch-trial, the same matching as a real case's suggestion).
 */
export function AdminRulesPage() {
  const { t, pick } = useI18n();
  const s = useSession();
  const { message } = App.useApp();
  const canWrite = s.capabilities.includes('dispatch_rule.write');
  const [rules, setRules] = useState<DispatchRule[]>([]);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [editing, setEditing] = useState<{ old: DispatchRule | null } | null>(null);
  const [trial, setTrial] = useState<Trial | null>(null);
  const [form] = Form.useForm<RuleDraft>();
  const [tester] = Form.useForm<{
    kind: 'component' | 'event';
    code: string;
    lng: number;
    lat: number;
  }>();
  const fail = useCallback(
    (e: unknown) =>
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e)),
    [message, pick],
  );
  const load = useCallback(async () => {
    const r = unwrap(await api.GET('/api/v1/dispatch-rules'));
    setRules([...r.items].sort(ruleOrder));
  }, []);
  useEffect(() => {
    void load().catch(fail);
    void api
      .GET('/api/v1/units')
      .then((r) => setUnits(flattenUnits(unwrap(r).items as Parameters<typeof flattenUnits>[0])))
      .catch(fail);
  }, [load, fail]);
  const unitName = (id: string) => units.find((u) => u.value === id)?.label ?? id;

  const blank: RuleDraft = {
    districtCode: s.user.districtCode.endsWith('00') ? null : s.user.districtCode,
    categoryKind: 'event',
    categoryCode: '*',
    regionLevel: null,
    regionCode: null,
    loopLevel: null,
    unitId: '',
    autoDispatch: false,
    priority: 0,
  };
  const open = (old: DispatchRule | null) => {
    form.setFieldsValue(old ? draftOf(old) : blank);
    setEditing({ old });
  };
  const save = async () => {
    const d = await form.validateFields();
    const old = editing?.old ?? null;
    try {
      const made = unwrap(
        await api.POST('/api/v1/dispatch-rules', {
          body: replacementBody(old, { ...(old ? draftOf(old) : blank), ...d }),
        }),
      );
      if (old)
        unwrap(
          await api.POST('/api/v1/dispatch-rules/{id}/deactivate', {
            params: { path: { id: old.id } },
          }),
        );
      void message.success(`${t('saved')} ${made.id}`);
      setEditing(null);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const runTrial = async () => {
    const v = await tester.validateFields();
    try {
      const r = unwrap(
        await api.GET('/api/v1/dispatch-trial', {
          params: {
            query: { categoryKind: v.kind, categoryCode: v.code, lng: v.lng, lat: v.lat },
          },
        }),
      );
      setTrial({
        unitId: r.unit.id,
        unitName: r.unit.nameZh,
        ruleId: r.rule.id,
        reason: pick(r.reason),
        grid: `${r.location.grid.name ?? ''} ${r.location.grid.code}`,
      });
    } catch (e) {
      setTrial(null);
      fail(e);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title={t('dispatchTester')} id="rule-tester">
        <Form
          form={tester}
          layout="inline"
          initialValues={{ kind: 'event', code: '', lng: undefined, lat: undefined }}
          onFinish={() => void runTrial()}
        >
          <Form.Item name="kind" label={t('kind')}>
            <Select
              id="trial-kind"
              style={{ width: 110 }}
              options={[
                { value: 'component', label: t('component') },
                { value: 'event', label: t('event') },
              ]}
            />
          </Form.Item>
          <Form.Item name="code" label={t('category')} rules={[{ required: true }]}>
            <Input id="trial-code" style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('lng')} rules={[{ required: true }]}>
            <InputNumber id="trial-lng" step={0.001} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="lat" label={t('lat')} rules={[{ required: true }]}>
            <InputNumber id="trial-lat" step={0.001} style={{ width: 110 }} />
          </Form.Item>
          <Button id="trial-submit" type="primary" htmlType="submit">
            {t('tryRules')}
          </Button>
        </Form>
        {trial && (
          <Descriptions
            id="trial-result"
            data-trial-unit={trial.unitId}
            data-trial-rule={trial.ruleId}
            size="small"
            column={1}
            style={{ marginTop: 12 }}
          >
            <Descriptions.Item label={t('keyUnitId')}>
              {trial.unitName ?? trial.unitId} <Tag>{trial.unitId}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('keyRuleId')}>{trial.ruleId}</Descriptions.Item>
            <Descriptions.Item label={t('grids')}>{trial.grid}</Descriptions.Item>
            <Descriptions.Item label={t('why')}>{trial.reason}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card
        title={t('dispatchRules')}
        extra={
          canWrite && (
            <Button id="rule-new" onClick={() => open(null)}>
              {t('newRule')}
            </Button>
          )
        }
      >
        <Table<DispatchRule>
          id="rule-table"
          rowKey="id"
          size="small"
          dataSource={rules}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: 'ID', dataIndex: 'id' },
            {
              title: t('district'),
              dataIndex: 'districtCode',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('category'),
              render: (_, r) =>
                `${r.categoryKind === 'event' ? t('event') : t('component')} ${r.categoryCode}`,
            },
            {
              title: t('region'),
              render: (_, r) => (r.regionLevel ? `${r.regionLevel} ${r.regionCode ?? ''}` : '—'),
            },
            { title: t('keyUnitId'), render: (_, r) => unitName(r.unitId) },
            { title: t('priority'), dataIndex: 'priority' },
            {
              title: t('autoDispatch'),
              render: (_, r) => (r.autoDispatch ? t('yes') : t('no')),
            },
            ...(canWrite
              ? [
                  {
                    title: '',
                    render: (_: unknown, r: DispatchRule) => (
                      <Space>
                        <Button size="small" data-rule-edit={r.id} onClick={() => open(r)}>
                          {t('edit')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          data-rule-off={r.id}
                          onClick={() =>
                            void api
                              .POST('/api/v1/dispatch-rules/{id}/deactivate', {
                                params: { path: { id: r.id } },
                              })
                              .then(unwrap)
                              .then(load)
                              .catch(fail)
                          }
                        >
                          {t('deactivate')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing?.old ? `${t('edit')} ${editing.old.id}` : t('newRule')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okButtonProps={{ id: 'rule-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="districtCode" label={t('district')}>
            <Input id="rule-district" placeholder="530114" />
          </Form.Item>
          <Form.Item name="categoryKind" label={t('kind')}>
            <Select
              options={[
                { value: 'component', label: t('component') },
                { value: 'event', label: t('event') },
              ]}
            />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('category')} extra="01001 / 01 / *">
            <Input id="rule-category" />
          </Form.Item>
          <Form.Item name="regionLevel" label={t('region')}>
            <Select
              allowClear
              options={['district', 'street', 'community', 'grid'].map((v) => ({
                value: v,
                label: v,
              }))}
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t('regionCode')}>
            <Input id="rule-region-code" />
          </Form.Item>
          <Form.Item name="unitId" label={t('keyUnitId')} rules={[{ required: true }]}>
            <Select
              id="rule-unit"
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((u) => ({ value: u.value, label: `${u.label} (${u.value})` }))}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('priority')}>
            <InputNumber min={-1000} max={1000} />
          </Form.Item>
          <Form.Item name="autoDispatch" label={t('autoDispatch')} valuePropName="checked">
            <Switch id="rule-auto" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
