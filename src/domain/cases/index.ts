export type {
  Actor,
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
  Urgency,
} from './case.ts';
export {
  CASE_STATUSES,
  LOOP_LEVELS,
  SOURCE_CHANNELS,
  STATUS_LABELS,
  STEP_NAMES,
  URGENCIES,
  activeStep,
  formatCaseNumber,
  isOpenStatus,
  OPEN_STATUSES,
  isTerminalStatus,
  maskPhone,
  shanghaiDateStamp,
} from './case.ts';
export type { ActionOf, CaseAction, CaseActionKind, OpeningAction } from './actions.ts';
export { ACTION_LABELS, CASE_ACTION_KINDS } from './actions.ts';
export type { CaseError, CaseErrorCode } from './errors.ts';
export type { CaseEvent, NewCaseEvent } from './events.ts';
export type { Guard, Transition, TransitionRow } from './workflow.ts';
export { TRANSITIONS, applyAction, findTransition, openCase } from './workflow.ts';
export { checkScope } from './scope.ts';
export { renderWorkflowDoc } from './workflow-doc.ts';
// Roles are defined once in domain/access; re-exported for the workflow's callers.
export type { Role } from '../access/index.ts';
export { ROLES } from '../access/index.ts';
