import { useMemo, useState } from 'react';
import type { Case } from '../api/client.ts';
import { distanceM } from './lib/bearing.ts';
import {
  indexCategories,
  searchCategories,
  suggestCategories,
  type PickCategory,
} from './lib/category-search.ts';
import { putItem } from './lib/outbox-db.ts';
import { newOutboxItem, type PhotoRole, type ReportDraft } from './lib/queue.ts';
import type { NearbyComponent } from './data.ts';
import type { Fix } from './position.ts';

type Picked = Pick<PickCategory, 'kind' | 'code' | 'nameZh' | 'nameEn'>;

const NEAR_M = 300;

const text = (f: FormData, name: string): string => {
  const v = f.get(name);
  return typeof v === 'string' ? v : '';
};

/**
 * 上报 / 自行处置: a photo from the camera, the GPS position, a category found by name, keyword,
 * pinyin initials or code (or suggested from the components and open cases nearby); saved on the
 * phone first with its idempotency key, sent by the outbox.
 */
export function ReportView(props: {
  fix: Fix | null;
  categories: readonly PickCategory[];
  openCases: readonly Case[];
  components: readonly NearbyComponent[];
  onQueued: () => void;
}) {
  const { fix, categories, openCases, components } = props;
  const indexed = useMemo(() => indexCategories(categories), [categories]);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [selfHandle, setSelfHandle] = useState(false);
  const [photos, setPhotos] = useState<{ role: PhotoRole; file: File }[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  // The GPS position fills the coordinates until the supervisor types their own.
  const [typed, setTyped] = useState<{ lng: string; lat: string } | null>(null);
  const coords = typed ?? { lng: fix?.lng.toFixed(6) ?? '', lat: fix?.lat.toFixed(6) ?? '' };

  const suggestions = useMemo(() => {
    if (!fix) return [];
    const near = [
      ...components.map((c) => ({
        kind: 'component' as const,
        categoryCode: c.categoryCode,
        distanceM: distanceM(fix, c),
      })),
      ...openCases.map((c) => ({
        kind: c.kind,
        categoryCode: c.category.code,
        distanceM: distanceM(fix, c.location),
      })),
    ].filter((t) => t.distanceM <= NEAR_M);
    return suggestCategories(near).flatMap((s) => {
      const c = categories.find((x) => x.kind === s.kind && x.code === s.categoryCode);
      return c ? [{ ...c, distanceM: s.distanceM }] : [];
    });
  }, [fix, components, openCases, categories]);
  const hits = useMemo(() => searchCategories(indexed, query, 20), [indexed, query]);

  const submit = async (form: HTMLFormElement) => {
    const f = new FormData(form);
    const lng = Number(f.get('lng'));
    const lat = Number(f.get('lat'));
    const description = text(f, 'description').trim();
    const before = photos.filter((p) => p.role === 'before');
    const after = photos.filter((p) => p.role === 'after');
    const missing = [
      !picked && '类别 category',
      !(Number.isFinite(lng) && Number.isFinite(lat) && (lng !== 0 || lat !== 0)) &&
        '位置 position',
      description === '' && '描述 description',
      before.length === 0 && '照片 photo',
      selfHandle && after.length === 0 && '处置后照片 after photo',
    ].filter(Boolean);
    if (missing.length > 0 || !picked) {
      setProblem(`请补充 Missing: ${missing.join('、')}`);
      return;
    }
    const address = text(f, 'address').trim();
    const note = text(f, 'note').trim();
    const draft: ReportDraft = {
      kind: picked.kind,
      categoryCode: picked.code,
      urgency: (f.get('urgency') as ReportDraft['urgency'] | null) ?? 'normal',
      location: { lng, lat, crs: 'wgs84' },
      description,
      ...(address ? { address } : {}),
      ...(selfHandle ? { selfHandleNote: note || description } : {}),
    };
    const item = newOutboxItem(
      crypto.randomUUID(),
      draft,
      photos.map((p) => ({
        role: p.role,
        name: p.file.name,
        type: p.file.type || 'image/jpeg',
        blob: p.file,
      })),
      new Date(),
    );
    await putItem(item);
    setSaved(item.key);
    setProblem(null);
    setPicked(null);
    setQuery('');
    setPhotos([]);
    setSelfHandle(false);
    setTyped(null);
    setFormKey((k) => k + 1);
    props.onQueued();
  };

  const addPhotos = (role: PhotoRole, files: FileList | null) =>
    setPhotos((ps) => [...ps, ...[...(files ?? [])].map((file) => ({ role, file }))]);

  return (
    <form
      key={formKey}
      id="field-report"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      {saved && (
        <p className="f-card f-ok" id="field-saved" data-key={saved}>
          已保存在手机上，联网后自动发送 Saved on the phone; sent when online
        </p>
      )}
      <section className="f-card">
        <h2>类别 Category</h2>
        {picked ? (
          <p id="field-picked" data-category={`${picked.kind}:${picked.code}`}>
            <strong>{picked.nameZh}</strong>{' '}
            <span className="f-muted">
              {picked.nameEn} · {picked.code}
            </span>{' '}
            <button type="button" className="f-chip" onClick={() => setPicked(null)}>
              改 change
            </button>
          </p>
        ) : (
          <>
            <label className="f-field">
              <span>
                名称、关键词、拼音首字母或代码 name, keyword, pinyin initials (jg) or code
              </span>
              <input
                type="search"
                id="field-category-search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
            {query === '' && suggestions.length > 0 && (
              <>
                <p className="f-muted">附近 Nearby</p>
                <div className="f-chips">
                  {suggestions.map((s) => (
                    <button
                      key={`${s.kind}:${s.code}`}
                      type="button"
                      className="f-chip"
                      data-suggested={`${s.kind}:${s.code}`}
                      onClick={() => setPicked(s)}
                    >
                      {s.nameZh} · {Math.round(s.distanceM)} m
                    </button>
                  ))}
                </div>
              </>
            )}
            <ul className="f-list">
              {hits.map((c) => (
                <li key={`${c.kind}:${c.code}`}>
                  <button
                    type="button"
                    className="f-chip"
                    data-category={`${c.kind}:${c.code}`}
                    onClick={() => setPicked(c)}
                  >
                    {c.kind === 'event' ? '事件' : '部件'} {c.nameZh}
                  </button>{' '}
                  <span className="f-muted">
                    {c.code} {c.nameEn}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="f-card">
        <h2>位置 Position</h2>
        <p className="f-muted" id="field-gps">
          {fix ? `GPS WGS84 ±${Math.round(fix.accuracyM)} m` : '等待定位… waiting for GPS'}
        </p>
        <div style={{ display: 'flex', gap: 8 }}>
          <label className="f-field" style={{ flex: 1 }}>
            <span>经度 lng</span>
            <input
              type="text"
              name="lng"
              id="field-lng"
              inputMode="decimal"
              value={coords.lng}
              onChange={(e) => setTyped({ ...coords, lng: e.target.value })}
            />
          </label>
          <label className="f-field" style={{ flex: 1 }}>
            <span>纬度 lat</span>
            <input
              type="text"
              name="lat"
              id="field-lat"
              inputMode="decimal"
              value={coords.lat}
              onChange={(e) => setTyped({ ...coords, lat: e.target.value })}
            />
          </label>
        </div>
        <label className="f-field">
          <span>地址（可选）address</span>
          <input type="text" name="address" id="field-address" maxLength={300} />
        </label>
      </section>
      <section className="f-card">
        <h2>现场 On the spot</h2>
        <label className="f-field">
          <span>拍照 Photo</span>
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            id="field-photo"
            onChange={(e) => addPhotos('before', e.target.files)}
          />
        </label>
        <label className="f-field">
          <span>描述 Description</span>
          <textarea name="description" id="field-description" rows={3} maxLength={4000} />
        </label>
        <label className="f-field">
          <span>紧急程度 Urgency</span>
          <select name="urgency" id="field-urgency" defaultValue="normal">
            <option value="normal">一般 normal</option>
            <option value="pressing">紧急 pressing</option>
            <option value="urgent">特急 urgent</option>
          </select>
        </label>
        <label className="f-field">
          <input
            type="checkbox"
            id="field-self-handle"
            checked={selfHandle}
            onChange={(e) => setSelfHandle(e.target.checked)}
          />{' '}
          自行处置（已现场处理，直接结案）Fixed it on the spot
        </label>
        {selfHandle && (
          <>
            <label className="f-field">
              <span>处置后照片 After photo</span>
              <input
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                id="field-photo-after"
                onChange={(e) => addPhotos('after', e.target.files)}
              />
            </label>
            <label className="f-field">
              <span>处置说明 What was done</span>
              <input type="text" name="note" id="field-note" maxLength={2000} />
            </label>
          </>
        )}
        <p className="f-muted" id="field-photo-count">
          照片 {photos.filter((p) => p.role === 'before').length} 张
          {selfHandle && ` · 处置后 ${photos.filter((p) => p.role === 'after').length} 张`}
        </p>
      </section>
      {problem && (
        <p className="f-bad" id="field-problem">
          {problem}
        </p>
      )}
      <button className="f-btn primary" type="submit" id="field-submit">
        {selfHandle ? '提交自行处置 Submit self-handled' : '上报 Report'}
      </button>
    </form>
  );
}
