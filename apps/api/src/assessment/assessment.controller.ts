import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Allow, CurrentUser } from '../common/auth.decorators.js';
import { AssessmentService } from './assessment.service.js';
import { AssessmentDto, AssessmentItemPageDto, AssessmentItemsQueryDto, AssessmentQueryDto } from './dto/assessment.dto.js';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller()
export class AssessmentController {
  constructor(private readonly assessment: AssessmentService) {}

  @Allow('assessment.read')
  @Get('assessment')
  @ApiOperation({
    summary:
      'The assessment report (policy preamble): every required step and duty due in the period, on time, late, missed or open, with rates, per department, per person and per week, within the caller’s scope.',
  })
  @ApiOkResponse({ type: AssessmentDto })
  summary(@CurrentUser() user: AuthUser, @Query() q: AssessmentQueryDto): Promise<AssessmentDto> {
    return this.assessment.summary(user, q);
  }

  @Allow('assessment.read')
  @Get('assessment/items')
  @ApiOperation({ summary: 'The items behind the report (drill-down), by due time, paged; narrowed by department, person, outcome or kind.' })
  @ApiOkResponse({ type: AssessmentItemPageDto })
  items(@CurrentUser() user: AuthUser, @Query() q: AssessmentItemsQueryDto): Promise<AssessmentItemPageDto> {
    return this.assessment.items(user, q);
  }

  @Allow('assessment.read')
  @Get('assessment.csv')
  @ApiOperation({ summary: 'The report as CSV (UTF-8 with BOM): one row per department, person, week and the total; the first column names the view.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  csv(@CurrentUser() user: AuthUser, @Query() q: AssessmentQueryDto): Promise<StreamableFile> {
    return this.assessment.csv(user, q);
  }

  @Allow('assessment.read')
  @Get('assessment.xlsx')
  @ApiOperation({ summary: 'The report as an Excel workbook: one sheet per view (departments, people, weeks, items).' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  xlsx(@CurrentUser() user: AuthUser, @Query() q: AssessmentQueryDto): Promise<StreamableFile> {
    return this.assessment.xlsx(user, q);
  }
}
