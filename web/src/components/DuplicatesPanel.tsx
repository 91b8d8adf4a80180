import { App, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, unwrap, type Case } from '../api/client.ts';
import { runCommand } from '../api/commands.ts';
import { useCaseActions } from '../api/hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { allowedActions } from '../lib/actions.ts';
import { sketch } from '../lib/sketch.ts';
import { useSession } from '../session.tsx';
import { CaseSummary } from './CaseSummary.tsx';

export type Duplicate = { c: Case; distanceM: number };

/**
 * The acceptance desk's comparison: the new report and each likely duplicate (GET
 * /cases/{id}/likely-duplicates) side by side, with their photos and a sketch of where both
 * lie, and a button that merges the new report into the duplicate (POST /cases/{id}/merge).
 */
export function DuplicatesPanel({
  c,
  onMerged,
  mergeRequest,
}: {
  c: Case;
  onMerged: () => void;
  /** a workbench shortcut: merge into the nearest duplicate (asks first) */
  mergeRequest?: number;
}) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const s = useSession();
  const merge = allowedActions(useCaseActions(), s.user.role, c.status).find(
    (a) => a.action === 'merge',
  );
  const [dups, setDups] = useState<Duplicate[] | null>(null);
  useEffect(() => {
    let live = true;
    setDups(null);
    void (async () => {
      try {
        const r = unwrap(
          await api.GET('/api/v1/cases/{id}/likely-duplicates', {
            params: { path: { id: c.id } },
          }),
        );
        const found = await Promise.all(
          r.items.slice(0, 5).map(async (d) => {
            const x = await api.GET('/api/v1/cases/{id}', { params: { path: { id: d.caseId } } });
            return x.data ? [{ c: x.data, distanceM: d.distanceM }] : [];
          }),
        );
        if (live) setDups(found.flat());
      } catch {
        if (live) setDups([]);
      }
    })();
    return () => {
      live = false;
    };
  }, [c.id]);

  const mergeInto = useCallback(
    (d: Duplicate) => {
      if (!merge) return;
      modal.confirm({
        title: `${t('mergeConfirm')} ${d.c.caseNumber}?`,
        okText: t('submit'),
        cancelText: t('cancel'),
        okButtonProps: { id: 'merge-confirm' },
        onOk: async () => {
          try {
            await runCommand(merge, c.id, { expectedVersion: c.version, targetCaseId: d.c.id });
            void message.success(`${c.caseNumber} → ${d.c.caseNumber} · ${pick(merge.label)}`);
            onMerged();
          } catch (e) {
            void message.error(e instanceof ApiError ? `${pick(e.text)} (${e.code})` : String(e));
          }
        },
      });
    },
    [merge, modal, t, c, message, pick, onMerged],
  );

  useEffect(() => {
    const first = dups?.[0];
    if (mergeRequest && first) mergeInto(first);
    // Only a new request (a new number) merges, not new duplicates.
  }, [mergeRequest]);

  if (dups === null) return null;
  if (dups.length === 0)
    return <Typography.Text type="secondary">{t('noDuplicates')}</Typography.Text>;
  return (
    <Card size="small" title={`${t('duplicates')} (${String(dups.length)})`} id="duplicates">
      {dups.map((d) => (
        <Row gutter={12} key={d.c.id} style={{ marginBottom: 12 }} data-duplicate={d.c.caseNumber}>
          <Col span={10}>
            <Tag color="blue">{t('thisCase')}</Tag>
            <CaseSummary c={c} compact />
          </Col>
          <Col span={10}>
            <Space>
              <Tag color="orange">
                {Math.round(d.distanceM)} {t('metres')}
              </Tag>
              {merge && (
                <Button
                  size="small"
                  type="primary"
                  data-merge-into={d.c.caseNumber}
                  onClick={() => mergeInto(d)}
                >
                  {t('mergeInto')}
                </Button>
              )}
            </Space>
            <CaseSummary c={d.c} compact />
          </Col>
          <Col span={4}>
            <TwoPoints a={c.location} b={d.c.location} />
          </Col>
        </Row>
      ))}
    </Card>
  );
}

/** Where the two reports lie relative to each other (no map tiles: a scaled sketch). */
function TwoPoints({ a, b }: { a: { lng: number; lat: number }; b: { lng: number; lat: number } }) {
  const size = 120;
  const { placed, metresPerPixel } = sketch([a, b], size);
  const [pa, pb] = placed;
  if (!pa || !pb) return null;
  const bar = 40;
  return (
    <svg width={size} height={size} role="img" aria-label="sketch" data-sketch>
      <rect width={size} height={size} fill="#f5f5f5" stroke="#d9d9d9" />
      <line x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} stroke="#bfbfbf" strokeDasharray="3 3" />
      <circle cx={pa.x} cy={pa.y} r={6} fill="#1677ff" />
      <circle cx={pb.x} cy={pb.y} r={6} fill="#fa8c16" />
      <line x1={8} y1={size - 8} x2={8 + bar} y2={size - 8} stroke="#595959" />
      <text x={8} y={size - 12} fontSize={10} fill="#595959">
        {Math.round(bar * metresPerPixel)} m
      </text>
    </svg>
  );
}
