import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/auth/roles.js';
import { Authenticated, CurrentUser, Roles } from '../common/auth.decorators.js';
import { PageQueryDto } from '../common/page.dto.js';
import { uuidParam } from '../common/validation.js';
import { DepartmentsService } from './departments.service.js';
import { DIRECTORY_MANAGERS } from './directory.roles.js';
import { CreateDepartmentDto, DepartmentDto, DepartmentPageDto, UpdateDepartmentDto } from './dto/department.dto.js';
import { CreateEmployeeDto, EmployeeDto, EmployeePageDto, EmployeeQueryDto } from './dto/employee.dto.js';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto.js';
import { EmployeesService } from './employees.service.js';
import { UsersService } from './users.service.js';

const uuid = uuidParam('id');
const idParam = ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } });
const SCOPED = 'Everyone may call it; the answer is limited to what the caller may see (a supervisor: their department; staff: their own record). Others are 404.';

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

  @Roles(...DIRECTORY_MANAGERS)
  @Post()
  @ApiOperation({ summary: 'Create a department (hr, cc_manager).' })
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(user, dto);
  }

  @Roles(...DIRECTORY_MANAGERS)
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

  @Roles(...DIRECTORY_MANAGERS)
  @Post()
  @ApiOperation({ summary: 'Create a user account with its roles (hr, cc_manager).' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(user, dto);
  }

  @Roles(...DIRECTORY_MANAGERS)
  @Patch(':id')
  @idParam
  @ApiOperation({ summary: 'Change an account: profile, roles, active, password (hr, cc_manager; never one\'s own roles or activity).' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(user, id, dto);
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

  @Roles(...DIRECTORY_MANAGERS)
  @Post()
  @ApiOperation({ summary: 'Register a new employee, status pending (hr, cc_manager). Onboarding then activates them.' })
  @ApiCreatedResponse({ type: EmployeeDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateEmployeeDto): Promise<EmployeeDto> {
    return this.employees.create(user, dto);
  }
}
