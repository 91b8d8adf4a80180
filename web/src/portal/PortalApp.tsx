import {
  Alert,
  Button,
  Card,
  Empty,
  Image,
  Input,
  List,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.gen.ts';
import { matchPath, navigate, useRoute } from '../lib/route.ts';
import { usePortalI18n } from './lang.tsx';
import { ago, channelOf, cleanCode, rememberCode, STEPS, stepOf } from './plain.ts';
import type { Pin } from './PinMap.tsx';

// MapLibre is the biggest library: loaded only on the report page.
const PinMap = lazy(() => import('./PinMap.tsx').then((m) => ({ default: m.PinMap })));

type Topic =
  paths['/api/v1/public/categories']['get']['responses']['200']['content']['application/json']['items'][number];
type Progress =
  paths['/api/v1/public/portal-reports/{trackingCode}']['get']['responses']['200']['content']['application/json'];
type Rating = NonNullable<Progress['rating']>['rating'];

const CODES_KEY = 'gridloop.portal.codes';
const PHONE_KEY = 'gridloop.portal.phone';
const myCodes = (): string[] => {
  try {
    const v = JSON.parse(localStorage.getItem(CODES_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
};

function useErrorText(): (e: unknown) => string {
  const { pick } = usePortalI18n();
  return useCallback((e: unknown) => (e instanceof ApiError ? pick(e.text) : String(e)), [pick]);
}

export function PortalApp() {
  const { t, toggle } = usePortalI18n();
  const { path } = useRoute();
  const track = matchPath('/track/:code', path);
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', minHeight: '100vh', background: '#f5f6f8' }}>
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '10px 12px',
          background: '#1677ff',
          color: '#fff',
        }}
      >
        <a href="#/" style={{ color: '#fff', fontWeight: 600, fontSize: 17 }}>
          {t('title')}
        </a>
        <Button size="small" ghost onClick={toggle} id="portal-lang">
          {t('language')}
        </Button>
      </header>
      <main style={{ padding: 12 }}>
        {path === '/report' ? (
          <ReportPage />
        ) : track ? (
          <TrackPage code={track.code ?? ''} />
        ) : (
          <HomePage />
        )}
      </main>
    </div>
  );
}

function HomePage() {
  const { t } = usePortalI18n();
  const [code, setCode] = useState('');
  const [bad, setBad] = useState(false);
  const codes = myCodes();
  const go = () => {
    const c = cleanCode(code);
    setBad(c === null);
    if (c) navigate(`/track/${c}`);
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      <Button type="primary" size="large" block href="#/report" id="portal-start-report">
        {t('report')}
      </Button>
      <Card size="small" title={t('track')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id="portal-code"
            placeholder={t('enterCode')}
            value={code}
            maxLength={14}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={go}
            status={bad ? 'error' : ''}
          />
          <Button type="primary" onClick={go} id="portal-code-go">
            {t('search')}
          </Button>
        </Space.Compact>
        {bad && <Typography.Text type="danger">{t('badCode')}</Typography.Text>}
      </Card>
      {codes.length > 0 && (
        <Card size="small" title={t('myReports')}>
          <List
            size="small"
            dataSource={codes}
            renderItem={(c) => (
              <List.Item>
                <a href={`#/track/${c}`} data-my-code={c}>
                  {c}
                </a>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

function ReportPage() {
  const { t, lang } = usePortalI18n();
  const errorText = useErrorText();
  const [topics, setTopics] = useState<Topic[]>([]);
  const [topic, setTopic] = useState<string | undefined>(undefined);
  const [pin, setPin] = useState<Pin | null>(null);
  const [goTo, setGoTo] = useState<Pin | null>(null);
  const [place, setPlace] = useState<string | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState(() => localStorage.getItem(PHONE_KEY) ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef(0);
  const findTopics = useCallback((q: string) => {
    const n = ++search.current;
    void api.GET('/api/v1/public/categories', { params: { query: { q, limit: 20 } } }).then((r) => {
      if (n === search.current && r.data) setTopics(r.data.items);
    });
  }, []);
  useEffect(() => findTopics(''), [findTopics]);
  useEffect(() => {
    if (!pin) return;
    setPlace(null);
    let live = true;
    void api
      .GET('/api/v1/locate', { params: { query: { lng: pin.lng, lat: pin.lat, crs: 'wgs84' } } })
      .then((r) => {
        if (!live) return;
        if (!r.data) setPlace('');
        else
          setPlace(
            [r.data.street.name, r.data.community.name].filter((x) => x).join(' · ') ||
              r.data.grid.code,
          );
      });
    return () => {
      live = false;
    };
  }, [pin]);
  const locateMe = () => {
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const here = { lng: p.coords.longitude, lat: p.coords.latitude };
        setPin(here);
        setGoTo(here);
      },
      () => setProblem(t('noLocation')),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  const submit = async () => {
    setProblem(null);
    const missing = !topic
      ? 'needWhat'
      : !pin
        ? 'needWhere'
        : !description.trim()
          ? 'needDescribe'
          : null;
    if (missing || !topic || !pin) {
      setProblem(t(missing ?? 'needWhat'));
      return;
    }
    setBusy(true);
    try {
      // The photos first (each placed by the pin), then the report naming them.
      const photoIds: string[] = [];
      for (const f of photos) {
        const body = new FormData();
        body.append('file', f);
        const r = await api.POST('/api/v1/public/photos', {
          params: { query: { lng: pin.lng, lat: pin.lat, crs: 'wgs84' } },
          body: body as never,
          bodySerializer: (b: unknown) => b as FormData,
        });
        photoIds.push(unwrap(r).photoId);
      }
      const r = await api.POST('/api/v1/public/portal-reports', {
        params: { header: { 'idempotency-key': crypto.randomUUID() } },
        body: {
          channel: channelOf(navigator.userAgent),
          topic,
          location: { lng: pin.lng, lat: pin.lat, crs: 'wgs84' },
          description: description.trim(),
          ...(address.trim() ? { address: address.trim() } : {}),
          ...(photoIds.length ? { photoIds } : {}),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
        },
      });
      const made = unwrap(r);
      localStorage.setItem(CODES_KEY, JSON.stringify(rememberCode(myCodes(), made.trackingCode)));
      if (phone.trim()) localStorage.setItem(PHONE_KEY, phone.trim());
      navigate(`/track/${made.trackingCode}?new=1`);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} id="portal-report">
      <a href="#/">‹ {t('back')}</a>
      <Card size="small" title={t('what')}>
        <Select
          id="portal-topic"
          allowClear
          style={{ width: '100%' }}
          placeholder={t('whatHint')}
          showSearch={{ filterOption: false, onSearch: findTopics }}
          value={topic}
          onChange={(v: string | undefined) => setTopic(v)}
          options={topics.map((x) => ({
            value: x.code,
            label: lang === 'zh' ? x.nameZh : x.nameEn,
          }))}
          notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        />
      </Card>
      <Card
        size="small"
        title={t('where')}
        extra={
          <Button size="small" onClick={locateMe} id="portal-locate">
            {t('locateMe')}
          </Button>
        }
        styles={{ body: { padding: 8 } }}
      >
        <Suspense fallback={<Spin />}>
          <PinMap pin={pin} onPin={setPin} goTo={goTo} />
        </Suspense>
        {pin && (
          <Typography.Text
            type={place === '' ? 'danger' : 'secondary'}
            id="portal-pin"
            data-lng={pin.lng.toFixed(6)}
            data-lat={pin.lat.toFixed(6)}
          >
            {t('pinAt')} {pin.lng.toFixed(5)}, {pin.lat.toFixed(5)}
            {place === null ? '' : place === '' ? ` · ${t('outside')}` : ` · ${place}`}
          </Typography.Text>
        )}
        <Input
          style={{ marginTop: 8 }}
          id="portal-address"
          placeholder={t('address')}
          value={address}
          maxLength={300}
          onChange={(e) => setAddress(e.target.value)}
        />
      </Card>
      <Card size="small" title={t('photo')}>
        <label
          style={{
            display: 'block',
            border: '1px dashed #91caff',
            borderRadius: 8,
            padding: 12,
            textAlign: 'center',
            color: '#1677ff',
          }}
        >
          {t('addPhoto')}
          <input
            id="portal-photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            style={{ display: 'none' }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) setPhotos((p) => [...p, f].slice(-3));
              e.target.value = '';
            }}
          />
        </label>
        <Space wrap style={{ marginTop: 8 }}>
          {photos.map((f, i) => (
            <Tag
              key={`${f.name}-${i}`}
              closable
              onClose={() => setPhotos((p) => p.filter((_, j) => j !== i))}
              data-photo-chosen={f.name}
            >
              {f.name}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card size="small" title={t('describe')}>
        <Input.TextArea
          id="portal-description"
          rows={3}
          maxLength={2000}
          placeholder={t('describeHint')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <Input
          style={{ marginTop: 8 }}
          id="portal-phone"
          inputMode="tel"
          placeholder={t('phone')}
          value={phone}
          maxLength={20}
          onChange={(e) => setPhone(e.target.value)}
        />
      </Card>
      {problem && <Alert type="error" showIcon title={problem} id="portal-problem" />}
      <Button
        type="primary"
        size="large"
        block
        loading={busy}
        onClick={() => void submit()}
        id="portal-submit"
      >
        {busy ? t('sending') : t('submit')}
      </Button>
    </Space>
  );
}

function TrackPage({ code }: { code: string }) {
  const { t, lang, pick } = usePortalI18n();
  const errorText = useErrorText();
  const { query } = useRoute();
  const fresh = query.get('new') === '1';
  const [p, setP] = useState<Progress | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.GET('/api/v1/public/portal-reports/{trackingCode}', {
      params: { path: { trackingCode: code } },
    });
    if (r.response.status === 404) {
      setP(null);
      return;
    }
    try {
      setP(unwrap(r));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [code, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  if (p === undefined && !error) return <Spin />;
  if (p === null)
    return <Result status="404" title={t('notFound')} extra={<a href="#/">{t('back')}</a>} />;
  if (!p) return <Alert type="error" title={error} />;
  const step = stepOf(p.phase);
  const now = new Date();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} id="portal-track">
      <a href="#/">‹ {t('back')}</a>
      {fresh && (
        <Alert
          type="success"
          showIcon
          title={t('thanks')}
          description={
            <>
              {t('keepCode')}{' '}
              <Typography.Text copyable strong style={{ fontSize: 20 }} id="portal-new-code">
                {p.trackingCode}
              </Typography.Text>
            </>
          }
        />
      )}
      <Card
        size="small"
        title={t('progress')}
        extra={
          <Button size="small" onClick={() => void load()} id="portal-refresh">
            {t('refresh')}
          </Button>
        }
      >
        <Typography.Title
          level={4}
          style={{ marginTop: 0 }}
          id="portal-phase"
          data-phase={p.phase}
          data-code={p.trackingCode}
        >
          {pick(p.text)}
        </Typography.Title>
        <Steps
          size="small"
          orientation="horizontal"
          responsive={false}
          titlePlacement="vertical"
          current={step.current}
          status={step.status}
          items={STEPS.map((s) => ({ title: s[lang] }))}
          style={{ marginBottom: 12 }}
        />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {p.topic ? pick(p.topic) : ''} · {t('caseNumber')} {p.caseNumber}
        </Typography.Paragraph>
        {p.unit && (
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('handledBy')}: {pick(p.unit)}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary">
          {t('updated')} {ago(new Date(p.updatedAt), now, lang)}
        </Typography.Text>
      </Card>
      <Card size="small">
        <Timeline
          items={[...p.timeline].reverse().map((e) => ({
            children: (
              <span data-timeline={e.phase}>
                {pick(e.text)}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {ago(new Date(e.at), now, lang)}
                </Typography.Text>
              </span>
            ),
            color: e.phase === 'closed' ? 'green' : 'blue',
          }))}
        />
      </Card>
      {p.afterPhotos.length > 0 && (
        <Card size="small" title={t('after')}>
          <Image.PreviewGroup>
            <Space wrap>
              {p.afterPhotos.map((ph) => (
                <Image
                  key={ph.photoId}
                  src={ph.url}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  data-after-photo={ph.photoId}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}
      {p.rating ? (
        <Card size="small" title={t('rated')} id="portal-rated" data-rating={p.rating.rating}>
          <Tag color={p.rating.rating === 'dissatisfied' ? 'red' : 'green'}>
            {t(p.rating.rating)}
          </Tag>
          {p.rating.comment}
        </Card>
      ) : p.mayRate ? (
        <RateCard code={p.trackingCode} onRated={() => void load()} />
      ) : null}
      {error && <Alert type="error" title={error} />}
    </Space>
  );
}

function RateCard({ code, onRated }: { code: string; onRated: () => void }) {
  const { t } = usePortalI18n();
  const errorText = useErrorText();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState(() => localStorage.getItem(PHONE_KEY) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!rating) return;
    setBusy(true);
    try {
      unwrap(
        await api.POST('/api/v1/public/portal-reports/{trackingCode}/rating', {
          params: { path: { trackingCode: code } },
          body: {
            rating,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
          },
        }),
      );
      onRated();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('rate')} id="portal-rate">
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        value={rating}
        onChange={(e) => setRating(e.target.value as Rating)}
        options={(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((r) => ({
          value: r,
          label: <span data-rate={r}>{t(r)}</span>,
        }))}
      />
      <Input.TextArea
        style={{ marginTop: 8 }}
        rows={2}
        maxLength={500}
        placeholder={t('comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        id="portal-comment"
      />
      <Input
        style={{ marginTop: 8 }}
        inputMode="tel"
        placeholder={t('phone')}
        value={phone}
        maxLength={20}
        onChange={(e) => setPhone(e.target.value)}
      />
      {error && <Alert style={{ marginTop: 8 }} type="error" title={error} />}
      <Button
        style={{ marginTop: 8 }}
        type="primary"
        block
        disabled={!rating}
        loading={busy}
        onClick={() => void send()}
        id="portal-send-rating"
      >
        {t('sendRating')}
      </Button>
    </Card>
  );
}
