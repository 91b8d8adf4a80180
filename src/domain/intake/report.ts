import type { Principal } from '../access/index.ts';
import {
  servesDistrict,
  type CategoryKind,
  type GeoPolygon,
  type Reporter,
  type SourceChannel,
  type UnitFact,
  type Urgency,
} from '../cases/index.ts';
import type { Crs } from '../geo/index.ts';
import type { UnitKind } from '../units/index.ts';

/**
 * Who hands a report to intake. A signed-in person (a supervisor in the field, a hotline agent, an
 * operator at the console) files it as themselves; a client system (an Open311 client, the city's
 * 12345 platform, the public portal, later sensors and video) submits it as itself, never as a
 * made-up user: its events carry role `channel` and user id `client:<clientId>`.
 */
export type ReportOrigin =
  | { readonly kind: 'user'; readonly principal: Principal }
  | { readonly kind: 'client'; readonly clientId: string; readonly clientName: string };

/**
 * How the case enters the loop. `standard`: verification (登记 → 待核实) for reports of the
 * public and of other channels, filing (上报 → 待立案) for supervisors' own, and a dispatch rule's
 * auto-dispatch where it says so. `direct` (直派, 接诉即办): sent at once to the unit the best
 * matching dispatch rule names, without the centre's verification and filing.
 */
export type IntakeRouting = 'standard' | 'direct';

/**
 * The one normalised report every channel produces (DESIGN.md "Intake"). A channel maps its own
 * vocabulary (Open311 service codes, hotline types, portal plain words) to a catalogue category
 * before it builds the report (see vocabulary.ts), uploads the photos first, and leaves the
 * coordinate system as it came: intake converts GCJ-02/BD-09 and locates the point once.
 */
export type Report = {
  readonly channel: SourceChannel;
  /** The channel's own reference: a 12345 order number, a client's request id, a sensor event id. */
  readonly externalRef: string | null;
  readonly origin: ReportOrigin;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  readonly categoryScheme?: string | undefined;
  /** null: 一般 (normal), unless the channel's vocabulary said otherwise before. */
  readonly urgency: Urgency | null;
  readonly location: { readonly lng: number; readonly lat: number; readonly crs?: Crs };
  /** WGS84 area of the problem, e.g. a remote-sensing change patch (图斑). */
  readonly polygon?: GeoPolygon | undefined;
  readonly address?: string | undefined;
  readonly description: string;
  readonly photoIds?: readonly string[] | undefined;
  /** The person to call back (name, phone); stored in full, masked by the presenters. */
  readonly contact?: Reporter | undefined;
  /** A note on the opening event (the agent's or the supervisor's). */
  readonly note?: string | undefined;
  readonly selfHandle?: SelfHandleFacts | undefined;
  /** A direct opening's routing hint (see PreferredUnit); ignored by the standard routing. */
  readonly preferredUnit?: PreferredUnit | undefined;
};

/**
 * Whom a direct opening (直派) goes to when the channel's own word names it, instead of the best
 * matching dispatch rule: a unit kind (the unit of that kind whose region holds the point, the
 * narrowest first — a hotline type that goes to the street centre) or one unit by id.
 */
export type PreferredUnit = { readonly unitKind: UnitKind } | { readonly unitId: string };

/** Why the intake seam refuses a channel's preferred unit id (422, before anything is written). */
export type PreferredUnitError =
  | { readonly code: 'intake.unit_not_found'; readonly details: { readonly unitId: string } }
  | { readonly code: 'intake.unit_inactive'; readonly details: { readonly unitId: string } }
  | {
      readonly code: 'intake.unit_outside_district';
      readonly details: {
        readonly unitId: string;
        readonly unitDistrictCode: string;
        readonly caseDistrictCode: string;
      };
    };

/**
 * The seam's check of a preferred unit named by id (a channel's own routing word): the unit
 * exists, is active, and serves the district the point lies in (its own units, or a city
 * department of its city), as a dispatch would require. A unit kind is resolved by the seam
 * itself from the point, so it needs no check here. `facts` holds what the directory knows of
 * the id (nothing for an unknown one).
 */
export function preferredUnitRefusal(
  preferred: PreferredUnit | undefined,
  facts: readonly UnitFact[],
  districtCode: string,
): PreferredUnitError | null {
  if (preferred === undefined || !('unitId' in preferred)) return null;
  const { unitId } = preferred;
  const u = facts.find((f) => f.id === unitId);
  if (u === undefined) return { code: 'intake.unit_not_found', details: { unitId } };
  if (!u.active) return { code: 'intake.unit_inactive', details: { unitId } };
  if (servesDistrict(u.districtCode, districtCode)) return null;
  return {
    code: 'intake.unit_outside_district',
    details: { unitId, unitDistrictCode: u.districtCode, caseDistrictCode: districtCode },
  };
}

/** 自行处置: a supervisor fixed it on the spot (before and after photos); the case opens closed. */
export type SelfHandleFacts = {
  readonly note: string;
  readonly beforePhotoIds: readonly string[];
  readonly afterPhotoIds: readonly string[];
};

/** The default urgency of a report that names none: 一般. */
export const DEFAULT_URGENCY: Urgency = 'normal';
