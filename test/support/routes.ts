import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { READ_ONLY_KEY, ROLES_KEY, type RouteRule } from '../../apps/api/src/common/auth.decorators.js';
import { IS_PUBLIC } from '../../apps/api/src/common/public.decorator.js';

export interface DiscoveredRoute {
  method: string;
  /** As mounted in Express, e.g. /api/employees/:id. */
  path: string;
  handler: string;
  isPublic: boolean;
  /** undefined: the route declares no rule (the guard refuses it, the matrix fails on it). */
  rule: RouteRule | undefined;
  /** A POST the guard judges as a read (@ReadOnlyRoute: the Temporal codec's decode). */
  readOnly: boolean;
}

const norm = (p: string) => `/${p}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * Every route the running app answers, read from the app itself: the handlers and their rules from
 * Nest's controller metadata, the mounted paths from the Express router (so prefixes and exclusions
 * are what the server really does). Routes mounted outside Nest controllers (the Swagger documents)
 * come back as `outsideNest` — they bypass the guard, so the caller must vet them.
 */
export function discoverRoutes(app: INestApplication): { routes: DiscoveredRoute[]; outsideNest: string[] } {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const handlers: { method: string; suffix: string; handler: string; isPublic: boolean; rule: RouteRule | undefined; readOnly: boolean }[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!cls) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, cls) ?? ''].flat() as string[];
      for (const name of scanner.getAllMethodNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, Function>)[name];
        const subs = Reflect.getMetadata(PATH_METADATA, fn);
        if (subs === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [fn, cls]) === true;
        const rule = reflector.getAllAndOverride<RouteRule | undefined>(ROLES_KEY, [fn, cls]);
        const readOnly = reflector.getAllAndOverride<boolean>(READ_ONLY_KEY, [fn, cls]) === true;
        for (const base of bases) for (const sub of [subs].flat() as string[]) handlers.push({ method, suffix: norm(`${base}/${sub}`), handler: `${cls.name}.${name}`, isPublic, rule, readOnly });
      }
    }
  }

  const express = app.getHttpAdapter().getInstance();
  const layers: { route?: { path: string; methods: Record<string, boolean> } }[] = express.router.stack;
  const routes: DiscoveredRoute[] = [];
  const outsideNest: string[] = [];
  const seen = new Set<string>();
  for (const layer of layers) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((k) => layer.route!.methods[k]);
    // A layer on every method is middleware (request logging), not a handler; a Nest handler has one.
    if (methods.length > 2 || methods.includes('_all')) continue;
    const path = norm(layer.route.path);
    for (const m of methods) {
      const method = m.toUpperCase();
      if (seen.has(`${method} ${path}`)) continue;
      seen.add(`${method} ${path}`);
      const h = handlers.find((x) => x.method === method && (path === x.suffix || path === norm(`/api${x.suffix}`)));
      if (h) routes.push({ method, path, handler: h.handler, isPublic: h.isPublic, rule: h.rule, readOnly: h.readOnly });
      else outsideNest.push(`${method} ${path}`);
    }
  }
  return { routes, outsideNest };
}
