import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../api/index.js';
import type { Me, Permission, Role, WebConfig } from '../api/index.js';
import { applyUserLanguage } from '../i18n/index.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

interface Session {
  /** mustSetPassword: signed in with a password someone else set (INF-10); only the set-password form shows. */
  status: 'loading' | 'signedOut' | 'mustSetPassword' | 'signedIn';
  me: Me | null;
  config: WebConfig | null;
  /** Why the person is on the sign-in page again (their session ran out), if so. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  /** The password typed at sign-in, kept in memory only until the person has set their own. */
  oneTimePassword: string | null;
  setOwnPassword: (currentPassword: string, newPassword: string) => Promise<void>;
  signOut: () => void;
  has: (...roles: Role[]) => boolean;
  /** Whether the person holds one of these permissions (the server's table, sent with GET /api/me). */
  can: (...permissions: Permission[]) => boolean;
  timeZone: string;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>(api.hasSession() ? 'loading' : 'signedOut');
  const [me, setMe] = useState<Me | null>(null);
  const [config, setConfig] = useState<WebConfig | null>(null);
  const [expired, setExpired] = useState(false);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);

  const enter = useCallback(async (user: Me) => {
    applyUserLanguage(user.locale);
    setMe(user);
    setExpired(false);
    if (user.mustSetPassword) {
      setStatus('mustSetPassword');
      return;
    }
    setOneTimePassword(null);
    setConfig(await api.getConfig());
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

  const signIn = useCallback(
    async (username: string, password: string) => {
      const user = await api.login(username, password);
      setOneTimePassword(user.mustSetPassword ? password : null);
      await enter(user);
    },
    [enter],
  );
  const setOwnPassword = useCallback(async (currentPassword: string, newPassword: string) => enter(await api.setOwnPassword(currentPassword, newPassword)), [enter]);
  const signOut = useCallback(() => {
    api.logout();
    setOneTimePassword(null);
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
      oneTimePassword,
      setOwnPassword,
      signOut,
      has: (...roles) => !!me && roles.some((r) => me.roles.includes(r)),
      can: (...permissions) => !!me && permissions.some((p) => me.permissions.includes(p)),
      timeZone: me?.timeZone || config?.defaultTimeZone || DEFAULT_TIME_ZONE,
    }),
    [status, me, config, expired, signIn, oneTimePassword, setOwnPassword, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
