import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ERROR_CODES, type ApiErrorCode } from '../../../../libs/policy/errors.js';

/** The body of every failed call (AllExceptionsFilter). Its `code` enum is the one list of error codes the web app translates. */
export class ErrorBodyDto {
  @ApiProperty({ description: 'The HTTP status, repeated.' }) statusCode!: number;
  @ApiProperty({ enum: API_ERROR_CODES, enumName: 'ErrorCode', description: 'Stable; the web app translates it.' }) code!: ApiErrorCode;
  @ApiProperty({ description: 'English: what was wrong or what to fix.' }) message!: string;
  @ApiPropertyOptional({ type: [String], description: 'Each failed validation rule of the body or query.' }) errors?: string[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Facts about the refusal (e.g. retryAfterSeconds).' }) details?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Quote it when reporting a problem; the same id is on every log line of the request.' }) requestId?: string;
}
