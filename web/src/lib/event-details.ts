/**
 * What a history event's payload says, sorted for display: photos apart, units by name, instants
 * as instants, the rest as text. The payload is the event as stored; the console shows it
 * without knowing every action's fields, so a new action shows its facts without a console change.
 */
export type EventDetail =
  | { kind: 'text'; key: string; value: string }
  | { kind: 'units'; key: string; ids: string[] }
  | { kind: 'instant'; key: string; iso: string };

export type EventFacts = { photoIds: string[]; details: EventDetail[] };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function eventFacts(payload: Record<string, unknown>): EventFacts {
  const photoIds: string[] = [];
  const details: EventDetail[] = [];
  for (const [key, v] of Object.entries(payload)) {
    if (v === null || v === undefined || v === '') continue;
    if (/photoids$/i.test(key) && Array.isArray(v)) {
      photoIds.push(...v.filter((x): x is string => typeof x === 'string'));
    } else if (/unitids?$/i.test(key)) {
      const ids = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      if (ids.length) details.push({ kind: 'units', key, ids });
    } else if (typeof v === 'string' && ISO.test(v)) {
      details.push({ kind: 'instant', key, iso: v });
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      details.push({ kind: 'text', key, value: String(v) });
    } else if (hasDueAt(v)) {
      // a step's deadline as the event set it: show when it falls due
      details.push({ kind: 'instant', key, iso: v.dueAt });
    } else if (isBilingual(v)) {
      details.push({ kind: 'text', key, value: `${v.zh} / ${v.en}` });
    } else if (!(Array.isArray(v) && v.length === 0)) {
      details.push({ kind: 'text', key, value: JSON.stringify(v) });
    }
  }
  return { photoIds, details };
}

function hasDueAt(v: unknown): v is { dueAt: string } {
  return (
    typeof v === 'object' && v !== null && typeof (v as { dueAt?: unknown }).dueAt === 'string'
  );
}

function isBilingual(v: unknown): v is { zh: string; en: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { zh?: unknown }).zh === 'string' &&
    typeof (v as { en?: unknown }).en === 'string'
  );
}
