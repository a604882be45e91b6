import { Module } from '@nestjs/common';
import { DepartmentsService } from './departments.service.js';
import { AccountChangesService } from './account-changes.service.js';
import { AccountChangesController, DepartmentsController, EmployeesController, UsersController } from './directory.controllers.js';
import { EmployeesService } from './employees.service.js';
import { UsersService } from './users.service.js';

/** Departments, employees and user accounts (hr and cc_manager manage; reads are scoped). */
@Module({
  controllers: [DepartmentsController, UsersController, EmployeesController, AccountChangesController],
  providers: [DepartmentsService, UsersService, EmployeesService, AccountChangesService],
})
export class DirectoryModule {}
