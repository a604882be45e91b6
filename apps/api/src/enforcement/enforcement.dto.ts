import { ApiProperty } from '@nestjs/swagger';

export class RemovalPendingDto {
  @ApiProperty() grantId!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() holderUserId!: string;
  @ApiProperty({ enum: ['directory', 'webhook', 'manual'], description: 'Who confirms the removal: the directory, the receiver of the grant.ended webhook, or IT on its disable task.' })
  enforcedBy!: 'directory' | 'webhook' | 'manual';
  @ApiProperty({ nullable: true, type: String, description: 'The directory group (null unless enforced by the directory).' }) group!: string | null;
  @ApiProperty({ nullable: true, type: String }) entry!: string | null;
  @ApiProperty() endedAt!: string;
  @ApiProperty({ description: 'Failed removal attempts so far (Temporal keeps retrying with back-off).' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastAttemptAt!: string | null;
}

export class DriftDto {
  @ApiProperty() id!: string;
  @ApiProperty() group!: string;
  @ApiProperty() entry!: string;
  @ApiProperty({ enum: ['member_without_grant', 'grant_without_member'] }) direction!: string;
  @ApiProperty({ nullable: true, type: String }) grantId!: string | null;
  @ApiProperty({ description: 'True when reconciliation corrected it (RECONCILE_MODE=correct); false when it only reported it.' }) corrected!: boolean;
  @ApiProperty() seenAt!: string;
  @ApiProperty() seenBy!: string;
}

export class EnforcementStatusDto {
  @ApiProperty({ description: 'Whether a directory enforces any kind of access (LDAP_URL).' }) connected!: boolean;
  @ApiProperty({ description: 'The managed group of each connected kind.', type: 'object', additionalProperties: { type: 'string' } }) groups!: Record<string, string>;
  @ApiProperty({ nullable: true, enum: ['correct', 'report'] }) reconcileMode!: 'correct' | 'report' | null;
  @ApiProperty({ nullable: true, type: String }) reconcileEvery!: string | null;
  @ApiProperty({ type: RemovalPendingDto, isArray: true, description: 'Ended grants the directory has not confirmed removed yet, with the last error.' }) removalPending!: RemovalPendingDto[];
  @ApiProperty({ type: DriftDto, isArray: true, description: 'Drift found by reconciliation, newest first (at most 200).' }) drift!: DriftDto[];
}

export class ReconcileResultDto {
  @ApiProperty() found!: number;
  @ApiProperty() corrected!: number;
  @ApiProperty({ enum: ['correct', 'report'] }) mode!: 'correct' | 'report';
}
