import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';
import { readToken, signToken } from './session-token.ts';

describe('password hashes', () => {
  it('never contain the password and verify only the right one', async () => {
    const hash = await hashPassword('gridloop-demo');
    expect(hash).not.toContain('gridloop-demo');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('gridloop-demo', hash)).toBe(true);
    expect(await verifyPassword('gridloop-demO', hash)).toBe(false);
  });

  it('use a fresh salt each time', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it.each(['', 'plain', 'scrypt$1$8$1$abc$def', 'scrypt$99999999$8$1$abc$def'])(
    'refuse a malformed or absurd stored value %j',
    async (stored) => {
      expect(await verifyPassword('x', stored)).toBe(false);
    },
  );
});

describe('session tokens', () => {
  const payload = { sid: 's1', uid: 'u1', exp: 1_800_000_000 };

  it('read back what was signed with the same secret', () => {
    expect(readToken(signToken(payload, 'k1'), 'k1')).toEqual(payload);
  });

  it('are refused under another secret', () => {
    expect(readToken(signToken(payload, 'k1'), 'k2')).toBeNull();
  });

  it('are refused when the payload was changed', () => {
    const [v, , sig] = signToken(payload, 'k1').split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, uid: 'admin' })).toString('base64url');
    expect(readToken(`${v}.${forged}.${sig}`, 'k1')).toBeNull();
  });

  it.each(['', 'v1', 'v1..', 'v2.a.b', 'garbage.token.here'])('refuse the malformed %j', (t) => {
    expect(readToken(t, 'k1')).toBeNull();
  });
});
