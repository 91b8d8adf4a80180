export type { Topic, TopicProblem } from './topics.ts';
export { findTopic, parseTopics, searchTopics } from './topics.ts';
export type { Phase, Rating, StatusChange, TimelineEntry, UnitName } from './progress.ts';
export { PHASES, RATINGS, mayRate, phaseOf, phaseText, timelineOf } from './progress.ts';
export type { CodeRefusal, OneTimeCodeState } from './one-time-code.ts';
export { ONE_TIME_CODE_POLICY, codeRefusal, normalizePhone } from './one-time-code.ts';
