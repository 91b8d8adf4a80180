import { describe, expect, it } from 'vitest';
import { readToken, signToken } from './session-token.ts';

const payload = { sid: 's-1', uid: 'u-1', exp: 2_000_000_000 };

describe('session tokens', () => {
  it('reads a token signed with the secret, again and again', () => {
    const t = signToken(payload, 'secret-a');
    expect(readToken(t, 'secret-a')).toEqual(payload);
    expect(readToken(t, 'secret-a')).toEqual(payload);
  });

  it('refuses a token already read under its own secret when another secret asks', () => {
    const t = signToken(payload, 'secret-a');
    expect(readToken(t, 'secret-a')).toEqual(payload);
    expect(readToken(t, 'secret-b')).toBeNull();
  });

  it('refuses a token whose body or signature was changed', () => {
    const t = signToken(payload, 'secret-a');
    const [v, body, sig] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, uid: 'admin' })).toString('base64url');
    expect(readToken(`${v}.${forged}.${sig}`, 'secret-a')).toBeNull();
    expect(readToken(`${v}.${body}.${sig?.slice(0, -2)}AA`, 'secret-a')).toBeNull();
  });
});
