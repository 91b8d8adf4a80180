export type {
  Actor,
  ActorRole,
  Case,
  CaseCounters,
  CaseDraft,
  CaseLocation,
  CaseStatus,
  CategoryKind,
  DeadlineInput,
  GeoPoint,
  GeoPolygon,
  LinkedReport,
  LoopLevel,
  PendingRequest,
  Reporter,
  SourceChannel,
  StepDeadline,
  StepName,
  UnitFact,
  Urgency,
} from './case.ts';
export {
  CASE_STATUSES,
  CLIENT_ROLE,
  clientActorId,
  isUserRole,
  LOOP_LEVELS,
  SOURCE_CHANNELS,
  STATUS_LABELS,
  STEP_NAMES,
  URGENCIES,
  activeStep,
  blankCase,
  formatCaseNumber,
  isOpenStatus,
  OPEN_STATUSES,
  TIMED_STATUSES,
  isTerminalStatus,
  maskEmail,
  maskPhone,
  shanghaiDateStamp,
} from './case.ts';
export type { ActionOf, CaseAction, CaseActionKind, OpeningAction } from './actions.ts';
export { ACTION_LABELS, CASE_ACTION_KINDS } from './actions.ts';
export type {
  ActionApproval,
  ActionDeclaration,
  ActionMove,
  ActionReach,
  SatisfactionLevel,
  SatisfactionVia,
} from './declarations.ts';
export {
  ACTIONS,
  SATISFACTION_LEVELS,
  SATISFACTION_VIAS,
  APPROVAL_ACTION_KINDS,
  CASE_COMMANDS,
  approverRoles,
  capabilityForCaseAction,
} from './declarations.ts';
export type { MergeTargetFacts } from './rules.ts';
export {
  DUPLICATE_DISTANCE_BOUNDS_M,
  DUPLICATE_MAX_DISTANCE_M,
  isDuplicateDistance,
  servesDistrict,
} from './rules.ts';
export type { CaseError, CaseErrorCode } from './errors.ts';
export type {
  CaseEvent,
  CaseEventAction,
  NewCaseEvent,
  SystemActor,
  TimerEvent,
  TimerEventKind,
  TimerEventPayload,
} from './events.ts';
export {
  SYSTEM_USER_ID,
  TIMER_EVENT_KINDS,
  TIMER_EVENT_LABELS,
  TIMER_EVENT_STATE,
  eventLabel,
  timerEvent,
  timerEventKindOf,
} from './events.ts';
export type { Guard, Transition, TransitionRow } from './workflow.ts';
export { TRANSITIONS, applyAction, findTransition, openCase } from './workflow.ts';
export { checkScope } from './scope.ts';
export { renderWorkflowDoc } from './workflow-doc.ts';
// Roles are defined once in domain/access; re-exported for the workflow's callers.
export type { Role } from '../access/index.ts';
export { ROLES } from '../access/index.ts';
