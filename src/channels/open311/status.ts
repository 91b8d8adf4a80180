import {
  CASE_STATUSES,
  isOpenStatus,
  STATUS_LABELS,
  type CaseStatus,
} from '../../domain/cases/index.ts';

/** The spec's two states; the case's own status travels in status_notes and status_ext. */
export type Open311Status = 'open' | 'closed';

/** open while the case still needs work (on hold included), closed once closed or ended. */
export function open311Status(s: CaseStatus): Open311Status {
  return isOpenStatus(s) ? 'open' : 'closed';
}

/** The case statuses behind one Open311 status (the partial indexes of migration 0141). */
export function caseStatusesOf(s: Open311Status): CaseStatus[] {
  return CASE_STATUSES.filter((c) => open311Status(c) === s);
}

/** status_notes: the finer state in plain words, Chinese first. */
export function statusNotes(s: CaseStatus): string {
  const l = STATUS_LABELS[s];
  return `${l.zh} ${l.en}`;
}
