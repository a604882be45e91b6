import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readScope } from '../../../../libs/policy/access.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { privilegedGrants } from '../../../../libs/policy/index.js';
import { getUser, rolesOf } from '../../../../libs/domain/directory/lookups.js';
import { findUser, listUsers, usernameTaken } from '../../../../libs/read-models/directory.js';
import { createUser, normalizeUsername, patchUser } from '../../../../libs/domain/directory/users.js';
import { conflict, DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import { AccountChangesService, assertMayGrant } from './account-changes.service.js';
import { toUserDto } from './directory.mappers.js';
import { DIRECTORY_READERS } from './directory.roles.js';
import type { AccountChangeDto } from './dto/account-change.dto.js';
import type { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto.js';

/** An immediate answer (the account as it now is), or a privileged change waiting for a second person (202). */
export type UserChangeAnswer = { applied: true; user: UserDto } | { applied: false; request: AccountChangeDto };

const refuseSelf = (what: string) => new DomainError(ErrorCode.SeparationOfDuties, `you cannot ${what} your own account; ask another administrator`);

@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly changes: AccountChangesService,
  ) {}

  async list(user: AuthUser, q: UserQueryDto): Promise<UserPageDto> {
    const page = await listUsers(this.ds, readScope(user, DIRECTORY_READERS), q);
    return { ...page, items: page.items.map(toUserDto) };
  }

  async get(user: AuthUser, id: string): Promise<UserDto> {
    return toUserDto(await findUser(this.ds, readScope(user, DIRECTORY_READERS), id));
  }

  /** An account with a privileged role waits for a second person's approval (INF-9 four eyes); a plain employee account is created at once. */
  async create(user: AuthUser, dto: CreateUserDto): Promise<UserChangeAnswer> {
    assertMayGrant(user, dto.roles, []);
    const timeZone = dto.timeZone ?? this.config.DEFAULT_TIME_ZONE;
    const grants = privilegedGrants(dto.roles);
    if (!grants.length) {
      const { id } = await createUser(this.events, asActor(user), { ...dto, timeZone });
      return { applied: true, user: await this.get(user, id) };
    }
    const username = normalizeUsername(dto.username);
    // Answered now rather than after the approval: a name already taken would only fail then.
    if (await usernameTaken(this.ds, username)) throw conflict(`username ${username} is taken`);
    const { password, ...rest } = dto;
    const change = { kind: 'create_user' as const, ...rest, username, roles: [...new Set(dto.roles)].sort(), employeeId: dto.employeeId ?? null, departmentId: dto.departmentId ?? null, timeZone, withPassword: password !== undefined };
    const request = await this.changes.request(user, change, { password, grants, subjectUserId: null, describe: `create ${username} with ${grants.join(', ')}` });
    return { applied: false, request };
  }

  /**
   * Granting a privileged role or setting another person's password waits for a second person's
   * approval, with the rest of the same PATCH (one change, applied together). Anything else is
   * immediate. Nobody changes their own roles or links their own account (SEPARATION_OF_DUTIES).
   */
  async update(user: AuthUser, id: string, dto: UpdateUserDto): Promise<UserChangeAnswer> {
    if (id === user.userId && dto.roles !== undefined) throw refuseSelf('change the roles of');
    if (id === user.userId && (dto.employeeId !== undefined || dto.departmentId !== undefined)) throw refuseSelf('link to an employee record or move to a department');
    const target = await getUser(this.ds.manager, id);
    const previous = await rolesOf(this.ds, id);
    if (dto.roles) assertMayGrant(user, dto.roles, previous);
    const grants = dto.roles ? privilegedGrants(dto.roles, previous) : [];
    const reset = dto.password !== undefined && id !== user.userId;
    if (!grants.length && !reset) {
      await patchUser(this.events, asActor(user), { userId: id, ...dto });
      return { applied: true, user: await this.get(user, id) };
    }
    const { password, ...rest } = dto;
    const what = [grants.length ? `grant ${grants.join(', ')}` : null, reset ? 'reset the password' : null].filter(Boolean).join(' and ');
    const request = await this.changes.request(user, { kind: 'update_user', userId: id, ...rest, withPassword: password !== undefined }, { password, grants, subjectUserId: id, describe: `${what} of ${target.username}` });
    return { applied: false, request };
  }
}
