import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readScope } from '../../../../libs/policy/access.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { createEmployee } from '../../../../libs/domain/directory/employees.js';
import { findEmployee, listEmployees } from '../../../../libs/read-models/directory.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import { toEmployeeDto } from './directory.mappers.js';
import { DIRECTORY_READERS } from './directory.roles.js';
import type { CreateEmployeeDto, EmployeeDto, EmployeePageDto, EmployeeQueryDto } from './dto/employee.dto.js';

@Injectable()
export class EmployeesService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(user: AuthUser, q: EmployeeQueryDto): Promise<EmployeePageDto> {
    const page = await listEmployees(this.ds, readScope(user, DIRECTORY_READERS), q);
    return { ...page, items: page.items.map(toEmployeeDto) };
  }

  async get(user: AuthUser, id: string): Promise<EmployeeDto> {
    return toEmployeeDto(await findEmployee(this.ds, readScope(user, DIRECTORY_READERS), id));
  }

  async create(user: AuthUser, dto: CreateEmployeeDto): Promise<EmployeeDto> {
    const { id } = await createEmployee(this.events, asActor(user), dto);
    return this.get(user, id);
  }
}
