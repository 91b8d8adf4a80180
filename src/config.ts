import {
  DUPLICATE_DISTANCE_BOUNDS_M,
  DUPLICATE_MAX_DISTANCE_M,
  isDuplicateDistance,
} from './domain/cases/index.ts';
import type { CaseRuleSettings } from './services/deps.ts';
import type { MapSettings } from './services/geo/tiles.ts';
import { DEFAULT_DB_TIMEOUTS, type DbTimeouts } from './store/postgres.ts';

/** Parses the environment once into a typed, frozen Config. */
export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  timeZone: string;
  logLevel: string;
  sessionSecret: string | undefined;
  /** PostgreSQL connect, statement, lock and bulk timeouts (GRIDLOOP_DB_*_TIMEOUT_MS) */
  dbTimeouts: DbTimeouts;
  /** GRIDLOOP_METRICS_TOKEN: bearer token of /metrics; unset → /metrics refuses every caller. */
  metricsToken: string | undefined;
  /**
   * GRIDLOOP_TRUST_PROXY: the proxies whose X-Forwarded-For names the client (comma-separated
   * addresses or CIDRs), so rate limits count clients and not the proxy. Unset: none.
   */
  trustProxy: string | undefined;
  /** GRIDLOOP_MERGE_MAX_DISTANCE_M and the other settings of the loop's rules. */
  caseRules: CaseRuleSettings;
  /**
   * The console map's optional basemap (GRIDLOOP_MAP_STYLE_URL, a MapLibre style URL; unset: the
   * city's own layers on a plain background, nothing fetched from outside) and the coordinate
   * system of that basemap (GRIDLOOP_MAP_CRS: wgs84, or gcj02 for 高德 / 腾讯 style basemaps).
   */
  map: MapSettings;
}>;

function mapSettingsFrom(env: NodeJS.ProcessEnv): MapSettings {
  const crs = env.GRIDLOOP_MAP_CRS || 'wgs84';
  if (crs !== 'wgs84' && crs !== 'gcj02')
    throw new Error(`GRIDLOOP_MAP_CRS is neither wgs84 nor gcj02: ${crs}`);
  const styleUrl = env.GRIDLOOP_MAP_STYLE_URL || null;
  if (styleUrl !== null && !/^(https?:\/\/|\/)/.test(styleUrl))
    throw new Error(`GRIDLOOP_MAP_STYLE_URL is not an http(s) URL or a path: ${styleUrl}`);
  return { styleUrl, crs };
}

/** GRIDLOOP_MERGE_MAX_DISTANCE_M: whole metres within the domain's bounds, else the default. */
function mergeDistanceFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.GRIDLOOP_MERGE_MAX_DISTANCE_M;
  if (raw === undefined || raw === '') return DUPLICATE_MAX_DISTANCE_M;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw.trim()) || !isDuplicateDistance(n)) {
    const { min, max } = DUPLICATE_DISTANCE_BOUNDS_M;
    throw new Error(`GRIDLOOP_MERGE_MAX_DISTANCE_M is not whole metres in ${min}..${max}: ${raw}`);
  }
  return n;
}

const TIMEOUT_VARS: Record<keyof DbTimeouts, string> = {
  connectTimeoutMs: 'GRIDLOOP_DB_CONNECT_TIMEOUT_MS',
  statementTimeoutMs: 'GRIDLOOP_DB_STATEMENT_TIMEOUT_MS',
  lockTimeoutMs: 'GRIDLOOP_DB_LOCK_TIMEOUT_MS',
  bulkTimeoutMs: 'GRIDLOOP_DB_BULK_TIMEOUT_MS',
};

/** Each timeout from its variable (milliseconds, 0 = no limit), else the default. */
function dbTimeoutsFrom(env: NodeJS.ProcessEnv): DbTimeouts {
  const out: Record<string, number> = {};
  for (const [key, name] of Object.entries(TIMEOUT_VARS)) {
    const raw = env[name];
    const n = Number(raw);
    if (raw !== undefined && raw !== '' && !(Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1))
      throw new Error(`${name} is not a number of milliseconds: ${raw}`);
    out[key] = raw === undefined || raw === '' ? DEFAULT_DB_TIMEOUTS[key as keyof DbTimeouts] : n;
  }
  return out as DbTimeouts;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port: ${env.PORT}`);
  return Object.freeze({
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.GRIDLOOP_DATA_DIR ?? env.DATA_DIR ?? './data',
    databaseUrl: env.DATABASE_URL || undefined,
    timeZone: env.GRIDLOOP_TZ ?? 'Asia/Shanghai',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionSecret: env.GRIDLOOP_SESSION_SECRET || undefined,
    dbTimeouts: dbTimeoutsFrom(env),
    metricsToken: env.GRIDLOOP_METRICS_TOKEN || undefined,
    trustProxy: env.GRIDLOOP_TRUST_PROXY || undefined,
    caseRules: { mergeMaxDistanceM: mergeDistanceFrom(env) },
    map: mapSettingsFrom(env),
  });
}
