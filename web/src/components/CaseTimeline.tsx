import { Space, Tag, Timeline, Typography } from 'antd';
import type { CaseEvent } from '../api/client.ts';
import { useUnitNames } from '../api/hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/dates.ts';
import { eventFacts } from '../lib/event-details.ts';
import type { StringKey } from '../i18n/strings.ts';
import { STATUS_LABELS } from './labels.ts';
import { Photos } from './Photos.tsx';
import type { CaseStatus } from '../api/client.ts';

const statusLabel = (s: string | null): { zh: string; en: string } | null =>
  s && s in STATUS_LABELS ? STATUS_LABELS[s as CaseStatus] : null;

/** Payload keys people read often, in words; others show as sent. */
const KEY_LABELS: Partial<Record<string, StringKey>> = {
  note: 'note',
  reason: 'reason',
  ruleId: 'keyRuleId',
  unitId: 'keyUnitId',
  deadline: 'keyDeadline',
};

/** The case's whole history: who (name, role), what, when, with the event's facts and photos. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { pick, t } = useI18n();
  const keyLabel = (k: string): string => {
    const l = KEY_LABELS[k];
    return l ? t(l) : k;
  };
  const unitName = useUnitNames();
  return (
    <Timeline
      items={events.map((e) => {
        const facts = eventFacts(e.payload);
        return {
          key: e.id,
          children: (
            <div data-event={e.action}>
              <Space wrap>
                <Typography.Text strong>{pick(e.actionLabel)}</Typography.Text>
                <Typography.Text type="secondary">{formatInstant(e.at, true)}</Typography.Text>
                {e.fromStatus !== e.toStatus && (
                  <Tag>
                    {pick(statusLabel(e.fromStatus)) || '—'} →{' '}
                    {pick(statusLabel(e.toStatus)) || e.toStatus}
                  </Tag>
                )}
              </Space>
              <div>
                {e.actor.name ?? e.actor.userId} · {pick(e.actor.roleLabel)}
                {e.actor.unitId ? ` · ${unitName(e.actor.unitId)}` : ''}
              </div>
              {facts.details.map((d) => (
                <div key={d.key}>
                  <Typography.Text type="secondary">{keyLabel(d.key)}: </Typography.Text>
                  {d.kind === 'units'
                    ? d.ids.map(unitName).join('、')
                    : d.kind === 'instant'
                      ? formatInstant(d.iso)
                      : d.value}
                </div>
              ))}
              <Photos ids={facts.photoIds} size={64} />
            </div>
          ),
        };
      })}
    />
  );
}
