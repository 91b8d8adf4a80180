// Whistle and report (吹哨报到, issue #9 §5): levels and whom they summon, the report steps and
// their limits, the whistle's timeline and the assessment's counts.
export {
  DEFAULT_WHISTLE_LIMITS,
  REPORT_STEPS,
  WHISTLE_LEVELS,
  WHISTLE_LEVEL_RULES,
  summonRefusal,
  whistlePlace,
  type ReportStep,
  type WhistleLevel,
  type CasePlace,
  type WhistlePlace,
} from './levels.ts';
export {
  WHISTLE_EVENT_KINDS,
  WHISTLE_OUTCOMES,
  applyWhistleEvent,
  blowWhistle,
  closeWhistle,
  foldWhistle,
  missedReports,
  reportStep,
  type Whistle,
  type WhistleEvent,
  type WhistleEventKind,
  type WhistleOutcome,
} from './whistle.ts';
export {
  departmentOutcome,
  stepOutcome,
  whistleStats,
  type LevelStats,
  type StepOutcome,
} from './stats.ts';
export { WHISTLE_ERROR_CODES, type WhistleError, type WhistleErrorCode } from './errors.ts';
