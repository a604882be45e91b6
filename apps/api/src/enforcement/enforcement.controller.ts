import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { CurrentUser, Allow } from '../common/auth.decorators.js';
import { EnforcementStatusDto, ReconcileResultDto } from './enforcement.dto.js';
import { EnforcementService } from './enforcement.service.js';

@ApiTags('enforcement')
@ApiBearerAuth()
@Controller('it/enforcement')
export class EnforcementController {
  constructor(private readonly enforcement: EnforcementService) {}

  @Allow('enforcement.read')
  @Get()
  @ApiOperation({ summary: 'Which kinds a directory enforces, grants whose removal is still retried (with the error), and drift found (it, cc_manager, auditor).' })
  @ApiOkResponse({ type: EnforcementStatusDto })
  status(): Promise<EnforcementStatusDto> {
    return this.enforcement.status();
  }

  @Allow('enforcement.reconcile')
  @Post('reconcile')
  @HttpCode(200)
  @ApiOperation({ summary: 'Compare every managed directory group with the active grants now; drift is corrected or reported per RECONCILE_MODE and audited.' })
  @ApiOkResponse({ type: ReconcileResultDto })
  reconcile(@CurrentUser() user: AuthUser): Promise<ReconcileResultDto> {
    return this.enforcement.reconcile(user);
  }
}
