import { useEffect, useState } from 'react';
import type { OutboxItem } from './lib/queue.ts';

function Thumbs({ item }: { item: OutboxItem }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const us = item.photos.map((p) => URL.createObjectURL(p.blob));
    setUrls(us);
    return () => us.forEach((u) => URL.revokeObjectURL(u));
  }, [item]);
  return (
    <div className="f-thumbs">
      {urls.map((u, i) => (
        <img
          key={u}
          src={u}
          alt={item.photos[i]?.role === 'after' ? '处置后 after' : '现场 before'}
        />
      ))}
    </div>
  );
}

const STATUS = {
  waiting: { zh: '待发送', en: 'waiting', cls: 'f-muted' },
  sent: { zh: '已发送', en: 'sent', cls: 'f-ok' },
  refused: { zh: '被拒绝', en: 'refused', cls: 'f-bad' },
} as const;

/**
 * 待发 outbox: every report and self-handle made on this phone, newest first: waiting (with why
 * the last attempt did not go through), sent (the case number) or refused (the server's reason).
 */
export function OutboxView(props: {
  items: readonly OutboxItem[];
  syncing: boolean;
  online: boolean;
  onSync: () => void;
}) {
  const items = [...props.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <section className="f-card">
        <button
          className="f-btn"
          type="button"
          id="field-sync"
          disabled={!props.online || props.syncing}
          onClick={props.onSync}
        >
          {props.syncing ? '发送中… sending' : '立即发送 Send now'}
        </button>
      </section>
      <ul className="f-list f-card" id="field-outbox">
        {items.length === 0 && <li className="f-muted">没有记录 Nothing yet</li>}
        {items.map((i) => {
          const s = STATUS[i.status];
          return (
            <li key={i.key} data-outbox-key={i.key} data-status={i.status}>
              <div>
                <strong className={s.cls}>
                  {s.zh} {s.en}
                </strong>{' '}
                {i.draft.selfHandleNote !== undefined && (
                  <span className="f-chip">自行处置 self-handled</span>
                )}{' '}
                {i.caseNumber && <span data-case-number>{i.caseNumber}</span>}
              </div>
              <div>{i.draft.description}</div>
              <div className="f-muted">
                {new Date(i.createdAt).toLocaleString('zh-CN')} · {i.draft.kind}:
                {i.draft.categoryCode}
                {i.attempts > 0 && ` · 尝试 ${i.attempts} 次 attempts`}
              </div>
              {i.reason && (
                <div className={i.status === 'refused' ? 'f-bad' : 'f-muted'} data-reason>
                  {i.refusalCode && <code>{i.refusalCode} </code>}
                  {i.reason.zh} / {i.reason.en}
                </div>
              )}
              <Thumbs item={i} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
