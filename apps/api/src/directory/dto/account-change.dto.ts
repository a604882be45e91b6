import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../../../libs/policy/roles.js';
import { ACCOUNT_CHANGE_STATUSES, type AccountChangeStatus } from '../../../../../libs/policy/index.js';

/** A privileged account change waiting for (or past) a second person's approval: the 202 answer. */
export class AccountChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['create_user', 'update_user'] }) kind!: 'create_user' | 'update_user';
  @ApiProperty({ enum: ACCOUNT_CHANGE_STATUSES }) status!: AccountChangeStatus;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty({ enum: ROLES, description: 'The role whose holders may approve it (never the requester or the account concerned).' }) approverRole!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The account changed (known at once for an update, once applied for a creation).' })
  userId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What will change (never a password or its hash).' }) change!: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
}
