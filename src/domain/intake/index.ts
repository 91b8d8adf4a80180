export type { Report } from './report.ts';
export type {
  DuplicateCandidate,
  DuplicateProbe,
  DuplicateWindow,
  LikelyDuplicate,
} from './dedupe.ts';
export { findLikelyDuplicates } from './dedupe.ts';
export type { ChannelVocabulary, VocabularyEntry, VocabularyProblem } from './vocabulary.ts';
export { lookupCode, parseVocabulary } from './vocabulary.ts';
