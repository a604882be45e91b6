import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAUSE_IDS, type ClauseId } from '../../../../../libs/policy/clauses.js';

export class AuditEventDto {
  @ApiProperty({ description: 'Global sequence number; the chain runs 1, 2, 3, … without gaps.', example: 42 })
  seq!: number;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'agent-id:A1001' })
  subject!: string;

  @ApiProperty({ example: 'agent_id.assigned' })
  type!: string;

  @ApiProperty({ description: 'Who caused it: a user id, or `system:<component>`.' })
  actor!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Event data (never secrets).' })
  payload!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ description: 'SHA-256 of the previous event (64 zeros for the first).', pattern: '^[0-9a-f]{64}$' })
  prevHash!: string;

  @ApiProperty({ description: 'SHA-256 over the canonical JSON of this event and prevHash.', pattern: '^[0-9a-f]{64}$' })
  hash!: string;

  @ApiProperty({
    type: [String],
    enum: CLAUSE_IDS,
    nullable: true,
    description: 'The clauses of docs/policy.md the event serves ([] for none), covered by its hash; null for events written before clauses were recorded.',
  })
  clauses!: ClauseId[] | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  items!: AuditEventDto[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
  nextCursor!: number | null;
}

export class ChainBreakDto {
  @ApiProperty({ description: 'Sequence number of the first broken link.' })
  seq!: number;

  @ApiProperty({ enum: ['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap'] })
  reason!: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
}

export class ChainReportDto {
  @ApiProperty({ description: 'True when every event from seq 1 on is intact.' })
  ok!: boolean;

  @ApiProperty({ description: 'Events verified intact.' })
  checked!: number;

  @ApiProperty({ description: 'Last sequence number verified intact (0 when none).' })
  lastSeq!: number;

  @ApiProperty({ description: 'Hash at lastSeq; keep a copy elsewhere to detect a cut tail.', pattern: '^[0-9a-f]{64}$' })
  lastHash!: string;

  @ApiPropertyOptional({ type: ChainBreakDto })
  brokenAt?: ChainBreakDto;
}
