import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import * as api from '../api/index.js';
import { usePolling } from './hooks.js';

/** How often the inbox asks for new tasks. Polling pauses while the tab is hidden (usePolling). */
export const POLL_MS = 5_000;

const CountContext = createContext<{ count: number | null; refresh: () => void }>({ count: null, refresh: () => {} });

/** The number of open tasks for the nav badge, kept fresh without reloading the page. */
export function InboxCountProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    api.countOpenTasks().then(setCount, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  usePolling(refresh, POLL_MS);
  return <CountContext.Provider value={{ count, refresh }}>{children}</CountContext.Provider>;
}

export const useInboxCount = () => useContext(CountContext);
