import { permissionsOf } from '../../../../libs/policy/authorization.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import { login, reauthenticate, type AuthMode, type DirectoryPasswords, type ThrottleSettings } from '../../../../libs/auth/login.js';
import { loadSignInDirectory } from '../../../../libs/enforcement/directory-config.js';
import { LdapDirectory } from '../../../../libs/enforcement/ldap-directory.js';
import { issueRefreshToken, revokeRefreshFamily, rotateRefreshToken, type IssuedRefreshToken } from '../../../../libs/domain/accounts/refresh-tokens.js';
import { sessionState } from '../../../../libs/domain/accounts/sessions.js';
import { changeOwnPassword } from '../../../../libs/domain/directory/users.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { loadAuthUser } from '../../../../libs/read-models/directory.js';
import { getUser } from '../../../../libs/domain/directory/lookups.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import type { AccessClaims } from './auth.guard.js';
import type { ReauthenticatedDto, SessionUserDto, TokensDto } from './dto/auth.dto.js';
import { REAUTHENTICATION_WINDOW_MS } from '../../../../libs/policy/decision-links.js';

@Injectable()
export class AuthService {
  private readonly accessTtlMs: number;
  private readonly refreshTtlMs: number;
  private readonly throttle: ThrottleSettings;
  private readonly mode: AuthMode;
  private readonly directory: DirectoryPasswords | null;
  private readonly logger = new Logger('AuthService');

  constructor(
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.accessTtlMs = durationMs(config.ACCESS_TOKEN_TTL);
    this.refreshTtlMs = durationMs(config.REFRESH_TOKEN_TTL);
    this.throttle = {
      windowMs: durationMs(config.LOGIN_THROTTLE_WINDOW),
      freeFailures: config.LOGIN_THROTTLE_FREE_FAILURES,
      backoffBaseMs: durationMs(config.LOGIN_THROTTLE_BACKOFF_BASE),
      backoffMaxMs: durationMs(config.LOGIN_THROTTLE_BACKOFF_MAX),
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    };
    this.mode = config.AUTH_MODE ?? 'local';
    this.directory = this.mode === 'local' ? null : this.directoryFrom(config);
  }

  /** AUTH_MODE ldap or both signs people in against the LDAP_* directory: without one the API does not start. */
  private directoryFrom(config: AppConfig): DirectoryPasswords {
    const settings = loadSignInDirectory(config)!;
    const ldap = new LdapDirectory({ ...settings, timeoutMs: settings.timeoutMs ?? 3000 });
    return {
      verifyPassword: async (username, password) => {
        try {
          return await ldap.verifyPassword(username, password);
        } catch (e) {
          // The operator needs the cause; the caller gets a 503 without it.
          this.logger.warn(`sign-in: the directory did not answer (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`);
          throw e;
        }
      },
    };
  }

  async login(username: string, password: string, ip: string): Promise<TokensDto> {
    const { userId, refresh } = await login(this.events, { username, password, ip, refreshTtlMs: this.refreshTtlMs, throttle: this.throttle, mode: this.mode, directory: this.directory });
    return this.tokens(userId, refresh);
  }

  async refresh(token: string): Promise<TokensDto> {
    const { userId, refresh } = await rotateRefreshToken(this.ds, token, this.refreshTtlMs, new Date(), async (m, id) => (await loadAuthUser(m, id)) !== null);
    return this.tokens(userId, refresh);
  }

  logout(token: string): Promise<void> {
    return revokeRefreshFamily(this.ds, token, new Date());
  }

  /**
   * INF-10: the owner replaces a one-time password (or changes their own). Every other session ends; this
   * one continues with new tokens.
   */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<TokensDto> {
    await changeOwnPassword(this.events, { actor: { id: user.userId } }, { userId: user.userId, currentPassword, newPassword });
    const refresh = await this.ds.transaction((m) => issueRefreshToken(m, user.userId, this.refreshTtlMs, new Date()));
    return this.tokens(user.userId, refresh);
  }

  /**
   * A step-up before a privileged decision: the password again (throttled like sign-in), then a new
   * access token for this session that carries when (`ra`); the refresh token is unchanged, and a
   * refreshed access token no longer carries it.
   */
  async reauthenticate(user: AuthUser, password: string, ip: string): Promise<ReauthenticatedDto> {
    await reauthenticate(this.events, { userId: user.userId, password, ip, throttle: this.throttle, mode: this.mode, directory: this.directory });
    const fresh = await loadAuthUser(this.ds, user.userId);
    if (!fresh) throw new DomainError(ErrorCode.Unauthenticated, 'this account no longer exists or is deactivated');
    const now = Date.now();
    const seconds = Math.max(1, Math.floor(this.accessTtlMs / 1000));
    const claims: AccessClaims = { sub: user.userId, typ: 'access', sv: fresh.session.version, ra: Math.floor(now / 1000) };
    return {
      tokenType: 'Bearer',
      accessToken: await this.jwt.signAsync(claims, { expiresIn: seconds }),
      accessTokenExpiresAt: new Date(now + seconds * 1000).toISOString(),
      reauthenticatedUntil: new Date(Math.floor(now / 1000) * 1000 + REAUTHENTICATION_WINDOW_MS).toISOString(),
    };
  }

  private async tokens(userId: string, refresh: IssuedRefreshToken): Promise<TokensDto> {
    const user = await loadAuthUser(this.ds, userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'this account no longer exists or is deactivated');
    const seconds = Math.max(1, Math.floor(this.accessTtlMs / 1000));
    // The session version read with the user: a token signed now dies at the next logout or password change.
    const claims: AccessClaims = { sub: userId, typ: 'access', sv: user.session.version };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: seconds });
    return {
      tokenType: 'Bearer',
      accessToken,
      accessTokenExpiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user: await this.sessionUser(user),
    };
  }

  async sessionUser(user: AuthUser): Promise<SessionUserDto> {
    const u = await getUser(this.ds.manager, user.userId);
    const { passwordOneTime } = await sessionState(this.ds.manager, user.userId);
    return { id: u.id, username: u.username, displayName: u.displayName, roles: user.roles, permissions: permissionsOf(user.roles), locale: u.locale, timeZone: u.timeZone, mustSetPassword: passwordOneTime && this.mode !== 'ldap' };
  }
}
