import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read models of the directory (written only by the directory projector). */

@Entity('departments')
export class DepartmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
  @Column('text', { name: 'name_zh' }) nameZh!: string;
  @Column('uuid', { name: 'supervisor_user_id', nullable: true }) supervisorUserId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

export const EMPLOYEE_STATUSES = ['pending', 'active', 'leaving', 'left'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

@Entity('employees')
export class EmployeeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'department_id' }) departmentId!: string;
  @Column('text', { name: 'full_name' }) fullName!: string;
  @Column('text') status!: EmployeeStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt!: Date | null;
  @Column('timestamptz', { name: 'leaving_at', nullable: true }) leavingAt!: Date | null;
  @Column('timestamptz', { name: 'left_at', nullable: true }) leftAt!: Date | null;
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') username!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('uuid', { name: 'employee_id', nullable: true }) employeeId!: string | null;
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId!: string | null;
  @Column('boolean') active!: boolean;
  @Column('text') locale!: Locale;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('timestamptz', { name: 'last_login_at', nullable: true }) lastLoginAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity('user_roles')
export class UserRoleEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @PrimaryColumn('text') role!: string;
}
