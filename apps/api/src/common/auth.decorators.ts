import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { rolesFor, type Permission } from '../../../../libs/policy/authorization.js';
import type { AuthUser, Role } from '../../../../libs/policy/roles.js';

export const ROLES_KEY = 'custodian:roles';
/** 'authenticated' = any signed-in user; object-level checks then happen in the service. */
export type RouteRule = Role[] | 'authenticated';

/**
 * Every route declares who may call it. The global guard denies a route that declares nothing (and is
 * not @Public), so a new route without a rule is closed until someone decides.
 */
/** Callers holding one of the roles the permission lists in the one table (libs/policy/authorization.ts). */
export const Allow = (permission: Permission) => SetMetadata(ROLES_KEY, [...rolesFor(permission)] satisfies RouteRule);
export const Authenticated = () => SetMetadata(ROLES_KEY, 'authenticated' satisfies RouteRule);

export const READ_ONLY_KEY = 'custodian:read-only';
/**
 * A POST that changes nothing (the Temporal codec server's decode: its protocol is POST): the guard
 * judges it as a read, so the auditor, who reads everything and writes nothing, may call it.
 */
export const ReadOnlyRoute = () => SetMetadata(READ_ONLY_KEY, true);

/**
 * The cookie a browser sends instead of an Authorization header, on routes marked @CookieAuth() only
 * (the Temporal Web UI's codec calls, which cannot carry Custodian's Bearer token). HttpOnly,
 * SameSite=Strict, scoped to /api/temporal-codec.
 */
export const CODEC_COOKIE = 'custodian_codec';
export const COOKIE_AUTH_KEY = 'custodian:cookie-auth';
export const CookieAuth = () => SetMetadata(COOKIE_AUTH_KEY, true);

/** The caller, set on the request by the global guard. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
