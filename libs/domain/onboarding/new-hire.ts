import { command } from '../command.js';
import { createEmployee } from '../directory/employees.js';
import { createUser } from '../directory/users.js';

export interface NewHireInput {
  departmentId: string;
  fullName: string;
  username: string;
  password?: string;
  timeZone: string;
}

/** A new hire to onboard: the pending employee and their account (role employee), in one transaction. */
export const createNewHire = command(async (uow, i: NewHireInput): Promise<{ employeeId: string; employeeUserId: string; departmentId: string }> => {
  const { id: employeeId } = await createEmployee.inUow(uow, { departmentId: i.departmentId, fullName: i.fullName });
  const { id: employeeUserId } = await createUser.inUow(uow, {
    username: i.username, displayName: i.fullName, roles: ['employee'], password: i.password, employeeId, departmentId: i.departmentId, timeZone: i.timeZone,
  });
  return { employeeId, employeeUserId, departmentId: i.departmentId };
});
