import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read models of the agent-ID pool (written only by the agent-ID projector). AID-1, AID-2, INF-12. */

export const AGENT_ID_KINDS = ['standard', 'manager', 'privileged'] as const;
export type AgentIdKind = (typeof AGENT_ID_KINDS)[number];
export const AGENT_ID_STATES = ['available', 'assigned', 'suspended', 'retired'] as const;
export type AgentIdState = (typeof AGENT_ID_STATES)[number];

@Entity('agent_ids')
export class AgentIdEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') kind!: AgentIdKind;
  @Column('text') state!: AgentIdState;
  @Column('uuid', { name: 'holder_employee_id', nullable: true }) holderEmployeeId!: string | null;
  @Column('uuid', { name: 'custodian_user_id', nullable: true }) custodianUserId!: string | null;
  @Column('uuid', { name: 'checked_out_to_employee_id', nullable: true }) checkedOutToEmployeeId!: string | null;
  @Column('timestamptz', { name: 'checked_out_until', nullable: true }) checkedOutUntil!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt!: Date | null;
}

@Entity('agent_id_holdings')
export class AgentIdHoldingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('uuid', { name: 'employee_id' }) employeeId!: string;
  @Column('text') purpose!: 'assignment' | 'checkout';
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { nullable: true }) until!: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
}
