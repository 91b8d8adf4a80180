import { Descriptions, Table, Tag } from 'antd';
import type { Case } from '../api/client.ts';
import { useNow, useUnitNames } from '../api/hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/dates.ts';
import { SOURCE_LABELS, STEP_LABELS, URGENCY_LABELS } from './labels.ts';
import { Photos } from './Photos.tsx';
import { TimerTag } from './TimerTag.tsx';

/** The case's current facts: what, where, who has it, its timer and every step's deadline. */
export function CaseSummary({ c, compact = false }: { c: Case; compact?: boolean }) {
  const { t, pick } = useI18n();
  const now = useNow();
  const unitName = useUnitNames();
  return (
    <>
      <Descriptions size="small" bordered column={compact ? 1 : 2}>
        <Descriptions.Item label={t('caseNumber')}>
          <span data-case-number>{c.caseNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status')}>
          <Tag color="blue" data-status={c.status}>
            {pick(c.statusLabel)}
          </Tag>
          <TimerTag timer={c.timer} now={now} />
        </Descriptions.Item>
        <Descriptions.Item label={t('category')}>
          {c.kind === 'component' ? t('component') : t('event')} {c.category.code}
        </Descriptions.Item>
        <Descriptions.Item label={t('urgency')}>
          {pick(URGENCY_LABELS[c.urgency])}
        </Descriptions.Item>
        <Descriptions.Item label={t('source')}>{pick(SOURCE_LABELS[c.source])}</Descriptions.Item>
        <Descriptions.Item label={t('reportedAt')}>{formatInstant(c.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('address')}>{c.address}</Descriptions.Item>
        <Descriptions.Item label={t('grid')}>{c.gridCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mainUnit')}>
          {c.mainUnitId ? unitName(c.mainUnitId) : '—'}
          {c.assistingUnitIds.length > 0 ? ` + ${c.assistingUnitIds.map(unitName).join('、')}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('reporter')}>
          {[c.reporter.name, c.reporter.phone].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('description')} span={compact ? 1 : 2}>
          {c.description}
        </Descriptions.Item>
      </Descriptions>
      <div style={{ margin: '8px 0' }}>
        <Photos ids={c.photoIds} />
      </div>
      {!compact && c.deadlines.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(d) => `${d.step}-${d.startedAt}`}
          dataSource={c.deadlines}
          columns={[
            { title: t('step'), render: (_, d) => pick(STEP_LABELS[d.step]) },
            { title: t('started'), render: (_, d) => formatInstant(d.startedAt) },
            { title: t('warning'), render: (_, d) => formatInstant(d.warnAt) },
            { title: t('due'), render: (_, d) => formatInstant(d.dueAt) },
            { title: t('paused'), render: (_, d) => formatInstant(d.pausedAt) },
          ]}
        />
      )}
    </>
  );
}
