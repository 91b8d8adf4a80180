import type { OutboxChange } from '../../store/case-outbox.store.ts';
import type { Deps } from '../deps.ts';
import { CHANGE_FEED } from '../notify/change-feed.ts';

/**
 * Called after case changes have committed through this copy: its change feed reads the outbox
 * now instead of at the next notification, so its own streams hear their own writes first.
 * Every other copy hears them through the database (the outbox and its NOTIFY); nothing is
 * told through module state.
 */
export function changesCommitted(deps: Deps): void {
  if (deps.runtime.has(CHANGE_FEED)) deps.runtime.get(CHANGE_FEED, deps).kick();
}

/**
 * Follows every committed case change of the database from now on (this copy's and the other
 * copies'), in commit order; resolves with the function that stops following.
 */
export function onCaseChange(
  deps: Deps,
  listener: (change: OutboxChange) => void,
): Promise<() => void> {
  return deps.runtime
    .get(CHANGE_FEED, deps)
    .subscribe(null, (changes) => {
      for (const c of changes) listener(c);
    })
    .then((s) => s.end);
}
