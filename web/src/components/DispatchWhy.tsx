import { Alert, Descriptions, List } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, type Case, type DispatchSuggestion } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The dispatch suggestion of a case: unit, the rule that chose it, why, and the alternatives. */
export function useDispatchSuggestion(c: Case | null, enabled: boolean) {
  const [s, setS] = useState<DispatchSuggestion | null | ApiError>(null);
  const id = c?.id;
  const version = c?.version;
  useEffect(() => {
    if (!id || !enabled) {
      setS(null);
      return;
    }
    let live = true;
    void api
      .GET('/api/v1/cases/{id}/dispatch-suggestion', { params: { path: { id } } })
      .then((r) => {
        if (!live) return;
        if (r.data) setS(r.data);
        else {
          const e = r.error as { code?: string; message?: { zh: string; en: string } } | undefined;
          setS(
            new ApiError(r.response.status, e?.code ?? 'error', e?.message ?? { zh: '', en: '' }),
          );
        }
      });
    return () => {
      live = false;
    };
  }, [id, version, enabled]);
  return s;
}

export function DispatchWhy({ s }: { s: DispatchSuggestion | ApiError | null }) {
  const { t, pick } = useI18n();
  if (s === null) return null;
  if (s instanceof ApiError)
    return <Alert type="warning" title={`${t('noSuggestion')}: ${pick(s.text)}`} />;
  return (
    <div data-suggestion={s.unit.id}>
      <Descriptions size="small" bordered column={1} title={t('whyUnit')}>
        <Descriptions.Item label={t('suggestedUnit')}>
          {s.unit.nameZh ?? s.unit.id}
        </Descriptions.Item>
        <Descriptions.Item label={t('rule')}>{s.rule.id}</Descriptions.Item>
        <Descriptions.Item label={t('reason')}>{pick(s.reason)}</Descriptions.Item>
      </Descriptions>
      {s.alternatives.length > 0 && (
        <List
          size="small"
          header={t('alternatives')}
          dataSource={s.alternatives}
          renderItem={(a) => (
            <List.Item>
              {a.unit.nameZh ?? a.unit.id} — {pick(a.reason)}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
