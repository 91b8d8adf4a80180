/**
 * Login rate limiting (brute-force protection): after `maxFailures` failed logins for one
 * username from one address within `windowSeconds`, further attempts are refused until the
 * oldest of those failures leaves the window.
 */
export type ThrottlePolicy = { readonly maxFailures: number; readonly windowSeconds: number };

export const DEFAULT_THROTTLE: ThrottlePolicy = { maxFailures: 5, windowSeconds: 15 * 60 };

export type ThrottleDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Decides from the times of recent failures (any order) whether another attempt may proceed. */
export function decideLoginThrottle(
  failures: readonly Date[],
  now: Date,
  policy: ThrottlePolicy,
): ThrottleDecision {
  const windowMs = policy.windowSeconds * 1000;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < policy.maxFailures) return { allowed: true };
  // The attempt becomes allowed when the maxFailures-th most recent failure leaves the window.
  const pivot = recent[policy.maxFailures - 1] ?? now.getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((pivot + windowMs - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds };
}
