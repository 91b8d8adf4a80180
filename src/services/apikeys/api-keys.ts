import { createHash, randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  findApiKey,
  findApiKeyByHash,
  insertApiKey,
  listApiKeys as listStored,
  revokeApiKey as revokeStored,
  API_KEY_SCOPES,
  type ApiKeyRecord,
  type ApiKeyScope,
} from '../../store/api-keys.store.ts';
import type { Deps } from '../deps.ts';
import { RateLimiter } from '../intake/rate-limit.ts';
import { runtimeKey } from '../runtime.ts';

export { API_KEY_SCOPES };
export type { ApiKeyRecord, ApiKeyScope };

/** What each scope's keys begin with, so a key says at a glance which channel it opens. */
const KEY_PREFIX: Readonly<Record<ApiKeyScope, string>> = {
  open311: 'o311_',
  hotline_exchange: 'h12345_',
};

export const isApiKeyScope = (s: string): s is ApiKeyScope =>
  (API_KEY_SCOPES as readonly string[]).includes(s);

/** Requests per minute of a new client unless its creator says otherwise. */
export const DEFAULT_CLIENT_RATE_LIMIT = 600;

export type ApiKeyError =
  | {
      readonly code: 'api_key.invalid_input';
      readonly details: { readonly field: string; readonly reason: string };
    }
  | { readonly code: 'api_key.not_found'; readonly details: { readonly id: string } };

/** The key's digest: keys are 256-bit random, so one SHA-256 is as good as a slow hash. */
export const hashApiKey = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Creates a key for a named client system. The key itself is returned once here and never
 * stored: only its hash and its first 8 characters (to tell keys apart in a list).
 */
export async function createApiKey(
  deps: Deps,
  input: {
    clientName: string;
    /** the channel the key admits its client to; Open311 unless said otherwise */
    scope?: string | undefined;
    rateLimitPerMinute?: number | undefined;
    createdBy: string | null;
  },
): Promise<Result<{ key: string; record: ApiKeyRecord }, ApiKeyError>> {
  const clientName = input.clientName.trim();
  if (clientName.length < 1 || clientName.length > 100) {
    return err({
      code: 'api_key.invalid_input',
      details: { field: 'clientName', reason: '1 to 100 characters' },
    });
  }
  const limit = input.rateLimitPerMinute ?? DEFAULT_CLIENT_RATE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    return err({
      code: 'api_key.invalid_input',
      details: { field: 'rateLimitPerMinute', reason: 'an integer from 1 to 100000' },
    });
  }
  const scope = input.scope ?? 'open311';
  if (!isApiKeyScope(scope)) {
    return err({
      code: 'api_key.invalid_input',
      details: { field: 'scope', reason: `one of ${API_KEY_SCOPES.join(', ')}` },
    });
  }
  const key = `${KEY_PREFIX[scope]}${randomBytes(32).toString('base64url')}`;
  const record = await insertApiKey(deps.db, {
    id: deps.newId(),
    clientName,
    scope,
    keyHash: hashApiKey(key),
    keyPrefix: key.slice(0, 12),
    rateLimitPerMinute: limit,
    createdAt: deps.clock.now(),
    createdBy: input.createdBy,
  });
  return ok({ key, record });
}

export const listApiKeys = (deps: Deps): Promise<ApiKeyRecord[]> => listStored(deps.db);

export async function revokeApiKey(
  deps: Deps,
  id: string,
  by: string | null,
): Promise<Result<ApiKeyRecord, ApiKeyError>> {
  const r = await revokeStored(deps.db, id, deps.clock.now(), by);
  return r ? ok(r) : err({ code: 'api_key.not_found', details: { id } });
}

export const findApiKeyById = (deps: Deps, id: string) => findApiKey(deps.db, id);

/** Why a presented key does not admit its caller (each answered 403 by the Open311 routes). */
export type KeyRefusal =
  | { readonly code: 'api_key.missing' }
  | { readonly code: 'api_key.invalid' }
  | { readonly code: 'api_key.revoked'; readonly details: { readonly id: string } }
  | {
      readonly code: 'api_key.wrong_scope';
      readonly details: { readonly id: string; readonly scope: ApiKeyScope };
    }
  | {
      readonly code: 'api_key.rate_limited';
      readonly details: { readonly clientId: string; readonly retryAfterS: number };
    };

export type Client = { readonly clientId: string; readonly clientName: string };

// One fixed-window counter per key id, per service copy (runtime), with each key's own limit.
const CLIENT_LIMITERS = runtimeKey('apikeys.limiters', () => new Map<string, RateLimiter>());

/**
 * The client system a key belongs to, if the key is scoped to `scope` (a key of another channel
 * is refused: `api_key.wrong_scope`, 403), counted against its own per-minute budget (not the
 * per-address budget of anonymous callers).
 */
export async function admitClient(
  deps: Deps,
  key: string | undefined,
  scope: ApiKeyScope,
): Promise<Result<Client, KeyRefusal>> {
  if (key === undefined || key === '') return err({ code: 'api_key.missing' });
  if (key.length > 200) return err({ code: 'api_key.invalid' });
  const found = await findApiKeyByHash(deps.db, hashApiKey(key));
  if (!found) return err({ code: 'api_key.invalid' });
  if (found.revokedAt) return err({ code: 'api_key.revoked', details: { id: found.id } });
  if (found.scope !== scope)
    return err({ code: 'api_key.wrong_scope', details: { id: found.id, scope: found.scope } });
  const limiters = deps.runtime.get(CLIENT_LIMITERS, deps);
  let limiter = limiters.get(`${found.id}:${found.rateLimitPerMinute}`);
  if (!limiter) {
    limiter = new RateLimiter(found.rateLimitPerMinute, 60_000, deps.clock);
    limiters.set(`${found.id}:${found.rateLimitPerMinute}`, limiter);
  }
  const gate = limiter.take(found.id);
  if (!gate.allowed) {
    return err({
      code: 'api_key.rate_limited',
      details: { clientId: found.id, retryAfterS: gate.retryAfterS },
    });
  }
  return ok({ clientId: found.id, clientName: found.clientName });
}
