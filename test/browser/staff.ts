import type { Harness } from './harness.ts';
import { PNG } from './harness.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';

/** The centre's staff acting through the real HTTP API (bearer token), beside a browser test. */
export type Staff = {
  call: <T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ) => Promise<T>;
  upload: () => Promise<string>;
};

const signedIn = new WeakMap<Harness, Map<string, Promise<Staff>>>();

/** A member of staff signed in once per harness (a soak acts thousands of times). */
export function staff(h: Harness, username: string): Promise<Staff> {
  let m = signedIn.get(h);
  if (!m) {
    m = new Map<string, Promise<Staff>>();
    signedIn.set(h, m);
  }
  let s = m.get(username);
  if (!s) {
    s = signIn(h, username);
    m.set(username, s);
    s.catch(() => m.delete(username));
  }
  return s;
}

async function signIn(h: Harness, username: string): Promise<Staff> {
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.body}`);
  const auth = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
  return {
    async call(method, url, body) {
      const r = await h.app.inject({
        method,
        url,
        headers: auth,
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
      if (r.statusCode >= 300)
        throw new Error(`${method} ${url} by ${username}: ${r.statusCode} ${r.body}`);
      return r.json();
    },
    async upload() {
      const boundary = '----gridloop-browser';
      const r = await h.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="after.png"\r\n` +
              'Content-Type: image/png\r\n\r\n',
          ),
          PNG,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      if (r.statusCode !== 201) throw new Error(`upload by ${username}: ${r.body}`);
      return r.json<{ id: string }>().id;
    },
  };
}

type CaseRow = { id: string; status: string; mainUnitId: string | null; source: string };

/** The case behind a citizen's tracking code, as the acceptance desk sees it. */
export async function caseOfCode(h: Harness, trackingCode: string): Promise<CaseRow> {
  const acc = await staff(h, 'acceptance_operator');
  const r = await acc.call<{ items: CaseRow[] }>(
    'GET',
    `/api/v1/cases?trackingCode=${encodeURIComponent(trackingCode)}`,
  );
  const c = r.items[0];
  if (!c) throw new Error(`no case for ${trackingCode}`);
  return c;
}

/**
 * Walks a case of district 530114 from verification to closure through the API, the unit feeding
 * back with an after photo: verify, file, dispatch (the rules' suggestion), accept, feedback,
 * re-check, close.
 */
export async function driveToClosed(h: Harness, caseId: string): Promise<void> {
  const sup = await staff(h, 'supervisor');
  const acc = await staff(h, 'acceptance_operator');
  const dis = await staff(h, 'dispatcher');
  const at = (a: string) => `/api/v1/cases/${caseId}/${a}`;
  await sup.call('POST', at('verify'), { note: '现场核实属实' });
  await acc.call('POST', at('file'), {});
  const s = await dis.call<{ unit: { id: string } }>('GET', at('dispatch-suggestion'));
  await dis.call('POST', at('dispatch'), { unitId: s.unit.id });
  const handler = await staff(h, `handler.${s.unit.id.replace(/^u-/, '')}`);
  await handler.call('POST', at('accept'), {});
  const photo = await handler.upload();
  await handler.call('POST', at('feedback'), { note: '已更换井盖', photoIds: [photo] });
  await sup.call('POST', at('recheck'), { note: '复核通过' });
  await acc.call('POST', at('close'), { note: '结案' });
}
