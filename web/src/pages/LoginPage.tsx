import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function LoginPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { t, pick } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      // The answer sets the session cookie; the token in the body is for API clients.
      unwrap(await api.POST('/api/v1/auth/login', { body: v }));
      await onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.text) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}
    >
      <Card style={{ width: 360 }} title={t('appName')} extra={<LangSwitch />}>
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void submit(v)}
        >
          <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
            <Input autoFocus autoComplete="username" id="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="login-password" />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              title={`${t('loginFailed')}: ${error}`}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" block loading={busy} id="login-submit">
            {t('login')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          gridloop
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
