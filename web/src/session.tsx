import { createContext, useContext } from 'react';
import type { Capability, Me } from './api/client.ts';

/** The signed-in user and what they may do, as GET /api/v1/auth/me says. */
export type Session = Me & { refresh: () => Promise<void>; logout: () => Promise<void> };

export const SessionCtx = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionCtx);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

export function useCan(c: Capability): boolean {
  return useSession().capabilities.includes(c);
}
