import type { Role } from '../access/index.ts';
import { assertNever } from '../shared/index.ts';

/**
 * The case (案件 / 案卷) and the values around it. Pure types plus a few pure helpers; the workflow
 * that changes a case lives in workflow.ts.
 */

/** Where a report came from (问题来源). */
export const SOURCE_CHANNELS = [
  'supervisor', // 网格监督员巡查上报
  'city_supervisor', // 市级监督员抽查上报
  'hotline_12345',
  'hotline_12319',
  'public_web',
  'wechat',
  'open311', // Open311 GeoReport v2 客户端系统
  'media',
  'video', // 视频监控 / AI 识别
  'drone',
  'satellite', // 卫星遥感图斑
  'sensor',
  'leader', // 领导交办
  'other',
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

/** 部件 component (a thing) or 事件 event (a situation). */
export type CategoryKind = 'component' | 'event';

/** 紧急 / 较急 / 一般. */
export const URGENCIES = ['urgent', 'pressing', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Which closed loop owns the case (BRIEF: 市级大循环 / 区级中循环 / 街道小循环 / 社区自循环). `city`
 * cases are verified, dispatched and closed by city-level staff; the others by the district centre.
 */
export const LOOP_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type LoopLevel = (typeof LOOP_LEVELS)[number];

/** The states of a case. See docs/workflow.md (generated from the transition table). */
export const CASE_STATUSES = [
  'pending_verification', // 待核实: a non-supervisor report awaiting on-site verification
  'pending_filing', // 待立案
  'not_filed', // 不予立案 (terminal)
  'pending_dispatch', // 待派遣
  'dispatched', // 已派遣, awaiting the unit's acceptance (待签收)
  'handling', // 处置中
  'on_hold', // 挂账: long-term hold, timer paused
  'pending_recheck', // 待核查
  'pending_close', // 待结案: re-check passed
  'closed', // 已结案
  'evaluated', // 已评价
  'cancelled', // 已作废 (terminal)
  'merged', // 已合并 into another case (terminal)
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Chinese and English names of the statuses, for documents and the console. */
export const STATUS_LABELS: { readonly [S in CaseStatus]: { zh: string; en: string } } = {
  pending_verification: { zh: '待核实', en: 'awaiting verification' },
  pending_filing: { zh: '待立案', en: 'awaiting filing' },
  not_filed: { zh: '不予立案', en: 'not filed' },
  pending_dispatch: { zh: '待派遣', en: 'awaiting dispatch' },
  dispatched: { zh: '已派遣待签收', en: 'dispatched' },
  handling: { zh: '处置中', en: 'being handled' },
  on_hold: { zh: '挂账', en: 'on long-term hold' },
  pending_recheck: { zh: '待核查', en: 'awaiting re-check' },
  pending_close: { zh: '待结案', en: 'awaiting closure' },
  closed: { zh: '已结案', en: 'closed' },
  evaluated: { zh: '已评价', en: 'evaluated' },
  cancelled: { zh: '已作废', en: 'cancelled' },
  merged: { zh: '已合并', en: 'merged' },
};

/**
 * The role a client system acts in when it submits a report through a channel (an Open311 client,
 * the city's 12345 platform, the public portal): not a person, so not a user role of
 * domain/access. Its events carry userId `client:<clientId>` (see `clientActorId`).
 */
export const CLIENT_ROLE = 'channel';
export type ActorRole = Role | typeof CLIENT_ROLE;

/** True for the roles of signed-in people (every actor role but a client system's). */
export const isUserRole = (r: ActorRole): r is Role => r !== CLIENT_ROLE;

/** The user id a client system's events carry. */
export const clientActorId = (clientId: string): string => `client:${clientId}`;

/**
 * Who performs an action. `scope: 'city'` marks city-centre staff (a `city_supervisor` is always
 * city-level); everyone else belongs to one district. Unit handlers carry their `unitId`. A client
 * system (role `channel`) only opens cases through the intake seam.
 */
export type Actor = {
  readonly userId: string;
  readonly role: ActorRole;
  readonly districtCode: string;
  readonly unitId?: string;
  readonly scope?: 'city' | 'district';
};

/** WGS84 longitude/latitude in degrees. */
export type GeoPoint = { readonly lng: number; readonly lat: number };
/** GeoJSON polygon in WGS84 (outer ring first). */
export type GeoPolygon = {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly (readonly [number, number])[])[];
};
export type CaseLocation = { readonly point: GeoPoint; readonly polygon?: GeoPolygon };

/** The reporter as stored. Masking the phone is the presenter's job (see `maskPhone`). */
/** Who reported (personal data: domain/access personal fields decide who reads it in full). */
export type Reporter = {
  readonly name?: string;
  readonly phone?: string;
  /** Open311's `email` (reporter_email) */
  readonly email?: string;
};

/** An e-mail shown masked: its first character and its domain (`w***@example.org`). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** A duplicate report merged into this case (合并): its case and reporter stay linked here. */
export type LinkedReport = {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly source: SourceChannel;
  readonly reporter: Reporter;
  readonly linkedAt: Date;
};

/** The timed steps of the loop. `activeStep(status)` says which one is running. */
export const STEP_NAMES = ['verify', 'file', 'dispatch', 'handle', 'recheck', 'close'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/**
 * The timer of one step, structurally the same as `src/domain/deadlines`' step deadline.
 * `pausedWorkingMs` is working time spent paused (挂账); `pausedAt` is set while paused.
 */
export type StepDeadline = {
  readonly step: StepName;
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly warnAt: Date;
  readonly pausedAt?: Date;
  readonly pausedWorkingMs: number;
  /**
   * Handling step only: the clock time approved extensions (延期) added. A rework (返工) restarts
   * the handling limit and keeps this time (the extension was granted for the case, not the try).
   */
  readonly extendedMs?: number;
};

/** Due and warning instants computed by the service from the catalogue limit and the calendar. */
export type DeadlineInput = {
  readonly dueAt: Date;
  readonly warnAt: Date;
  /** The handling step's extension time the new timer carries (see `StepDeadline.extendedMs`). */
  readonly extendedMs?: number;
};

/**
 * What the service found about a unit an action names (派遣, 改派, 协同, 先行处置, 定责): the
 * domain decides whether the unit may take the case (`unitRefusal` in units.ts). A unit id the
 * store does not know has no fact.
 */
export type UnitFact = {
  readonly id: string;
  readonly active: boolean;
  /** The unit's district; city departments carry the city's code (e.g. 530100). */
  readonly districtCode: string;
};

/** A request awaiting approval: 延期申请, 挂账申请, 作废申请. One at a time. */
export type PendingRequest = {
  readonly kind: 'extension' | 'hold' | 'cancel';
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedByRole: ActorRole;
  readonly requestedAt: Date;
  /** 延期申请: the due instant the unit asks for, if it named one (checked against the cap). */
  readonly requestedDueAt?: Date;
};

export type CaseCounters = {
  readonly reworkCount: number; // 返工
  readonly sendBackCount: number; // 回退
  readonly extensionCount: number; // 延期 (approved)
  readonly urgeCount: number; // 督办
  readonly reopenCount: number; // 抽查重新打开
};

/** The facts intake has resolved before a case exists (ids and the number come from the service). */
type CaseFacts = {
  readonly id: string;
  /** Human-readable: district code, local (Asia/Shanghai) date, sequence: `530102-20261124-0007`. */
  readonly caseNumber: string;
  readonly source: SourceChannel;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  /** Which catalogue the code belongs to, e.g. `gb47678` or `cjt214`. */
  readonly categoryScheme: string;
  readonly urgency: Urgency;
  readonly location: CaseLocation;
  readonly gridCode: string | null;
  readonly communityCode: string | null;
  readonly streetCode: string | null;
  readonly districtCode: string;
  readonly address: string;
  readonly description: string;
  readonly photoIds: readonly string[];
  readonly reporter: Reporter;
  /** The channel's own reference (工单号, an Open311 client's id, a sensor event id), if any. */
  readonly externalRef: string | null;
  /** The client system that submitted the report, when no signed-in person did. */
  readonly originClientId: string | null;
};

export type Case = CaseFacts & {
  readonly linkedReports: readonly LinkedReport[];
  readonly loopLevel: LoopLevel;
  readonly status: CaseStatus;
  readonly mainUnitId: string | null;
  readonly assistingUnitIds: readonly string[];
  /**
   * Every unit the case was ever sent to (main, assisting, handle-first), first time first. A unit
   * keeps reading the cases it worked on after they leave its queue ("handled by us").
   */
  readonly workedUnitIds: readonly string[];
  /** Units that sent the case back (回退): the dispatch suggestion passes over them and says so. */
  readonly sentBackUnitIds: readonly string[];
  /** Assisting units (协同) that have fed back; a case closes only when every one has. */
  readonly assistFeedbackUnitIds: readonly string[];
  /** The dispatch rule that chose the unit, when a rule did (以案定责 explains itself). */
  readonly dispatchRuleId: string | null;
  /** 先行处置: the unit that must answer for the case once responsibility is settled. */
  readonly responsibleUnitId: string | null;
  readonly deadlines: { readonly [S in StepName]?: StepDeadline };
  readonly pendingRequest: PendingRequest | null;
  readonly counters: CaseCounters;
  readonly satisfaction: number | null;
  readonly mergedInto: string | null;
  readonly selfHandled: boolean;
  readonly handleFirst: boolean;
  readonly spotChecked: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** What intake hands to the workflow to open a case. */
export type CaseDraft = CaseFacts & {
  /** Defaults to `city` for city-level actors and `district` otherwise. */
  readonly loopLevel?: LoopLevel;
};

/** A case as it stands before its opening action: version 0, no unit, no timers, nothing counted. */
export function blankCase(facts: CaseFacts, loopLevel: LoopLevel, now: Date): Case {
  // Every field named, no `...facts`: V8 turns a spread followed by this many new properties into
  // a dictionary-mode object (measured ~50 µs instead of ~0.3 µs), and every later copy of the
  // case on the intake path would inherit the slow shape.
  return {
    id: facts.id,
    caseNumber: facts.caseNumber,
    source: facts.source,
    kind: facts.kind,
    categoryCode: facts.categoryCode,
    categoryScheme: facts.categoryScheme,
    urgency: facts.urgency,
    location: facts.location,
    gridCode: facts.gridCode,
    communityCode: facts.communityCode,
    externalRef: facts.externalRef,
    originClientId: facts.originClientId,
    streetCode: facts.streetCode,
    districtCode: facts.districtCode,
    address: facts.address,
    description: facts.description,
    photoIds: facts.photoIds,
    reporter: facts.reporter,
    loopLevel,
    status: 'pending_verification', // replaced by the opening row's target
    linkedReports: [],
    mainUnitId: null,
    assistingUnitIds: [],
    workedUnitIds: [],
    sentBackUnitIds: [],
    assistFeedbackUnitIds: [],
    dispatchRuleId: null,
    responsibleUnitId: null,
    deadlines: {},
    pendingRequest: null,
    counters: { reworkCount: 0, sendBackCount: 0, extensionCount: 0, urgeCount: 0, reopenCount: 0 },
    satisfaction: null,
    mergedInto: null,
    selfHandled: false,
    handleFirst: false,
    spotChecked: false,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

const TERMINAL: ReadonlySet<CaseStatus> = new Set(['not_filed', 'cancelled', 'merged']);
const CLOSED: ReadonlySet<CaseStatus> = new Set(['closed', 'evaluated']);

/** True for states no action leads out of (不予立案, 作废, 合并). */
export function isTerminalStatus(s: CaseStatus): boolean {
  return TERMINAL.has(s);
}

/** True while the case still needs work: neither terminal nor closed/evaluated. */
export function isOpenStatus(s: CaseStatus): boolean {
  return !TERMINAL.has(s) && !CLOSED.has(s);
}

/** The statuses of cases that still need work, in workflow order. */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(isOpenStatus);

/** Which step's timer runs in a status (null when no timer runs). */
export function activeStep(s: CaseStatus): StepName | null {
  switch (s) {
    case 'pending_verification':
      return 'verify';
    case 'pending_filing':
      return 'file';
    case 'pending_dispatch':
      return 'dispatch';
    case 'dispatched':
    case 'handling':
    case 'on_hold':
      return 'handle';
    case 'pending_recheck':
      return 'recheck';
    case 'pending_close':
      return 'close';
    case 'not_filed':
    case 'closed':
    case 'evaluated':
    case 'cancelled':
    case 'merged':
      return null;
  }
  return assertNever(s);
}

/**
 * Open statuses whose step timer runs (on hold the handling timer is paused): the ones "overdue"
 * applies to.
 */
export const TIMED_STATUSES: readonly CaseStatus[] = OPEN_STATUSES.filter(
  (s) => s !== 'on_hold' && activeStep(s) !== null,
);

/** True for city-centre staff (city supervisors always are). */
export function isCityActor(actor: Actor): boolean {
  // The scope comes from domain/access (the home region's level); a role's level is checked
  // when the user is created and at sign-in, so a city supervisor always carries it.
  return actor.scope === 'city';
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving time

/** The local (Asia/Shanghai) calendar date of an instant as `YYYYMMDD`. */
export function shanghaiDateStamp(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `530102-20261124-0007`: district, local date of the report, the store's daily sequence (≥ 4 digits). */
export function formatCaseNumber(districtCode: string, at: Date, sequence: number): string {
  return `${districtCode}-${shanghaiDateStamp(at)}-${String(sequence).padStart(4, '0')}`;
}

/** Masks a phone number for roles that do not need it: `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}
