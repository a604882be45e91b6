import { BadRequestException, Body, Controller, Get, Param, Put, Query, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RESPONSIBILITY_KEY } from '../../../../libs/policy/responsibilities.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { AssignResponsibilityDto, ResponsibilityChangeDto, ResponsibilityListDto, ResponsibilityQueryDto } from './dto/responsibility.dto.js';
import { ResponsibilitiesService } from './responsibilities.service.js';

/** A responsibility key; the 400 says what one looks like. */
class KeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!RESPONSIBILITY_KEY.test(value)) throw new BadRequestException(['key must be 3-64 lower-case letters, digits or dashes, e.g. customer-data']);
    return value;
  }
}

@ApiTags('responsibilities')
@ApiBearerAuth()
@Controller('responsibilities')
export class ResponsibilitiesController {
  constructor(private readonly service: ResponsibilitiesService) {}

  @Allow('responsibilities.read')
  @Get()
  @ApiOperation({ summary: 'The named owners register (EQ-1, EQ-3, INF-9): each responsibility with its owner and deputy, flagged when either is missing or deactivated.' })
  @ApiOkResponse({ type: ResponsibilityListDto })
  list(@Query() q: ResponsibilityQueryDto): Promise<ResponsibilityListDto> {
    return this.service.list(q);
  }

  @Allow('responsibilities.manage')
  @Put(':key')
  @ApiParam({ name: 'key', example: 'customer-data' })
  @ApiOperation({ summary: 'Name the owner and deputy of a responsibility, creating it or replacing them (cc_manager). Naming what is already there records nothing (changed: false).' })
  @ApiOkResponse({ type: ResponsibilityChangeDto })
  assign(@CurrentUser() user: AuthUser, @Param('key', new KeyPipe()) key: string, @Body() dto: AssignResponsibilityDto): Promise<ResponsibilityChangeDto> {
    return this.service.assign(user, key, dto);
  }
}
