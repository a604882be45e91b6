import { AgentIdEntity, AgentIdHoldingEntity } from './entities/agent-id.entities.js';
import { DepartmentEntity, EmployeeEntity, UserEntity, UserRoleEntity } from './entities/directory.entities.js';

/** Every TypeORM entity (read models). Listed explicitly, like the migrations. */
export const entities: Function[] = [DepartmentEntity, EmployeeEntity, UserEntity, UserRoleEntity, AgentIdEntity, AgentIdHoldingEntity];
