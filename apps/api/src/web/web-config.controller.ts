import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../../libs/config/config.js';
import { Authenticated } from '../common/auth.decorators.js';
import { CONFIG } from '../core/tokens.js';

export class WebConfigDto {
  @ApiProperty({ type: String, nullable: true, description: 'Base URL of the Temporal Web UI; null when none is configured (the web app then hides workflow links).' })
  temporalUiUrl!: string | null;

  @ApiProperty({ example: 'default' })
  temporalNamespace!: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone used to show times when the user has none.' })
  defaultTimeZone!: string;
}

/** Settings the web app needs once signed in. Nothing secret, but also nothing for anonymous callers. */
@ApiTags('web')
@ApiBearerAuth()
@Controller('config')
export class WebConfigController {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Web app settings: Temporal Web UI link base, namespace, default time zone.' })
  @ApiOkResponse({ type: WebConfigDto })
  get(): WebConfigDto {
    return { temporalUiUrl: this.config.TEMPORAL_UI_URL ?? null, temporalNamespace: this.config.TEMPORAL_NAMESPACE, defaultTimeZone: this.config.DEFAULT_TIME_ZONE };
  }
}
