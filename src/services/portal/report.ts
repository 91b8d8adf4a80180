import { clientActorId, type SourceChannel, type Urgency } from '../../domain/cases/index.ts';
import type { Crs } from '../../domain/geo/index.ts';
import { findTopic, normalizePhone } from '../../domain/portal/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../deps.ts';
import { storeFile, type FileError, type FileRecord } from '../files/files.ts';
import { locatePoint, type LocateError } from '../geo/locate.ts';
import { PUBLIC_CLIENT, intake, type IntakeError, type IntakeOutcome } from '../intake/intake.ts';
import { listTopics } from './topics.ts';
import { trackingCodeOf } from './follow.ts';

/**
 * Who the portal's uploads and reports are recorded as: the portal is a client system, not a
 * person (the intake seam's origin `{ kind: 'client', clientId: 'public' }`). A report may attach
 * only photos uploaded under this id, and only photos not attached to a case yet.
 */
export const PORTAL_UPLOADER = clientActorId(PUBLIC_CLIENT.clientId);

/** The portal's photo limits: smaller than staff uploads (a phone photo fits in 5 MiB). */
export const PORTAL_MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PORTAL_MAX_PHOTOS = 3;

export type PortalChannel = Extract<SourceChannel, 'public_web' | 'wechat'>;

export type PortalPoint = { readonly lng: number; readonly lat: number; readonly crs?: Crs };

/**
 * A photo from the public: located first (its district is the district of the point the
 * reporter stands on), then stored as any upload, owned by the portal client.
 */
export async function storePortalPhoto(
  deps: Deps,
  input: { readonly bytes: Uint8Array; readonly at: PortalPoint },
): Promise<Result<FileRecord, FileError | LocateError>> {
  const where = await locatePoint(deps, { crs: 'gcj02', ...input.at });
  if (!where.ok) return where;
  return storeFile(
    deps,
    { userId: PORTAL_UPLOADER, districtCode: where.value.district.code },
    { bytes: input.bytes, originalName: null, maxBytes: PORTAL_MAX_PHOTO_BYTES },
  );
}

export type PortalReportInput = {
  readonly channel: PortalChannel;
  /** a topic code of reference/channels/portal-categories.csv */
  readonly topic: string;
  /** GCJ-02 unless `crs` says otherwise (what phones and WeChat report) */
  readonly location: PortalPoint;
  readonly address?: string | undefined;
  readonly description: string;
  readonly photoIds?: readonly string[] | undefined;
  /** the phone to be called back (optional) */
  readonly phone?: string | undefined;
  readonly idempotencyKey?: string | undefined;
};

export type PortalReportError =
  | IntakeError
  | { readonly code: 'portal.unknown_topic'; readonly details: { readonly topic: string } }
  | { readonly code: 'portal.invalid_phone'; readonly details: { readonly field: 'phone' } };

/**
 * A citizen's report: the topic's plain word becomes the catalogue category (and, where the
 * topic says so, the urgency: a missing manhole cover is 紧急), the point stays GCJ-02 until
 * intake converts it, and the case opens in the district that holds the point, awaiting
 * verification, with a tracking code.
 */
export async function submitPortalReport(
  deps: Deps,
  input: PortalReportInput,
): Promise<
  Result<{ trackingCode: string; outcome: IntakeOutcome; urgency: Urgency }, PortalReportError>
> {
  const topic = findTopic(await listTopics(deps), input.topic);
  if (!topic) return err({ code: 'portal.unknown_topic', details: { topic: input.topic } });
  let phone: string | undefined;
  if (input.phone !== undefined) {
    const p = normalizePhone(input.phone);
    if (p === null) return err({ code: 'portal.invalid_phone', details: { field: 'phone' } });
    phone = p;
  }
  // The topic's urgency where it implies one; otherwise the catalogue's default (intake: null).
  const r = await intake(
    deps,
    {
      channel: input.channel,
      externalRef: null,
      origin: PUBLIC_CLIENT,
      kind: topic.kind,
      categoryCode: topic.categoryCode,
      urgency: topic.urgency,
      location: { crs: 'gcj02', ...input.location },
      address: input.address,
      description: input.description,
      photoIds: input.photoIds,
      ...(phone !== undefined ? { contact: { phone } } : {}),
    },
    { trackingCode: true, idempotencyKey: input.idempotencyKey },
  );
  if (!r.ok) return r;
  const trackingCode = r.value.trackingCode ?? (await trackingCodeOf(deps, r.value.case.id));
  return ok({ trackingCode, outcome: r.value, urgency: r.value.case.urgency });
}
