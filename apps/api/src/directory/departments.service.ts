import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readScope } from '../../../../libs/policy/access.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { createDepartment, updateDepartment } from '../../../../libs/domain/directory/departments.js';
import { findDepartment, listDepartments } from '../../../../libs/read-models/directory.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import type { PageQueryDto } from '../common/page.dto.js';
import { EVENT_STORE } from '../core/tokens.js';
import { toDepartmentDto } from './directory.mappers.js';
import { DIRECTORY_READERS } from './directory.roles.js';
import type { CreateDepartmentDto, DepartmentDto, DepartmentPageDto, UpdateDepartmentDto } from './dto/department.dto.js';

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(user: AuthUser, q: PageQueryDto): Promise<DepartmentPageDto> {
    const page = await listDepartments(this.ds, user, readScope(user, DIRECTORY_READERS), q);
    return { ...page, items: page.items.map(toDepartmentDto) };
  }

  async get(user: AuthUser, id: string): Promise<DepartmentDto> {
    return toDepartmentDto(await findDepartment(this.ds, user, readScope(user, DIRECTORY_READERS), id));
  }

  async create(user: AuthUser, dto: CreateDepartmentDto): Promise<DepartmentDto> {
    const { id } = await createDepartment(this.events, asActor(user), dto);
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    await updateDepartment(this.events, asActor(user), { departmentId: id, ...dto });
    return this.get(user, id);
  }
}
