import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads data for a page; `reload` fetches again (after an action, or from polling). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const stable = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const v = await stable();
      if (mine !== seq.current) return; // a newer load started: drop this stale answer
      setData(v);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [stable]);

  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);

  return { data, error, loading, reload };
}

/**
 * Calls `tick` every `ms` while the tab is visible; pauses when it is hidden (no traffic from tabs nobody
 * looks at) and ticks at once when it becomes visible again.
 */
export function usePolling(tick: () => unknown, ms: number, enabled = true): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!enabled) return;
    let timer: number | undefined;
    const start = () => {
      window.clearInterval(timer);
      timer = window.setInterval(() => void latest.current(), ms);
    };
    const onVisibility = () => {
      if (document.hidden) window.clearInterval(timer);
      else {
        void latest.current();
        start();
      }
    };
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ms, enabled]);
}

/** Re-renders every `ms` (countdowns such as "time left"). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  usePolling(() => setNow(Date.now()), ms);
  return now;
}

/** Runs an action, exposing busy/error state for the button and the error message. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, setError };
}

/** 128 random bits as hex (crypto.getRandomValues works on plain http too, unlike randomUUID). */
const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * useAction for a POST that takes an Idempotency-Key: `run(body)` sends it with a key. The same content
 * submitted again (the answer was lost, or a 503 said "look again") gets the same key, so the server
 * answers with what the first attempt did instead of doing it twice; changed content gets a new key,
 * and so does the next submission after a success (a second item with the same label is a second item).
 */
export function useIdempotentAction<B, R>(send: (body: B, idempotencyKey: string) => Promise<R>) {
  const last = useRef<{ content: string; key: string } | null>(null);
  const keyed = useCallback(
    async (body: B): Promise<R> => {
      const content = JSON.stringify(body);
      if (last.current?.content !== content) last.current = { content, key: randomKey() };
      const result = await send(body, last.current.key);
      last.current = null;
      return result;
    },
    [send],
  );
  return useAction(keyed);
}
