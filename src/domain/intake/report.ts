import type {
  CaseLocation,
  CategoryKind,
  Reporter,
  SourceChannel,
  Urgency,
} from '../cases/index.ts';

/**
 * The one normalised report every channel produces (supervisor app, hotline, public web, WeChat,
 * sensors, video AI, drones, remote-sensing patches). Channels convert GCJ-02/BD-09 to WGS84 and
 * upload photos first, so a report is plain data the intake service can locate, dedupe and open.
 */
export type Report = {
  readonly channel: SourceChannel;
  /** The channel's own id (offline-retry idempotency key, hotline ticket, sensor event id). */
  readonly externalId: string | null;
  readonly reportedAt: Date;
  readonly kind: CategoryKind;
  readonly categoryScheme: string;
  readonly categoryCode: string;
  /** null: the catalogue's default urgency for the category. */
  readonly urgency: Urgency | null;
  /** WGS84; a polygon for area problems such as remote-sensing patches (图斑). */
  readonly location: CaseLocation;
  readonly address: string;
  readonly description: string;
  readonly photoIds: readonly string[];
  readonly reporter: Reporter;
};
