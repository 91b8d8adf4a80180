import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Clock } from '../../services/deps.ts';
import { RateLimiter } from '../../services/intake/rate-limit.ts';

/** How many anonymous requests one client address may make to a group of routes per window. */
export type RateBudget = { readonly limit: number; readonly windowMs: number };

/**
 * The budgets of anonymous callers, by name. A public route names its budget in
 * `config.rateLimit`; otherwise reads share `public-read` and writes `public-write`.
 */
export const DEFAULT_BUDGETS = {
  'public-read': { limit: 1200, windowMs: 60_000 },
  'public-write': { limit: 60, windowMs: 60_000 },
  // Sign-in has its own per-username throttle (domain/access); this bounds one address's tries.
  login: { limit: 120, windowMs: 60_000 },
  // The public portal: 20 reports per address per 10 minutes.
  'public-report': { limit: 20, windowMs: 10 * 60_000 },
  // Tracking codes are 50-bit random; a slow budget keeps guessing pointless.
  'tracking-lookup': { limit: 60, windowMs: 60_000 },
  // Portal photos: 30 per address per 10 minutes (a report carries at most 3).
  'portal-photo': { limit: 30, windowMs: 10 * 60_000 },
  // One-time codes: asking costs a text message, checking is guessing.
  'code-request': { limit: 10, windowMs: 10 * 60_000 },
  'code-verify': { limit: 30, windowMs: 10 * 60_000 },
  // Per phone (keyed by the phone, whoever asks): reports and codes one phone may trigger.
  'phone-report': { limit: 10, windowMs: 60 * 60_000 },
  'phone-code': { limit: 3, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateBudget>;

export type BudgetName = keyof typeof DEFAULT_BUDGETS;

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's rate limits (routes that limit by more than the address use `take`). */
    rateLimits: RateLimits;
  }
  interface FastifyContextConfig {
    /** The anonymous-caller budget of a public route (see DEFAULT_BUDGETS). */
    rateLimit?: BudgetName;
  }
}

/**
 * The rate limits of one app instance (never module globals): one fixed-window counter per
 * budget, keyed by client address. Several service copies each count their own callers.
 */
export class RateLimits {
  private readonly limiters = new Map<BudgetName, RateLimiter>();

  constructor(
    private readonly clock: Clock,
    private readonly budgets: Partial<Record<BudgetName, RateBudget>> = {},
  ) {}

  private limiter(name: BudgetName): RateLimiter {
    let l = this.limiters.get(name);
    if (!l) {
      const b = this.budgets[name] ?? DEFAULT_BUDGETS[name];
      l = new RateLimiter(b.limit, b.windowMs, this.clock);
      this.limiters.set(name, l);
    }
    return l;
  }

  /**
   * Counts one request against a budget under any key (a phone number: limits per phone hold
   * whichever address asks, and for signed-in callers too).
   */
  take(name: BudgetName, key: string): { allowed: boolean; retryAfterS: number } {
    return this.limiter(name).take(key);
  }

  /** onRequest hook of a public route: counts anonymous callers only (staff are signed in). */
  hookFor(route: Pick<RouteOptions, 'method' | 'config'>) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const read = methods.every((m) => m === 'GET' || m === 'HEAD');
    const name: BudgetName = route.config?.rateLimit ?? (read ? 'public-read' : 'public-write');
    return async (req: FastifyRequest, reply: FastifyReply) => {
      if (req.principal) return undefined;
      const gate = this.limiter(name).take(req.ip);
      if (gate.allowed) return undefined;
      return reply.header('retry-after', String(gate.retryAfterS)).sendError({
        code: 'rate_limited',
        details: { budget: name, retryAfterS: gate.retryAfterS },
      });
    };
  }
}
