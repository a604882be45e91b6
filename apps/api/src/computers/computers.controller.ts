import { BadRequestException, Body, Controller, Get, Param, Post, Put, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { COMPUTER_TAG } from '../../../../libs/policy/computers.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { ComputersService } from './computers.service.js';
import { ComputerChangeDto, ComputerCheckResultDto, ComputerHistoryDto, ComputerListDto, RecordCheckDto, RegisterComputerDto } from './dto/computer.dto.js';

/** An asset tag; the 400 says what one looks like. */
class TagPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!COMPUTER_TAG.test(value)) throw new BadRequestException(['tag must be 2-32 upper-case letters, digits or dashes, e.g. MR-PC-07']);
    return value;
  }
}

@ApiTags('computers')
@ApiBearerAuth()
@Controller('computers')
export class ComputersController {
  constructor(private readonly computers: ComputersService) {}

  @Allow('computers.read')
  @Get()
  @ApiOperation({ summary: 'The machine-room computers (INF-6): each lock check with who and when, flagged when one is missing or failed, and the USB unlock or Internet grant in force for the person at it.' })
  @ApiOkResponse({ type: ComputerListDto })
  list(): Promise<ComputerListDto> {
    return this.computers.list();
  }

  @Allow('computers.read')
  @Get(':tag/history')
  @ApiParam({ name: 'tag', example: 'MR-PC-07' })
  @ApiOperation({ summary: 'A computer\'s history: every registration and lock check, with who and when, newest first (INF-6).' })
  @ApiOkResponse({ type: ComputerHistoryDto })
  history(@Param('tag', new TagPipe()) tag: string): Promise<ComputerHistoryDto> {
    return this.computers.history(tag);
  }

  @Allow('computers.manage')
  @Put(':tag')
  @ApiParam({ name: 'tag', example: 'MR-PC-07' })
  @ApiOperation({ summary: 'Put a computer in the inventory or change its room or user (it). The same again records nothing.' })
  @ApiOkResponse({ type: ComputerChangeDto })
  register(@CurrentUser() user: AuthUser, @Param('tag', new TagPipe()) tag: string, @Body() dto: RegisterComputerDto): Promise<ComputerChangeDto> {
    return this.computers.register(user, tag, dto);
  }

  @Allow('computers.manage')
  @Post(':tag/checks')
  @ApiParam({ name: 'tag', example: 'MR-PC-07' })
  @ApiOperation({ summary: 'Record a check of USB blocked, Internet blocked or BIOS password set (it); the caller and the time are recorded.' })
  @ApiOkResponse({ type: ComputerCheckResultDto })
  check(@CurrentUser() user: AuthUser, @Param('tag', new TagPipe()) tag: string, @Body() dto: RecordCheckDto): Promise<ComputerCheckResultDto> {
    return this.computers.check(user, tag, dto);
  }
}
