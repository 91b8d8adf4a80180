import type { Principal } from '../../domain/access/index.ts';
import { cockpitScopeOf, inScope, type CockpitSummary } from '../../domain/cockpit/index.ts';
import type { OutboxChange } from '../../store/case-outbox.store.ts';
import type { Deps } from '../deps.ts';
import { CHANGE_FEED } from '../notify/change-feed.ts';
import { runtimeKey } from '../runtime.ts';
import { COCKPIT_CACHE, LIVE_MAX_AGE_MS, readCockpit } from './cockpit.ts';

/** Live cockpit subscriptions of this copy, ended when the runtime closes. */
const COCKPIT_PUSHES = runtimeKey('cockpit.pushes', (_owner, onClose) => {
  const ends = new Set<() => void>();
  onClose(() => {
    for (const end of [...ends]) end();
  });
  return ends;
});

export type CockpitPushOptions = {
  /** at most one push per this many ms per subscriber (default: the live figures' age, 1 s) */
  readonly intervalMs?: number | undefined;
  readonly onError?: ((err: unknown) => void) | undefined;
};

const touches = (p: ReturnType<typeof cockpitScopeOf>, c: OutboxChange): boolean =>
  inScope(p, [c.districtCode, c.sight.streetCode, c.sight.communityCode, c.sight.gridCode]) ||
  (c.before !== null &&
    inScope(p, [c.districtCode, c.before.streetCode, c.before.communityCode, c.before.gridCode]));

/**
 * Pushes the viewer's cockpit now and again whenever a case change in the viewer's region is
 * committed (through any copy of the service: the change feed reads the case outbox), at most
 * once per interval however many changes come (they are coalesced), and only when a figure
 * moved. Resolves with the function that ends the subscription.
 */
export async function subscribeCockpit(
  deps: Deps,
  principal: Principal,
  send: (s: CockpitSummary) => void,
  opts: CockpitPushOptions = {},
): Promise<() => void> {
  const scope = cockpitScopeOf(principal);
  const cache = deps.runtime.get(COCKPIT_CACHE, deps);
  const ends = deps.runtime.get(COCKPIT_PUSHES, deps);
  let changedAt: number | null = null; // a cache ticket taken when a change was heard
  let lastSent = '';
  let busy = false;
  let ended = false;
  const push = async (after?: number) => {
    busy = true;
    try {
      const s = await readCockpit(deps, principal, after);
      // `at` moves with every count; only the figures decide whether to push.
      const figures = JSON.stringify({ ...s, at: undefined });
      if (!ended && figures !== lastSent) {
        lastSent = figures;
        send(s);
      }
    } catch (err) {
      opts.onError?.(err);
    } finally {
      busy = false;
    }
  };
  const sub = await deps.runtime.get(CHANGE_FEED, deps).subscribe(null, (changes) => {
    if (changes.some((c) => touches(scope, c))) changedAt ??= cache.ticket();
  });
  const tick = setInterval(() => {
    if (changedAt === null || busy) return;
    const since = changedAt;
    changedAt = null;
    void push(since);
  }, opts.intervalMs ?? LIVE_MAX_AGE_MS);
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(tick);
    sub.end();
    ends.delete(end);
  };
  ends.add(end);
  await push();
  return end;
}
