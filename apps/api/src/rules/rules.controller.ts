import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../common/auth.decorators.js';
import { RulesStandingListDto, RulesStandingQueryDto } from './dto/rules.dto.js';
import { RulesService } from './rules.service.js';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules-acknowledgements')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Allow('rules.read')
  @Get()
  @ApiOperation({ summary: 'Each active employee and their yearly rules acknowledgement (EQ-5, SYS-3, SYS-4, AID-1): version, hash, when next, and whether it is overdue.' })
  @ApiOkResponse({ type: RulesStandingListDto })
  list(@Query() q: RulesStandingQueryDto): Promise<RulesStandingListDto> {
    return this.rules.standings(q);
  }
}
