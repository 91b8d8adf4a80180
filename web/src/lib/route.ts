import { useEffect, useState } from 'react';

// Hash routes (#/cases/…): the server serves one index.html at `/` and needs no fallback rule
// that could shadow /api or /open311.

/** The current route and its query, e.g. `#/cases?status=closed` → ['/cases', {status}]. */
export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const h = hash.replace(/^#/, '') || '/';
  const [path = '/', q = ''] = h.split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(q) };
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseHash(hash);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** `/cases/:id` style matching: the segments' values, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const a = p[i] ?? '';
    const b = s[i] ?? '';
    if (a.startsWith(':')) out[a.slice(1)] = decodeURIComponent(b);
    else if (a !== b) return null;
  }
  return out;
}
