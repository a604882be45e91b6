import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../api/index.js';
import type { Me, Role, WebConfig } from '../api/index.js';
import { applyUserLanguage } from '../i18n/index.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

interface Session {
  status: 'loading' | 'signedOut' | 'signedIn';
  me: Me | null;
  config: WebConfig | null;
  /** Why the person is on the sign-in page again (their session ran out), if so. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => void;
  has: (...roles: Role[]) => boolean;
  timeZone: string;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>(api.hasSession() ? 'loading' : 'signedOut');
  const [me, setMe] = useState<Me | null>(null);
  const [config, setConfig] = useState<WebConfig | null>(null);
  const [expired, setExpired] = useState(false);

  const enter = useCallback(async (user: Me) => {
    applyUserLanguage(user.locale);
    setMe(user);
    setConfig(await api.getConfig());
    setExpired(false);
    setStatus('signedIn');
  }, []);

  useEffect(() => {
    if (!api.hasSession()) return;
    // A reload with a live session: fetch who we are again (tokens are in sessionStorage).
    api.getMe().then(enter, () => {
      api.logout();
      setStatus('signedOut');
    });
  }, [enter]);

  useEffect(
    () =>
      api.onSessionExpired(() => {
        setMe(null);
        setExpired(true);
        setStatus('signedOut');
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => enter(await api.login(username, password)), [enter]);
  const signOut = useCallback(() => {
    api.logout();
    setMe(null);
    setExpired(false);
    setStatus('signedOut');
  }, []);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      config,
      expired,
      signIn,
      signOut,
      has: (...roles) => !!me && roles.some((r) => me.roles.includes(r)),
      timeZone: me?.timeZone || config?.defaultTimeZone || DEFAULT_TIME_ZONE,
    }),
    [status, me, config, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
