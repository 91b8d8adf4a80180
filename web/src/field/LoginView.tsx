import { useState, type SyntheticEvent } from 'react';
import { api } from '../api/client.ts';

const text = (f: FormData, name: string): string => {
  const v = f.get(name);
  return typeof v === 'string' ? v : '';
};

/** Sign in (needs the network once; afterwards the app opens offline with the last session). */
export function LoginView({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const r = await api.POST('/api/v1/auth/login', {
        body: { username: text(f, 'username'), password: text(f, 'password') },
      });
      if (!r.data) {
        const m = (r.error as { message?: { zh?: string; en?: string } } | undefined)?.message;
        setError(`${m?.zh ?? '登录失败'} ${m?.en ?? 'Sign-in failed'}`);
        return;
      }
      await onSignedIn();
    } catch {
      setError('网络不可用，登录需要联网 No network: signing in needs it');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="f-app">
      <header className="f-head">
        <h1>城管通 · 网格监督员</h1>
      </header>
      <main className="f-main">
        <form className="f-card" onSubmit={(e) => void submit(e)} id="field-login">
          <h2>登录 Sign in</h2>
          <label className="f-field">
            <span>用户名 Username</span>
            <input
              type="text"
              name="username"
              id="field-username"
              autoComplete="username"
              required
            />
          </label>
          <label className="f-field">
            <span>密码 Password</span>
            <input
              type="password"
              name="password"
              id="field-password"
              autoComplete="current-password"
              required
            />
          </label>
          {error && <p className="f-bad">{error}</p>}
          <button className="f-btn primary" type="submit" disabled={busy} id="field-login-submit">
            登录 Sign in
          </button>
        </form>
      </main>
    </div>
  );
}
