import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { DOCUMENT_NUMBER_SHAPE, VISITOR_AREAS, VISITOR_DOCUMENT_TYPES, VISITOR_LIMITS as L, type VisitorArea, type VisitorDocumentType } from '../../../../../libs/policy/visitors.js';
import { IsInstant, IsOptionalNotNull, IsText } from '../../common/validation.js';

const NOT_BLANK = /\S/;

/** INF-1: the visitor registration form. Every field but the times is required; 400s name the field to fix. */
export class RegisterVisitorDto {
  @ApiProperty({ maxLength: L.name, example: 'Wei Zhang 张伟', description: "The visitor's name as on the document. Personal data: stored only encrypted with this visit's own key." })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  @MaxLength(L.name)
  name!: string;

  @ApiProperty({ maxLength: L.organisation, example: 'Acme Telecom' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'organisation must not be blank (write "individual" for a private visitor)' })
  @MaxLength(L.organisation)
  organisation!: string;

  @ApiProperty({ maxLength: L.purpose, example: 'Quarterly campaign review' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'purpose must not be blank' })
  @MaxLength(L.purpose)
  purpose!: string;

  @ApiProperty({ format: 'uuid', description: 'The user the visitor comes to see.' })
  @IsUUID('all', { message: 'hostUserId must be the id (UUID) of the user the visitor comes to see' })
  hostUserId!: string;

  @ApiProperty({ enum: VISITOR_DOCUMENT_TYPES, description: 'INF-1: the valid identification shown at the desk.' })
  @IsIn(VISITOR_DOCUMENT_TYPES, { message: `INF-1: documentType must be one of: ${VISITOR_DOCUMENT_TYPES.join(', ')}` })
  documentType!: VisitorDocumentType;

  @ApiProperty({ minLength: L.documentNumberMin, maxLength: L.documentNumberMax, example: '110101199003071234', description: 'Personal data: stored only encrypted; shown masked (last four characters).' })
  @IsString()
  @MinLength(L.documentNumberMin, { message: `INF-1: documentNumber must be the number on the identity document (${L.documentNumberMin}-${L.documentNumberMax} letters or digits)` })
  @MaxLength(L.documentNumberMax, { message: `INF-1: documentNumber must be the number on the identity document (${L.documentNumberMin}-${L.documentNumberMax} letters or digits)` })
  @Matches(DOCUMENT_NUMBER_SHAPE, { message: 'INF-1: documentNumber may hold letters, digits, spaces and dashes only' })
  documentNumber!: string;

  @ApiProperty({ enum: VISITOR_AREAS, description: '`machine_room` needs a designated escort (INF-4); `rest_room` is where outsiders such as job applicants wait, away from production (INF-5).' })
  @IsIn(VISITOR_AREAS, { message: `area must be one of: ${VISITOR_AREAS.join(', ')}` })
  area!: VisitorArea;

  @ApiPropertyOptional({ format: 'uuid', description: 'INF-4: for a machine-room visit, the designated manager who escorts the guest.' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'escortUserId must be the id (UUID) of a designated escort' })
  escortUserId?: string;

  @ApiProperty({ maxLength: L.badge, example: 'V-017' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'badge must not be blank: the number of the visitor badge handed out' })
  @MaxLength(L.badge)
  badge!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Time in; absent: now. At most 24 hours ago, not in the future.' })
  @IsOptionalNotNull()
  @IsInstant()
  checkedInAt?: string;
}

export class CheckOutVisitorDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Time out; absent: now.' })
  @IsOptionalNotNull()
  @IsInstant()
  checkedOutAt?: string;
}

/** INF-3: escorted out first (a required confirmation), then the reason asked. */
export class ReportStrangerDto {
  @ApiProperty({ enum: [true], description: 'INF-3: the stranger has been politely escorted out of the machine room. Must be true: the reason is asked only afterwards.' })
  @IsBoolean({ message: 'INF-3: escortedOut must be true: escort the stranger out first, then ask why they came' })
  @Equals(true, { message: 'INF-3: escortedOut must be true: escort the stranger out first, then ask why they came' })
  escortedOut!: boolean;

  @ApiProperty({ maxLength: L.reason, description: 'Why they came, as they said once outside.' })
  @IsString()
  @IsText()
  @Matches(NOT_BLANK, { message: 'reason must not be blank: write what the stranger said about why they came' })
  @MaxLength(L.reason)
  reason!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When they were found; absent: now.' })
  @IsOptionalNotNull()
  @IsInstant()
  foundAt?: string;
}

export class VisitQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-04', description: "Visits that began on this local date (the call center's time zone)." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a real calendar date written YYYY-MM-DD, e.g. 2026-12-04' })
  date?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'hostUserId must be a UUID' })
  hostUserId?: string;

  @ApiPropertyOptional({ maxLength: L.search, description: 'Part of the organisation name, case-insensitive.' })
  @IsOptional()
  @IsString()
  @IsText()
  @MaxLength(L.search)
  organisation?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only those still inside.' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'inside must be true or false' })
  inside?: 'true' | 'false';
}

class UserRefDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
}

export class VisitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: "The visitor's name; null once the personal data was purged." }) name!: string | null;
  @ApiProperty({ enum: ['kept', 'purged'], description: '`purged`: the retention period ended and the key was deleted; name and document number are unreadable everywhere.' }) personalData!: 'kept' | 'purged';
  @ApiProperty({ enum: VISITOR_DOCUMENT_TYPES }) documentType!: VisitorDocumentType;
  @ApiProperty({ example: '**************1234', description: 'The document number masked: its last four characters.' }) documentMasked!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: UserRefDto }) host!: UserRefDto;
  @ApiProperty({ enum: VISITOR_AREAS }) area!: VisitorArea;
  @ApiProperty({ type: UserRefDto, nullable: true }) escort!: UserRefDto | null;
  @ApiProperty() badge!: string;
  @ApiProperty() registeredBy!: string;
  @ApiProperty({ format: 'date-time' }) checkedInAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedOutAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) purgedAt!: string | null;
}

export class VisitListDto {
  @ApiProperty({ type: VisitDto, isArray: true }) items!: VisitDto[];
  @ApiProperty({ description: 'The call center time zone that decides which date a visit began on.' }) timeZone!: string;
}

export class EscortDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty() designatedBy!: string;
  @ApiProperty({ format: 'date-time' }) designatedAt!: string;
}

export class EscortListDto {
  @ApiProperty({ type: EscortDto, isArray: true }) items!: EscortDto[];
}

export class EscortChangeDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ description: 'False when it already was so (nothing was recorded).' }) changed!: boolean;
}

export class StrangerIncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) foundAt!: string;
  @ApiProperty({ format: 'date-time', description: 'INF-3: recorded before the reason.' }) escortedOutAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class StrangerIncidentListDto {
  @ApiProperty({ type: StrangerIncidentDto, isArray: true }) items!: StrangerIncidentDto[];
}

export class HostDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

export class HostListDto {
  @ApiProperty({ type: HostDto, isArray: true }) items!: HostDto[];
}

/** PIPL: why the full document number is needed (recorded in the trail with who read it). */
export class RevealDocumentDto {
  @ApiProperty({ minLength: 10, maxLength: 500, example: 'Police inquiry 2026-118 about the visit' })
  @IsString()
  @IsText()
  @Matches(/\S(.*\S){9,}/s, { message: 'reason must say in at least 10 characters why the full document number is needed' })
  @MaxLength(500)
  reason!: string;
}

export class RevealedDocumentDto {
  @ApiProperty({ format: 'uuid' }) visitId!: string;
  @ApiProperty({ enum: VISITOR_DOCUMENT_TYPES }) documentType!: VisitorDocumentType;
  @ApiProperty({ description: 'The full number, as normalised at registration (upper case, no spaces or dashes).' }) documentNumber!: string;
}
