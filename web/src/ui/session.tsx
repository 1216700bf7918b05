// Who is signed in. Asked once per page load (GET /api/auth/me); login and logout update it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, markSessionChecked, setCsrfToken } from './api.ts';
import type { TSessionView as TSession, TUserView as TSessionUser } from '@contract/identity.ts';

interface SessionState {
  /** undefined while the first /api/auth/me is in flight */
  user: TSessionUser | null | undefined;
  /** an admin set the password: nothing but the change-password page until it is changed */
  mustChangePassword: boolean;
  login: (username: string, password: string) => Promise<TSession>;
  logout: () => Promise<void>;
  /** after POST /api/auth/password succeeded */
  passwordChanged: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<TSessionUser | null | undefined>(undefined);
  const [mustChangePassword, setMustChangePassword] = useState(false);

  useEffect(() => {
    let live = true;
    api<TSession>('GET', '/api/auth/me')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        markSessionChecked();
        if (live) {
          setUser(s.user);
          setMustChangePassword(s.mustChangePassword);
        }
      })
      .catch((err: unknown) => {
        markSessionChecked();
        // 401 is the ordinary answer for a visitor who has not signed in
        if (live) setUser(null);
        if (!(err instanceof ApiError && err.status === 401)) console.warn('session check failed', err);
      });
    return () => {
      live = false;
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api<TSession>('POST', '/api/auth/login', { username, password });
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    setMustChangePassword(s.mustChangePassword);
    return s;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('POST', '/api/auth/logout', {});
    } finally {
      setCsrfToken(null);
      setUser(null);
      setMustChangePassword(false);
    }
  }, []);

  const passwordChanged = useCallback(() => setMustChangePassword(false), []);

  const value = useMemo(() => ({ user, mustChangePassword, login, logout, passwordChanged }), [user, mustChangePassword, login, logout, passwordChanged]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}
