import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser, Allow } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page.dto.js';
import { uuidParam } from '../common/validation.js';
import { DepartmentsService } from './departments.service.js';
import { CreateDepartmentDto, DepartmentDto, DepartmentPageDto, UpdateDepartmentDto } from './dto/department.dto.js';
import { CreateEmployeeDto, EmployeeDto, EmployeePageDto, EmployeeQueryDto } from './dto/employee.dto.js';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto.js';
import { EmployeesService } from './employees.service.js';
import type { Response } from 'express';
import { AccountChangesService } from './account-changes.service.js';
import { AccountChangeDto } from './dto/account-change.dto.js';
import { UsersService, type UserChangeAnswer } from './users.service.js';

const uuid = uuidParam('id');
const idParam = ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } });
const SCOPED = 'Everyone may call it; the answer is limited to what the caller may see (a supervisor: their department; staff: their own record). Others are 404.';
const FOUR_EYES =
  'Four eyes on power (INF-9): granting a privileged role (hr, cc_manager, it, leadership, supervisor, auditor, security, id_admin) or setting another ' +
  'person\'s password is answered 202 with a pending request that a second person approves in the inbox (never the requester or the account concerned). ' +
  'Only HR grants hr and auditor (403 for cc_manager).';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Departments.', description: SCOPED })
  @ApiOkResponse({ type: DepartmentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<DepartmentPageDto> {
    return this.departments.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One department.', description: SCOPED })
  @ApiOkResponse({ type: DepartmentDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<DepartmentDto> {
    return this.departments.get(user, id);
  }

  @Allow('directory.manage')
  @Post()
  @ApiOperation({ summary: 'Create a department (hr, cc_manager).' })
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(user, dto);
  }

  @Allow('directory.manage')
  @Patch(':id')
  @idParam
  @ApiOperation({ summary: 'Rename a department or change its supervisor (hr, cc_manager).' })
  @ApiOkResponse({ type: DepartmentDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.update(user, id, dto);
  }
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'User accounts.', description: SCOPED })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One user account.', description: SCOPED })
  @ApiOkResponse({ type: UserDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<UserDto> {
    return this.users.get(user, id);
  }

  @Allow('directory.manage')
  @Post()
  @ApiOperation({
    summary: 'Create a user account with its roles (hr, cc_manager).',
    description: FOUR_EYES,
  })
  @ApiCreatedResponse({ type: UserDto, description: 'A plain employee account, created at once.' })
  @ApiAcceptedResponse({ type: AccountChangeDto, description: 'A privileged account: the pending request.' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto, @Res({ passthrough: true }) res: Response): Promise<UserDto | AccountChangeDto> {
    return answer(await this.users.create(user, dto), res);
  }

  @Allow('directory.manage')
  @Patch(':id')
  @idParam
  @ApiOperation({ summary: 'Change an account: profile, roles, active, password (hr, cc_manager; never one\'s own roles, activity or employee link).', description: FOUR_EYES })
  @ApiOkResponse({ type: UserDto })
  @ApiAcceptedResponse({ type: AccountChangeDto, description: 'A privileged role granted or another person\'s password set: the pending request.' })
  async update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto, @Res({ passthrough: true }) res: Response): Promise<UserDto | AccountChangeDto> {
    return answer(await this.users.update(user, id, dto), res);
  }
}

function answer(a: UserChangeAnswer, res: Response): UserDto | AccountChangeDto {
  if (a.applied) return a.user;
  res.status(202);
  return a.request;
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('account-changes')
export class AccountChangesController {
  constructor(private readonly changes: AccountChangesService) {}

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One privileged account change request and how it ended (its requester, hr, cc_manager, auditor; others 404).' })
  @ApiOkResponse({ type: AccountChangeDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AccountChangeDto> {
    return this.changes.get(user, id);
  }
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('employees')
export class EmployeesController {
  constructor(private readonly employees: EmployeesService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Employees.', description: SCOPED })
  @ApiOkResponse({ type: EmployeePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: EmployeeQueryDto): Promise<EmployeePageDto> {
    return this.employees.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One employee.', description: SCOPED })
  @ApiOkResponse({ type: EmployeeDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EmployeeDto> {
    return this.employees.get(user, id);
  }

  @Allow('directory.manage')
  @Post()
  @ApiOperation({ summary: 'Register a new employee, status pending (hr, cc_manager). Onboarding then activates them.' })
  @ApiCreatedResponse({ type: EmployeeDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateEmployeeDto): Promise<EmployeeDto> {
    return this.employees.create(user, dto);
  }
}
