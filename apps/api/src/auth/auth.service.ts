import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/auth/roles.js';
import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import { login } from '../../../../libs/domain/auth/login.js';
import { revokeRefreshFamily, rotateRefreshToken, type IssuedRefreshToken } from '../../../../libs/domain/auth/refresh-tokens.js';
import { DomainError, ErrorCode } from '../../../../libs/domain/errors.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { loadAuthUser } from '../../../../libs/domain/directory/queries.js';
import { getUser } from '../../../../libs/domain/directory/lookups.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import type { AccessClaims } from './auth.guard.js';
import type { SessionUserDto, TokensDto } from './dto/auth.dto.js';

@Injectable()
export class AuthService {
  private readonly accessTtlMs: number;
  private readonly refreshTtlMs: number;

  constructor(
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.accessTtlMs = durationMs(config.ACCESS_TOKEN_TTL);
    this.refreshTtlMs = durationMs(config.REFRESH_TOKEN_TTL);
  }

  async login(username: string, password: string, ip: string): Promise<TokensDto> {
    const { userId, refresh } = await login(this.events, { username, password, ip, refreshTtlMs: this.refreshTtlMs });
    return this.tokens(userId, refresh);
  }

  async refresh(token: string): Promise<TokensDto> {
    const { userId, refresh } = await rotateRefreshToken(this.ds, token, this.refreshTtlMs, new Date(), async (m, id) => (await loadAuthUser(m, id)) !== null);
    return this.tokens(userId, refresh);
  }

  logout(token: string): Promise<void> {
    return revokeRefreshFamily(this.ds, token, new Date());
  }

  private async tokens(userId: string, refresh: IssuedRefreshToken): Promise<TokensDto> {
    const user = await loadAuthUser(this.ds, userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'this account no longer exists or is deactivated');
    const seconds = Math.max(1, Math.floor(this.accessTtlMs / 1000));
    const claims: AccessClaims = { sub: userId, typ: 'access' };
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
    return { id: u.id, username: u.username, displayName: u.displayName, roles: user.roles, locale: u.locale, timeZone: u.timeZone };
  }
}
