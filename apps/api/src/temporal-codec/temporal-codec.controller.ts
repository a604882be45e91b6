import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import type { AuthUser } from '../../../../libs/auth/roles.js';
import { CurrentUser, ReadOnlyRoute, Roles } from '../common/auth.decorators.js';
import { TemporalCodecService, type WirePayload } from './temporal-codec.service.js';

export class CodecPayloadsDto {
  /** `{ metadata: { name: base64 }, data: base64 }` each (checked by the service). */
  @IsArray()
  @ArrayMaxSize(1000)
  payloads!: unknown[];
}

/**
 * The Temporal codec-server protocol (POST {endpoint}/decode, header X-Namespace), for the Temporal Web UI
 * and `temporal workflow show --codec-endpoint …/api/temporal-codec --codec-auth 'Bearer …'`. IT and the
 * auditor read; it changes nothing (a read despite POST), and there is deliberately no /encode.
 */
@ApiTags('temporal')
@ApiBearerAuth()
@Controller('temporal-codec')
export class TemporalCodecController {
  constructor(private readonly codec: TemporalCodecService) {}

  @Post('decode')
  @HttpCode(200)
  @Roles('it', 'auditor')
  @ReadOnlyRoute()
  @ApiOperation({ summary: 'Decode Temporal payloads Custodian encrypted (codec-server protocol); no encode endpoint exists.' })
  decode(@CurrentUser() user: AuthUser, @Headers('x-namespace') namespace: string | undefined, @Body() body: CodecPayloadsDto): { payloads: WirePayload[] } {
    return this.codec.decode(user, namespace, body.payloads);
  }
}
