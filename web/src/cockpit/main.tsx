import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from '../api/client.ts';
import { WALL_STRINGS } from './strings.ts';
import { Wall } from './Wall.tsx';

type Gate = 'checking' | 'sign-in' | 'no-access' | 'wall';

/**
 * The wall signs in once, as a leader (commander; dispatchers and acceptance operators may also
 * read the cockpit): the platform's session cookie (HttpOnly, 12 h) is all the screen keeps — no
 * password, no token in storage. When the session lapses the stream closes with 401 and the
 * sign-in form comes back over the last figures.
 */
function CockpitApp() {
  const [gate, setGate] = useState<Gate>('checking');
  const [lapsed, setLapsed] = useState(false);
  // A new sign-in opens a new stream: the wall is mounted afresh.
  const [epoch, setEpoch] = useState(0);
  const check = useCallback(async () => {
    const r = await api.GET('/api/v1/auth/me');
    if (!r.response.ok || !r.data) {
      setGate('sign-in');
      return;
    }
    if (!r.data.capabilities.includes('cockpit.read')) {
      setGate('no-access');
      return;
    }
    setLapsed((was) => {
      if (was) setEpoch((e) => e + 1);
      return false;
    });
    setGate('wall');
  }, []);
  useEffect(() => {
    void check();
  }, [check]);
  return (
    <>
      {(gate === 'wall' || lapsed) && <Wall key={epoch} onLapsed={() => setLapsed(true)} />}
      {(gate === 'sign-in' || gate === 'no-access' || lapsed) && (
        <WallSignIn noAccess={gate === 'no-access'} onSignedIn={check} />
      )}
    </>
  );
}

function WallSignIn({
  noAccess,
  onSignedIn,
}: {
  noAccess: boolean;
  onSignedIn: () => Promise<void>;
}) {
  const s = (k: keyof typeof WALL_STRINGS) => `${WALL_STRINGS[k].zh} ${WALL_STRINGS[k].en}`;
  const [error, setError] = useState<string | null>(null);
  const shown = noAccess ? s('noAccess') : error;
  const [busy, setBusy] = useState(false);
  const field = {
    display: 'block',
    width: '100%',
    margin: '0.3rem 0 0.8rem',
    padding: '0.5rem',
    fontSize: '1rem',
  };
  return (
    <form
      id="wall-login"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setBusy(true);
        void api
          .POST('/api/v1/auth/login', {
            body: {
              username: (f.get('username') as string | null) ?? '',
              password: (f.get('password') as string | null) ?? '',
            },
          })
          .then(async (r) => {
            if (!r.response.ok) {
              const m = (r.error as { message?: { zh: string; en: string } } | undefined)?.message;
              setError(m ? `${m.zh} ${m.en}` : `HTTP ${r.response.status}`);
            } else await onSignedIn();
          })
          .finally(() => setBusy(false));
      }}
      style={{
        position: 'fixed',
        top: '50%',
        left: '50%',
        transform: 'translate(-50%, -50%)',
        width: '26rem',
        padding: '1.5rem',
        background: '#0d2852',
        color: '#e6f0ff',
        border: '1px solid #2f6db3',
        borderRadius: '0.5rem',
        fontFamily: 'sans-serif',
        zIndex: 20,
      }}
    >
      <h2 style={{ marginTop: 0 }}>{s('signIn')}</h2>
      <p style={{ fontSize: '0.8rem', opacity: 0.8 }}>{s('signInHint')}</p>
      <label>
        {s('username')}
        <input id="wall-username" name="username" autoComplete="username" required style={field} />
      </label>
      <label>
        {s('password')}
        <input
          id="wall-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          style={field}
        />
      </label>
      {shown && (
        <p id="wall-login-error" style={{ color: '#f2637b' }}>
          {shown}
        </p>
      )}
      <button
        id="wall-login-submit"
        type="submit"
        disabled={busy}
        style={{ ...field, cursor: 'pointer' }}
      >
        {s('go')}
      </button>
    </form>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <CockpitApp />
  </StrictMode>,
);
