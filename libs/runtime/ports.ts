import { createServer } from 'node:net';

/** Resolves when host:port can be bound; rejects with a message naming the variable that sets it. */
export function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use (${variable}). Stop whatever holds it, or set ${variable} to a free port.`
            : `Cannot bind ${host}:${port} (${variable}): ${e.message}`,
        ),
      );
    });
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

/** A loopback TCP port nobody listens on right now (for engines a tool or a test starts beside others). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until fn resolves, retrying every intervalMs, up to timeoutMs; the last error is rethrown. */
export async function waitFor<T>(what: string, fn: () => Promise<T>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${(last as Error)?.message ?? last}`);
}
