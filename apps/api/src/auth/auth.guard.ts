import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { isReadMethod, rolesSatisfy } from '../../../../libs/auth/access.js';
import { DomainError, ErrorCode, forbidden } from '../../../../libs/domain/errors.js';
import { loadAuthUser } from '../../../../libs/domain/directory/queries.js';
import { READ_ONLY_KEY, ROLES_KEY, type RouteRule } from '../common/auth.decorators.js';
import { IS_PUBLIC } from '../common/public.decorator.js';

export interface AccessClaims {
  sub: string;
  typ: 'access';
}

const unauthenticated = (why: string) => new DomainError(ErrorCode.Unauthenticated, why);

/**
 * The global guard: deny by default. A @Public route is open; any other needs a valid Bearer access
 * token (401 otherwise) and must declare a rule the caller meets (403 otherwise). A route with no rule
 * is refused for everyone, so a forgotten decorator closes a route instead of opening it. The user
 * and roles are read from PostgreSQL on every request: deactivation and role changes apply at once,
 * on every replica.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: unknown }>();

    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('a Bearer access token is required: log in with POST /api/auth/login');
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('the access token is invalid or expired: refresh it with POST /api/auth/refresh');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw unauthenticated('not an access token');
    const user = await loadAuthUser(this.ds, claims.sub);
    if (!user) throw unauthenticated('this account no longer exists or is deactivated');
    req.user = user;

    const rule = this.reflector.getAllAndOverride<RouteRule | undefined>(ROLES_KEY, targets);
    if (rule === undefined) {
      throw forbidden(`${req.method} ${req.route?.path ?? req.path} has no access rule: the route must declare @Roles(...), @Authenticated() or @Public()`);
    }
    const method = this.reflector.getAllAndOverride<boolean>(READ_ONLY_KEY, targets) ? 'GET' : req.method;
    if (rule === 'authenticated' || rolesSatisfy(rule, user.roles, method)) return true;
    throw forbidden(`this needs one of the roles ${rule.filter((r) => r !== 'auditor' || isReadMethod(method)).join(', ')}; you have ${user.roles.join(', ') || 'none'}`);
  }
}
