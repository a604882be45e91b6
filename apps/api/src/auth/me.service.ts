import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { agentIdsOfEmployee } from '../../../../libs/read-models/agent-ids.js';
import { departmentById, employeeById } from '../../../../libs/read-models/directory.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { updateUser } from '../../../../libs/domain/directory/users.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import { AuthService } from './auth.service.js';
import type { MeDto, UpdateMeDto } from './dto/auth.dto.js';

/** The signed-in person's own view. Everything here is their own record, so no further access check applies. */
@Injectable()
export class MeService {
  constructor(
    private readonly ds: DataSource,
    private readonly auth: AuthService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async me(user: AuthUser): Promise<MeDto> {
    const session = await this.auth.sessionUser(user);
    const department = user.departmentId ? await departmentById(this.ds, user.departmentId) : null;
    const employee = user.employeeId ? await employeeById(this.ds, user.employeeId) : null;
    const ids = employee ? await agentIdsOfEmployee(this.ds, employee.id) : [];
    const held = ids.find((a) => a.holderEmployeeId === employee?.id);
    const out = ids.find((a) => a.checkedOutToEmployeeId === employee?.id);
    return {
      ...session,
      department: department && { id: department.id, code: department.code, nameEn: department.nameEn, nameZh: department.nameZh },
      employee: employee && { id: employee.id, fullName: employee.fullName, status: employee.status },
      agentId: held ? { code: held.code, kind: held.kind, state: held.state } : null,
      privilegedAgentId: out?.checkedOutUntil ? { code: out.code, until: out.checkedOutUntil.toISOString() } : null,
    };
  }

  /** Own preferences (language, time zone) only; everything else about an account is managed by hr. */
  async update(user: AuthUser, dto: UpdateMeDto): Promise<MeDto> {
    await updateUser(this.events, asActor(user), { userId: user.userId, locale: dto.locale, timeZone: dto.timeZone });
    return this.me(user);
  }
}
