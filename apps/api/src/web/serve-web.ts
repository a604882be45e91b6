import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/web/dist, produced by `npm run build:web` (the launcher and the browser tests build it when stale). */
export const webDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths that belong to the server; everything else without a file extension is a page of the web app. */
const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

/**
 * Serves the web app on the API's own origin (no CORS, one thing to deploy): the built files, and
 * index.html for any other GET that is a page of the app (SPA fallback, so deep links and reloads work).
 * File names under assets/ carry a content hash, so browsers may keep them for a year; index.html is
 * revalidated every time so a new release is picked up at once. Does nothing when no build exists
 * (an API-only deployment, or tests that do not need the pages).
 */
export function serveWebApp(app: NestExpressApplication, dir = webDistDir): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const files = serveStatic(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // A route of the server is never a file: it skips the file lookup (a stat on the thread pool per API call).
  app.use((req: Request, res: Response, next: NextFunction) => (SERVER_PATHS.test(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    // A decision link `/d/<linkId>.<signature>` is a page although its last segment has a dot.
    const decisionLink = req.path.startsWith('/d/');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || (extname(req.path) !== '' && !decisionLink)) return next();
    res.setHeader('Cache-Control', decisionLink ? 'no-store' : 'no-cache');
    res.sendFile(index);
  });
  return true;
}
