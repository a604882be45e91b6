import { Body, Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import { CODEC_COOKIE, CookieAuth, CurrentUser, ReadOnlyRoute, Allow } from '../common/auth.decorators.js';
import { CONFIG } from '../core/tokens.js';
import { TemporalCodecService, type WirePayload } from './temporal-codec.service.js';

export class CodecPayloadsDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, maxItems: 1000, description: '`{ metadata: { name: base64 }, data: base64 }` each (checked by the service).' })
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
  constructor(
    private readonly codec: TemporalCodecService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * For the Temporal Web UI, which cannot send Custodian's Bearer token: puts the caller's access token in
   * an HttpOnly, SameSite=Strict cookie that only /api/temporal-codec reads (and only /decode accepts), for
   * the token's own lifetime. The UI on the same site (compose: TEMPORAL_CODEC_INCLUDE_CREDENTIALS) then
   * decodes as this person; their roles are checked again on every decode, and logout ends it.
   */
  @Post('session')
  @HttpCode(204)
  @Allow('temporalCodec.decode')
  @ReadOnlyRoute()
  @ApiOperation({ summary: 'Let the Temporal Web UI decode as me: an HttpOnly cookie for /api/temporal-codec only, for my token lifetime (it, auditor).' })
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return;
    res.cookie(CODEC_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/temporal-codec', maxAge: durationMs(this.config.ACCESS_TOKEN_TTL) });
  }

  @Post('decode')
  @HttpCode(200)
  @Allow('temporalCodec.decode')
  @ReadOnlyRoute()
  @CookieAuth()
  @ApiOperation({ summary: 'Decode Temporal payloads Custodian encrypted (codec-server protocol); no encode endpoint exists.' })
  decode(@CurrentUser() user: AuthUser, @Headers('x-namespace') namespace: string | undefined, @Body() body: CodecPayloadsDto): { payloads: WirePayload[] } {
    return this.codec.decode(user, namespace, body.payloads);
  }
}
