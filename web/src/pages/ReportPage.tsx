import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import { PhotoField, uploadPhotos } from '../components/PhotoField.tsx';
import { URGENCY_LABELS } from '../components/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../lib/route.ts';
import { useSession } from '../session.tsx';

type Category = {
  kind: 'component' | 'event';
  code: string;
  name: { zh: string; en: string | null };
};
type Values = {
  category: string;
  urgency: 'urgent' | 'pressing' | 'normal';
  lng: number;
  lat: number;
  address?: string;
  description: string;
  photos?: UploadFile[];
};

/** A supervisor's report from the console (the field app is the usual way; this is the same API). */
export function ReportPage() {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const s = useSession();
  const [cats, setCats] = useState<Category[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.GET('/api/v1/categories').then((r) => setCats(r.data?.items ?? []));
  }, []);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const cat = cats.find((c) => `${c.kind}:${c.code}` === v.category);
      if (!cat) throw new Error('category');
      const photoIds = await uploadPhotos(v.photos);
      const created = unwrap(
        await api.POST('/api/v1/cases', {
          body: {
            source: s.user.role === 'city_supervisor' ? 'city_supervisor' : 'supervisor',
            kind: cat.kind,
            categoryCode: cat.code,
            urgency: v.urgency,
            location: { lng: v.lng, lat: v.lat },
            description: v.description,
            ...(v.address ? { address: v.address } : {}),
            ...(photoIds.length ? { photoIds } : {}),
          },
        }),
      );
      void message.success(`${t('reported')} ${created.caseNumber}`);
      navigate(`/cases/${created.id}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('report')} style={{ maxWidth: 720 }}>
      <Form<Values>
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ urgency: 'normal' }}
        id="report-form"
      >
        <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
          <Select
            id="report-category"
            showSearch={{ optionFilterProp: 'label' }}
            options={cats.map((c) => ({
              value: `${c.kind}:${c.code}`,
              label: `${c.code} ${c.name[lang] ?? c.name.zh} (${c.kind === 'component' ? t('component') : t('event')})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('urgency')}>
          <Select
            options={(['normal', 'pressing', 'urgent'] as const).map((u) => ({
              value: u,
              label: pick(URGENCY_LABELS[u]),
            }))}
          />
        </Form.Item>
        <Space>
          <Form.Item name="lng" label={t('lng')} rules={[{ required: true }]}>
            <InputNumber id="report-lng" step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lat" label={t('lat')} rules={[{ required: true }]}>
            <InputNumber id="report-lat" step={0.0001} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('address')}>
          <Input id="report-address" maxLength={300} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('description')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea id="report-description" rows={3} maxLength={2000} />
        </Form.Item>
        <PhotoField label={t('photos')} />
        <Button type="primary" htmlType="submit" loading={busy} id="report-submit">
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
