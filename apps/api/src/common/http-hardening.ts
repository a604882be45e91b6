import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The largest JSON body the API reads (body-parser's default, kept explicit so the 413 can name it). */
export const BODY_LIMIT_KB = 100;
/** How deeply a JSON body may nest objects and arrays; the deepest real request (a task's form data) uses 3. */
export const MAX_BODY_DEPTH = 32;

/**
 * The web app's policy: its own origin only. The built index.html loads one module script and one
 * stylesheet from /assets (no inline script or style, test/http-hardening checks it), React sets
 * styles through the DOM (which CSP allows), the favicon is a data: URL. No site may frame the app
 * (`frame-ancestors 'none'`): its approve and cut-off buttons must not be clickjacked. No
 * `upgrade-insecure-requests`: a plain-http deployment on a LAN must keep loading its own assets.
 */
const APP_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  workerSrc: ["'self'"],
};

/** Swagger UI (/api/docs): its scripts are files, but its page has <style> blocks and its icons are data: URLs. */
const DOCS_CSP = { ...APP_CSP, styleSrc: ["'self'", "'unsafe-inline'"] };

const headers = (directives: typeof APP_CSP) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // HSTS is set below, and only on an https request: sent over plain http it would be ignored at
    // best, and on a host that later moves to https it must come from the https deployment itself.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });

/**
 * Security headers on every answer (pages, assets, API, docs), HSTS over https only, and no-store on
 * every /api answer (tokens from login and refresh, personal data everywhere else: no shared or
 * browser cache may keep them). `req.secure` is Express's reading of the connection or, from a proxy
 * that "trust proxy" (TRUST_PROXY) believes, of X-Forwarded-Proto.
 */
export function securityHeaders(): RequestHandler[] {
  const app = headers(APP_CSP);
  const docs = headers(DOCS_CSP);
  return [
    (req, res, next) => (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : app)(req, res, next),
    (req, res, next) => {
      if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}

/**
 * True when `value` nests objects or arrays more than `max` levels (the top-level object is level 1).
 * Iterative, so a hostile body cannot exhaust the stack here as it did in class-transformer (a 500).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** body-parser's failures, in words a caller can act on (they reach the global filter as HttpExceptions). */
function bodyError(err: { type?: string; status?: number; charset?: string; encoding?: string; message?: string }): HttpException | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new BadRequestException([`the body is not valid JSON (${err.message})`]);
    case 'entity.too.large':
      return new HttpException({ message: [`the body is larger than ${BODY_LIMIT_KB} KB`] }, HttpStatus.PAYLOAD_TOO_LARGE);
    case 'charset.unsupported':
      return new HttpException({ message: [`charset "${err.charset}" is not supported: send JSON as UTF-8`] }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    case 'encoding.unsupported':
      return new HttpException({ message: [`content-encoding "${err.encoding}" is not supported (identity, gzip, deflate or br)`] }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestException(['the body ended before its announced length']);
    default:
      return undefined;
  }
}

/**
 * Reads JSON bodies (up to BODY_LIMIT_KB) and refuses one nested deeper than MAX_BODY_DEPTH with a
 * 400 before validation sees it: class-transformer copies a body recursively, and a 2,000-level array
 * sent to the (anonymous) login overflowed its stack as a 500. Registered before Nest's own parsers,
 * which then skip JSON (Nest adds a parser only where none is applied yet).
 */
export function useJsonBody(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: `${BODY_LIMIT_KB}kb` });
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => next(bodyError(err as object) ?? err));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.body !== null && typeof req.body === 'object' && nestedDeeperThan(req.body, MAX_BODY_DEPTH)) {
      return next(new BadRequestException([`the JSON body is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`]));
    }
    next();
  });
}

/** Everything above, in the order Express must see it (called before the web app and the routes are mounted). */
export function hardenHttp(app: NestExpressApplication): void {
  for (const h of securityHeaders()) app.use(h);
  useJsonBody(app);
}
