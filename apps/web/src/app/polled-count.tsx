import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { usePolling } from './hooks.js';

/** How often badges and lists ask for news. Polling pauses while the tab is hidden (usePolling). */
export const POLL_MS = 5_000;

/**
 * A number in the header kept fresh without reloading (the inbox badge, the notification bell): a
 * provider that polls `fetchCount`, and a hook giving the count and a `refresh` for pages that change it.
 */
export function polledCount(fetchCount: () => Promise<number>) {
  const Ctx = createContext<{ count: number | null; refresh: () => void }>({ count: null, refresh: () => {} });
  function Provider({ children }: { children: ReactNode }) {
    const [count, setCount] = useState<number | null>(null);
    const refresh = useCallback(() => {
      fetchCount().then(setCount, () => undefined);
    }, []);
    useEffect(refresh, [refresh]);
    usePolling(refresh, POLL_MS);
    return <Ctx.Provider value={{ count, refresh }}>{children}</Ctx.Provider>;
  }
  return { Provider, useCount: () => useContext(Ctx) };
}
