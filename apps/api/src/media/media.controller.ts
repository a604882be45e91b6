import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { uuidParam } from '../common/validation.js';
import { LendMediaDto, MediaDisposalDto, MediaLoanDto, MediaRegisterDto, MediaRegisteredDto, MediaVirusCheckDto, RegisterMediaDto, ReturnMediaDto } from './dto/media.dto.js';
import { MediaService } from './media.service.js';

@ApiTags('media')
@ApiBearerAuth()
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Allow('media.read')
  @Get()
  @ApiOperation({ summary: 'The lending register of machine-room media (INF-6): items and loans, overdue and quarantined ones flagged.' })
  @ApiOkResponse({ type: MediaRegisterDto })
  list(): Promise<MediaRegisterDto> {
    return this.media.list();
  }

  @Allow('media.lend')
  @Post()
  @ApiOperation({ summary: 'Put a machine-room disk, CD, USB drive or tape in the register (site_manager, it); a label is used once.' })
  @ApiCreatedResponse({ type: MediaRegisteredDto })
  register(@CurrentUser() user: AuthUser, @Body() dto: RegisterMediaDto): Promise<MediaRegisteredDto> {
    return this.media.register(user, dto);
  }

  @Allow('media.lend')
  @Post(':itemId/loans')
  @ApiOperation({ summary: 'Lend an available item to a named person, due back at a time, for a purpose (never to yourself); its workflow flags it overdue past the due time.' })
  @ApiCreatedResponse({ type: MediaLoanDto })
  lend(@CurrentUser() user: AuthUser, @Param('itemId', uuidParam('itemId')) itemId: string, @Body() dto: LendMediaDto): Promise<MediaLoanDto> {
    return this.media.lend(user, itemId, dto);
  }

  @Allow('media.read')
  @Get('loans/:loanId')
  @ApiOperation({ summary: 'One loan with its return, virus check and quarantine.' })
  @ApiOkResponse({ type: MediaLoanDto })
  get(@Param('loanId', uuidParam('loanId')) loanId: string): Promise<MediaLoanDto> {
    return this.media.get(loanId);
  }

  @Allow('media.lend')
  @Post('loans/:loanId/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the item back (not by its borrower); it waits for the virus check by IT (INF-6).' })
  @ApiOkResponse({ type: MediaLoanDto })
  return(@CurrentUser() user: AuthUser, @Param('loanId', uuidParam('loanId')) loanId: string, @Body() dto: ReturnMediaDto): Promise<MediaLoanDto> {
    return this.media.return(user, loanId, dto);
  }

  @Allow('media.virusCheck')
  @Post('loans/:loanId/virus-check')
  @HttpCode(200)
  @ApiOperation({ summary: 'IT records the virus check of the returned item (not the borrower): clean closes the loan, infected quarantines the item (INF-6).' })
  @ApiOkResponse({ type: MediaLoanDto })
  virusCheck(@CurrentUser() user: AuthUser, @Param('loanId', uuidParam('loanId')) loanId: string, @Body() dto: MediaVirusCheckDto): Promise<MediaLoanDto> {
    return this.media.virusCheck(user, loanId, dto);
  }

  @Allow('media.virusCheck')
  @Post('loans/:loanId/disposal')
  @HttpCode(200)
  @ApiOperation({ summary: 'IT records the quarantined item cleaned (available again) or destroyed; the loan closes (INF-6).' })
  @ApiOkResponse({ type: MediaLoanDto })
  dispose(@CurrentUser() user: AuthUser, @Param('loanId', uuidParam('loanId')) loanId: string, @Body() dto: MediaDisposalDto): Promise<MediaLoanDto> {
    return this.media.dispose(user, loanId, dto);
  }
}
