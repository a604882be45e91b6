import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import * as api from '../api/index.js';
import { usePolling } from './hooks.js';
import { POLL_MS } from './inbox-count.js';

const CountContext = createContext<{ unread: number | null; refresh: () => void }>({ unread: null, refresh: () => {} });

/**
 * How many of my notifications are unread, for the header bell. Polled like the inbox badge, and like it
 * paused while the tab is hidden (usePolling); the notifications page refreshes it after "mark as read".
 */
export function NotificationCountProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState<number | null>(null);
  const refresh = useCallback(() => {
    api.countUnreadNotifications().then(setUnread, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  usePolling(refresh, POLL_MS);
  return <CountContext.Provider value={{ unread, refresh }}>{children}</CountContext.Provider>;
}

export const useNotificationCount = () => useContext(CountContext);
