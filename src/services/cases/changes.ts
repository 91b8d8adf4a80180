import type { CaseEvent } from '../../domain/cases/index.ts';

/** Called after a case change has committed (queue streams, notifications). */
export type CaseChangeListener = (event: CaseEvent) => void;

const listeners = new Set<CaseChangeListener>();

/**
 * Subscribes to every committed case event of this process (e.g. an SSE stream of queue
 * changes); returns the unsubscribe function. Listeners must not throw or block.
 */
export function onCaseChange(listener: CaseChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners about one committed event; a failing listener is skipped. */
export function publishCaseChange(event: CaseEvent): void {
  for (const l of listeners) {
    try {
      l(event);
    } catch {
      // A listener's failure must not undo or fail a committed write.
    }
  }
}
