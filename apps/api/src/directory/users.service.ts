import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readScope } from '../../../../libs/auth/access.js';
import type { AuthUser } from '../../../../libs/auth/roles.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { command } from '../../../../libs/domain/command.js';
import { findUser, listUsers } from '../../../../libs/domain/directory/queries.js';
import { createUser, setUserActive, setUserPassword, setUserRoles, updateUser } from '../../../../libs/domain/directory/users.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import { toUserDto } from './directory.mappers.js';
import { DIRECTORY_READERS } from './directory.roles.js';
import type { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto.js';

/** One PATCH is one transaction: profile, roles, activity and password change together or not at all. */
const patchUser = command(async (uow, { userId, dto }: { userId: string; dto: UpdateUserDto }) => {
  const { roles, active, password, ...profile } = dto;
  await updateUser.inUow(uow, { userId, ...profile });
  if (roles !== undefined) await setUserRoles.inUow(uow, { userId, roles });
  if (active !== undefined) await setUserActive.inUow(uow, { userId, active });
  if (password !== undefined) await setUserPassword.inUow(uow, { userId, password });
});

@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, q: UserQueryDto): Promise<UserPageDto> {
    const page = await listUsers(this.ds, readScope(user, DIRECTORY_READERS), q);
    return { ...page, items: page.items.map(toUserDto) };
  }

  async get(user: AuthUser, id: string): Promise<UserDto> {
    return toUserDto(await findUser(this.ds, readScope(user, DIRECTORY_READERS), id));
  }

  async create(user: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    const { id } = await createUser(this.events, asActor(user), { ...dto, timeZone: dto.timeZone ?? this.config.DEFAULT_TIME_ZONE });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    await patchUser(this.events, asActor(user), { userId: id, dto });
    return this.get(user, id);
  }
}
