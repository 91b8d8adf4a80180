import type { Reporter } from '../../domain/cases/index.ts';
import { lookupCode, type Report } from '../../domain/intake/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Client } from '../../services/apikeys/api-keys.ts';
import type { Deps } from '../../services/deps.ts';
import { geocodeAddress, type GeocodeError } from '../../services/geo/geocode.ts';
import { intake, type IntakeError } from '../../services/intake/intake.ts';
import { recordOpen311Request } from '../../services/open311/record.ts';
import { open311Vocabulary } from '../../services/open311/vocabulary.ts';
import {
  attributesOf,
  checkAttributes,
  describeAttributes,
  type AttributeValues,
} from './services.ts';

/** The fields of POST /requests, form-encoded or JSON (see parseForm). */
export type PostRequestParams = {
  readonly service_code: string;
  readonly lat?: number | string | undefined;
  readonly long?: number | string | undefined;
  readonly address_string?: string | undefined;
  readonly first_name?: string | undefined;
  readonly last_name?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly description?: string | undefined;
  readonly media_url?: string | undefined;
  readonly attribute?: AttributeValues | undefined;
};

export type SubmitError =
  | IntakeError
  | GeocodeError
  | { readonly code: 'open311.unknown_service'; readonly details: { readonly serviceCode: string } }
  | {
      readonly code: 'open311.invalid_request';
      readonly details: { readonly field: string; readonly reason: string };
    };

export type SubmitAnswer = {
  service_request_id: string;
  token: string | null;
  service_notice: string;
  account_id: string | null;
};

const coordinate = (v: number | string | undefined): number | null => {
  if (v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v.trim());
  return Number.isFinite(n) ? n : null;
};

const bad = (field: string, reason: string) =>
  err({ code: 'open311.invalid_request' as const, details: { field, reason } });

/**
 * The point of a request: lat/long (WGS84 by the spec) when given, else address_string matched
 * against the city's base data, to a road or a house (a district alone cannot be located in a grid).
 */
async function pointOf(
  deps: Deps,
  p: PostRequestParams,
): Promise<Result<{ lng: number; lat: number }, SubmitError>> {
  const lat = coordinate(p.lat);
  const lng = coordinate(p.long);
  const address = p.address_string?.trim() ?? '';
  if (lat === null && lng === null && address !== '') {
    const found = await geocodeAddress(deps, address, { needed: 'road' });
    return found.ok ? ok(found.value.point) : found;
  }
  if (lat === null || lng === null)
    return bad('lat/long', 'a WGS84 point (lat and long) or an address_string is required');
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return bad('lat/long', 'out of range');
  return ok({ lng, lat });
}

/**
 * The Open311 adapter: maps the service code to its catalogue category (the mapping file),
 * checks the service's attributes, and hands one Report to the intake seam as the client system
 * (origin client, channel open311; lat/long are WGS84 by the spec). The attribute values are
 * written into the description the centre reads; media_url and the values are kept beside the
 * case. No reporter data comes back: only the case number, a token and a notice.
 */
export async function submitServiceRequest(
  deps: Deps,
  client: Client,
  p: PostRequestParams,
): Promise<Result<SubmitAnswer, SubmitError>> {
  const entry = lookupCode(open311Vocabulary(deps), p.service_code);
  if (!entry)
    return err({ code: 'open311.unknown_service', details: { serviceCode: p.service_code } });
  const defs = attributesOf(entry);
  const values = checkAttributes(defs, p.attribute ?? {});
  if (!values.ok) return bad(`attribute[${values.error.attribute}]`, values.error.reason);
  const where = await pointOf(deps, p);
  if (!where.ok) return where;
  const { lng, lat } = where.value;
  const media = p.media_url?.trim() ?? '';
  if (media !== '' && !/^https?:\/\/[^\s]+$/i.test(media))
    return bad('media_url', 'an http(s) URL');
  const attributesLine = describeAttributes(defs, values.value);
  const text = (p.description ?? '').trim();
  const description = [text === '' ? `${entry.nameZh} ${entry.nameEn}` : text, attributesLine]
    .filter((s) => s !== '')
    .join('\n');
  const name = [p.last_name, p.first_name]
    .map((s) => s?.trim() ?? '')
    .filter((s) => s !== '')
    .join('');
  const phone = p.phone?.trim() ?? '';
  const email = p.email?.trim() ?? '';
  if (email !== '' && !/^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(email))
    return bad('email', 'an e-mail address');
  const contact: Reporter = {
    ...(name !== '' ? { name } : {}),
    ...(phone !== '' ? { phone } : {}),
    ...(email !== '' ? { email } : {}),
  };
  const report: Report = {
    channel: 'open311',
    externalRef: null,
    origin: { kind: 'client', clientId: client.clientId, clientName: client.clientName },
    kind: entry.kind,
    categoryCode: entry.categoryCode,
    urgency: entry.urgency,
    location: { lng, lat },
    address: p.address_string?.trim() ?? '',
    description,
    contact,
  };
  const r = await intake(deps, report, {
    trackingCode: true,
    alongside: (tx, _ref, c) =>
      recordOpen311Request(deps, tx, {
        caseId: c.id,
        districtCode: c.districtCode,
        apiKeyId: client.clientId,
        serviceCode: entry.code,
        mediaUrl: media === '' ? null : media,
        attributes: values.value,
      }),
  });
  if (!r.ok) return r;
  const c = r.value.case;
  return ok({
    service_request_id: c.caseNumber,
    token: r.value.trackingCode,
    service_notice: `已受理，案件编号 ${c.caseNumber} received as case ${c.caseNumber}`,
    account_id: null,
  });
}
