import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../common/auth.decorators.js';
import { DutiesService } from './duties.service.js';
import { DutiesDto, DutiesQueryDto } from './dto/duties.dto.js';

@ApiTags('duties')
@ApiBearerAuth()
@Controller('duties')
export class DutiesController {
  constructor(private readonly duties: DutiesService) {}

  @Allow('duties.read')
  @Get()
  @ApiOperation({ summary: "The recurring duties and each one's occurrence on a date (EQ-6: the machine room's end-of-day power-off check): open, late, completed or missed." })
  @ApiOkResponse({ type: DutiesDto })
  day(@Query() q: DutiesQueryDto): Promise<DutiesDto> {
    return this.duties.day(q.date);
  }
}
