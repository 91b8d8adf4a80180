// The demo city (演示城市): a seeded, Kunming-like city for `gridloop demo`, tests and benchmarks.
export { generateCity, DEFAULT_CITY_PARAMS } from './city.ts';
export type { CityParams, DemoCity, DemoCityError } from './city.ts';
export type { ComponentCategory } from './components.ts';
export {
  DEMO_ROLES_BY_LEVEL,
  demoUsers,
  handlerUsername,
  levelSlug,
  type DemoLevel,
  type DemoUnit,
  type DemoUser,
} from './users.ts';
export { CITY, DISTRICTS } from './names.ts';
export {
  HISTORY_RATES,
  historyDays,
  historyFates,
  historySize,
  parseHistoryMonths,
  type CaseFate,
  type HistoryParams,
  type HistorySource,
} from './history.ts';
