import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { isReadMethod, rolesSatisfy } from '../../../../libs/policy/access.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { DomainError, ErrorCode, forbidden } from '../../../../libs/policy/errors.js';
import { loadAuthUser } from '../../../../libs/read-models/directory.js';
import { CODEC_COOKIE, COOKIE_AUTH_KEY, READ_ONLY_KEY, ROLES_KEY, type RouteRule } from '../common/auth.decorators.js';
import { IS_PUBLIC } from '../common/public.decorator.js';
import { CONFIG } from '../core/tokens.js';
import { ALLOW_ONE_TIME_PASSWORD } from './one-time-password.decorator.js';

export interface AccessClaims {
  sub: string;
  typ: 'access';
  /** The user's session version when the token was signed (libs/domain/accounts/sessions.ts). */
  sv: number;
  /** Seconds since the epoch when this session typed the password again (POST /api/auth/reauthenticate); only on the token that answer returned. */
  ra?: number;
}

/**
 * Exactly `Bearer <token>`: one space, then an RFC 6750 b64token and nothing after it. Anything else
 * (a second token, trailing words, a tab) is refused rather than guessed at.
 */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/** INF-10: the message a one-time password gets on every other route. */
export const SET_PASSWORD_FIRST =
  'your password was set by someone else and works once: set your own password (POST /api/auth/password) before you do anything else, so what you sign and decide is yours (INF-10)';

const unauthenticated = (why: string) => new DomainError(ErrorCode.Unauthenticated, why);

/** The access token in the codec cookie, when the request has exactly one well-formed one. */
function codecCookie(req: Request): string | undefined {
  const found = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).filter((c) => c.startsWith(`${CODEC_COOKIE}=`));
  if (found.length !== 1) return undefined;
  const value = found[0]!.slice(CODEC_COOKIE.length + 1);
  return BEARER.test(`Bearer ${value}`) ? value : undefined;
}

/**
 * The global guard: deny by default. A @Public route is open; any other needs a valid Bearer access
 * token (401 otherwise) and must declare a rule the caller meets (403 otherwise). A route with no rule
 * is refused for everyone, so a forgotten decorator closes a route instead of opening it. A token
 * signed before the user's last logout, password change, deactivation or reactivation is refused
 * (session version, `sv`). The user
 * and roles are read from PostgreSQL on every request: deactivation and role changes apply at once,
 * on every replica.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: unknown }>();

    const token = BEARER.exec(req.headers.authorization ?? '')?.[1] ?? (this.reflector.getAllAndOverride<boolean>(COOKIE_AUTH_KEY, targets) ? codecCookie(req) : undefined);
    if (!token) throw unauthenticated('an Authorization header of exactly "Bearer <access token>" is required: log in with POST /api/auth/login');
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('the access token is invalid or expired: refresh it with POST /api/auth/refresh');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Number.isInteger(claims.sv)) throw unauthenticated('not an access token');
    const user = await loadAuthUser(this.ds, claims.sub);
    if (!user) throw unauthenticated('this account no longer exists or is deactivated');
    // Logout, a new password, deactivation or reactivation since the token was signed: it is over.
    if (user.session.version !== claims.sv) throw unauthenticated('this session has ended (logout, password change or deactivation): log in again');
    // A re-authentication belongs to the token it was issued on (libs/policy/decision-links.ts): a refresh drops it.
    req.user = Number.isInteger(claims.ra) ? { ...user, reauthenticatedAt: claims.ra! * 1000 } : user;
    // With AUTH_MODE=ldap no local password is accepted, so one that someone else set binds nobody (INF-10 holds).
    if (user.session.passwordOneTime && this.config.AUTH_MODE !== 'ldap' && !this.reflector.getAllAndOverride<boolean>(ALLOW_ONE_TIME_PASSWORD, targets)) {
      throw new DomainError(ErrorCode.Forbidden, SET_PASSWORD_FIRST, { reason: 'password_change_required' });
    }

    const rule = this.reflector.getAllAndOverride<RouteRule | undefined>(ROLES_KEY, targets);
    if (rule === undefined) {
      throw forbidden(`${req.method} ${req.route?.path ?? req.path} has no access rule: the route must declare @Allow(permission), @Authenticated() or @Public()`);
    }
    const method = this.reflector.getAllAndOverride<boolean>(READ_ONLY_KEY, targets) ? 'GET' : req.method;
    if (rule === 'authenticated' || rolesSatisfy(rule, user.roles, method)) return true;
    throw forbidden(`this needs one of the roles ${rule.filter((r) => r !== 'auditor' || isReadMethod(method)).join(', ')}; you have ${user.roles.join(', ') || 'none'}`);
  }
}
