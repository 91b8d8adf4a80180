// Patrol (巡查): the supervisor's recorded track and its coverage of their grids (issue #12).
export {
  CLOCK_SKEW_MS,
  MAX_TRACK_AGE_MS,
  MAX_TRACK_BATCH,
  MAX_USEFUL_ACCURACY_M,
  checkTrackBatch,
  usefulForCoverage,
  type TrackError,
  type TrackPoint,
} from './track.ts';
export { patrolCoverage, type Coverage, type GridVisit, type Period } from './coverage.ts';
