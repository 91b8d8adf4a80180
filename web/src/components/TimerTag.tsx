import { Tag, Tooltip } from 'antd';
import type { Case } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant, timeLeft } from '../lib/dates.ts';
import { STEP_LABELS } from './labels.ts';

const COLOURS = { on_time: 'green', warning: 'orange', overdue: 'red', paused: 'default' } as const;

/** The running step's timer as the API computed it (state), with a local countdown. */
export function TimerTag({ timer, now }: { timer: Case['timer']; now: number }) {
  const { t, pick } = useI18n();
  if (!timer) return null;
  const state = {
    on_time: t('onTime'),
    warning: t('warning'),
    overdue: t('overdue'),
    paused: t('paused'),
  }[timer.state];
  return (
    <Tooltip title={`${t('deadline')}: ${formatInstant(timer.dueAt)}`}>
      <Tag color={COLOURS[timer.state]} data-timer={timer.state}>
        {pick(STEP_LABELS[timer.step])} · {state}
        {timer.state !== 'paused' ? ` · ${timeLeft(timer.dueAt, now)}` : ''}
      </Tag>
    </Tooltip>
  );
}
