/** Parses the environment once into a typed, frozen Config. */
export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  timeZone: string;
  logLevel: string;
  sessionSecret: string | undefined;
  /** GRIDLOOP_METRICS_TOKEN: bearer token of /metrics; unset → /metrics refuses every caller. */
  metricsToken: string | undefined;
  /**
   * GRIDLOOP_TRUST_PROXY: the proxies whose X-Forwarded-For names the client (comma-separated
   * addresses or CIDRs), so rate limits count clients and not the proxy. Unset: none.
   */
  trustProxy: string | undefined;
}>;

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
    metricsToken: env.GRIDLOOP_METRICS_TOKEN || undefined,
    trustProxy: env.GRIDLOOP_TRUST_PROXY || undefined,
  });
}
