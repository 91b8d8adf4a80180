import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/build-app.ts';
import type { NewUserInput } from '../../src/domain/access/index.ts';
import { createUser } from '../../src/services/access/users.ts';
import type { Deps } from '../../src/services/deps.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import { caseWorld, type CaseWorld } from '../factories.ts';
import { freshDb } from './db.ts';

/** Password of the users that `addUsers` creates (the demo users' password). */
export const TEST_PASSWORD = DEMO_PASSWORD;

/** The two users most API tests act as: the city administrator and 五华区's dispatcher. */
export const ADMIN_AND_DISPATCHER = [
  { username: 'admin', role: 'admin', districtCode: '530100' },
  { username: 'wuhua.dispatcher', role: 'dispatcher', districtCode: '530102' },
] as const;

/** Creates the users with TEST_PASSWORD; throws on the first refusal. */
export async function addUsers(
  deps: Deps,
  users: readonly Omit<NewUserInput, 'password'>[],
): Promise<void> {
  for (const u of users) {
    const r = await createUser(deps, { ...u, password: TEST_PASSWORD });
    if (!r.ok) throw new Error(`${u.username}: ${r.error.code}`);
  }
}

/** The app over the deps, with a fixed session secret. Close it in afterAll. */
export function testApp(deps: Deps): Promise<FastifyInstance> {
  return buildApp(deps, { sessionSecret: 'test-secret-test-secret-test-secret' });
}

/** Logs the user in (password TEST_PASSWORD) and returns the bearer token; throws unless 200. */
export async function loginAs(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return res.json<{ token: string }>().token;
}

/** The Authorization header carrying the token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A fresh database with the case world (demo city, test users, app) for one test file. */
export async function openCaseWorld(): Promise<CaseWorld> {
  return caseWorld(await freshDb());
}

/** Closes the world's app and its database (afterAll of openCaseWorld). */
export async function closeCaseWorld(w: CaseWorld): Promise<void> {
  await w.app.close();
  await w.db.close();
}
