import { ACTION_LABELS, STATUS_LABELS, type CaseActionKind } from '../../domain/cases/index.ts';
import type { ChannelVocabulary } from '../../domain/intake/index.ts';
import type {
  PublicCaseStep,
  ServiceRequestRow,
  ServiceRequests,
} from '../../services/open311/requests.ts';
import { codeOfCategory, serviceName } from './services.ts';
import { open311Status, statusNotes } from './status.ts';

/** A W3C date-time in the city's time (China keeps +08:00 all year). */
export function w3cTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export type Note = {
  datetime: string;
  summary: string;
  type: 'activity' | 'closed';
  description: string;
};

/** One service request of GET /requests, as the spec names its fields; ids are strings. */
export type ServiceRequestView = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  extended_attributes?: {
    status_ext: string;
    status_ext_label: string;
    channel: string;
    case_number: string;
    media_urls: string[];
  };
  notes?: Note[];
};

const isAction = (a: string): a is CaseActionKind => Object.hasOwn(ACTION_LABELS, a);

/** What happened at each step, in plain words; never who did it or why (personal, internal). */
function notesOf(steps: readonly PublicCaseStep[]): Note[] {
  return steps
    .filter((s) => isAction(s.action))
    .map((s) => {
      const label = ACTION_LABELS[s.action as CaseActionKind];
      const to = STATUS_LABELS[s.toStatus];
      return {
        datetime: w3cTime(s.at),
        summary: `${label.zh} ${label.en}`,
        type: open311Status(s.toStatus) === 'closed' ? 'closed' : 'activity',
        description: `${to.zh} ${to.en}`,
      };
    });
}

/**
 * Presents a case as a GeoReport v2 service request: public fields only (the reporter's name,
 * phone and e-mail never appear). With `extensions`, the finer state, the channel, every media
 * URL and the notes history, as FixMyStreet and Chicago extend the spec.
 */
export function presentServiceRequest(
  r: ServiceRequestRow,
  vocabulary: ChannelVocabulary,
  steps: readonly PublicCaseStep[] | null,
): ServiceRequestView {
  const entry = codeOfCategory(vocabulary, r.kind, r.categoryCode);
  const fallbackName = [r.categoryNameZh, r.categoryNameEn].filter((x) => x !== null).join(' ');
  const photos = r.photoIds.map((id) => `/api/v1/files/${encodeURIComponent(id)}`);
  const view: ServiceRequestView = {
    service_request_id: r.caseNumber,
    status: open311Status(r.status),
    status_notes: statusNotes(r.status),
    service_name: entry ? serviceName(entry) : fallbackName || `${r.kind}.${r.categoryCode}`,
    service_code: entry ? entry.code : `${r.kind}.${r.categoryCode}`,
    description: r.description,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: w3cTime(r.createdAt),
    updated_datetime: w3cTime(r.updatedAt),
    expected_datetime: r.dueAt && open311Status(r.status) === 'open' ? w3cTime(r.dueAt) : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.mediaUrl ?? photos[0] ?? null,
  };
  if (steps === null) return view;
  return {
    ...view,
    extended_attributes: {
      status_ext: r.status,
      status_ext_label: statusNotes(r.status),
      channel: r.source,
      case_number: r.caseNumber,
      media_urls: [...(r.mediaUrl ? [r.mediaUrl] : []), ...photos],
    },
    notes: notesOf(steps),
  };
}

export function presentServiceRequests(
  found: ServiceRequests,
  vocabulary: ChannelVocabulary,
  extensions: boolean,
): ServiceRequestView[] {
  return found.rows.map((r) =>
    presentServiceRequest(r, vocabulary, extensions ? (found.steps.get(r.caseId) ?? []) : null),
  );
}
