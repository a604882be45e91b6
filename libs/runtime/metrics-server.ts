import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** The variable that sets the port, named in a bind error. */
  variable: string;
  /** When set, a scrape must send `Authorization: Bearer <token>`; otherwise 401. */
  token?: string;
  /** The exposition text (Prometheus text format) and its content type, built per scrape. */
  render: () => Promise<{ contentType: string; body: string }>;
  onError?: (e: Error) => void;
}

export interface MetricsServer {
  /** http://host:port/metrics */
  url: string;
  close: () => Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares digests, so neither the token's length nor its prefix shows in the timing. */
function authorized(req: IncomingMessage, expected: Buffer): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return !!m && timingSafeEqual(digest(m[1]), expected);
}

/**
 * The metrics listener of the API and of a worker: GET /metrics and nothing else (404), on a port of its
 * own and never the public API's, so a reverse proxy that publishes the API cannot publish the metrics by
 * accident. With a token, a scrape without the right bearer is refused (401) before anything is computed.
 */
export async function startMetricsServer(o: MetricsServerOptions): Promise<MetricsServer> {
  const expected = o.token ? digest(o.token) : undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (expected && !authorized(req, expected)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }).end('a bearer token is required\n');
      return;
    }
    o.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
      (e: Error) => {
        o.onError?.(e);
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `Port ${o.port} on ${o.host} is already in use (${o.variable}): set ${o.variable} to a free port` : `Cannot bind ${o.host}:${o.port} (${o.variable}): ${e.message}`)),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${o.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
