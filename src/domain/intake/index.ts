export type {
  IntakeRouting,
  PreferredUnit,
  PreferredUnitError,
  Report,
  ReportOrigin,
  SelfHandleFacts,
} from './report.ts';
export { DEFAULT_URGENCY, preferredUnitRefusal } from './report.ts';
export type { ChannelVocabulary, VocabularyEntry, VocabularyProblem } from './vocabulary.ts';
export { lookupCode, parseVocabulary } from './vocabulary.ts';
export type {
  DuplicateCandidate,
  DuplicateProbe,
  DuplicateWindow,
  LikelyDuplicate,
} from './dedupe.ts';
export { findLikelyDuplicates } from './dedupe.ts';
