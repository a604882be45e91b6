import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiExtraModels, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { Authenticated, CurrentUser, Allow } from '../common/auth.decorators.js';
import { uuidParam } from '../common/validation.js';
import { CompleteTaskDto, ReassignedAwayDto, ReassignTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './dto/task.dto.js';
import { TasksService } from './tasks.service.js';

const uuid = uuidParam('id');
const idParam = ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } });

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'My inbox: tasks I may act on, oldest due first.' })
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: TaskQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(user, q);
  }

  @Authenticated()
  @Get(':id')
  @idParam
  @ApiOperation({ summary: 'One task with its context and the earlier decisions of its process.' })
  @ApiOkResponse({ type: TaskDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<TaskDto> {
    return this.tasks.get(user, id);
  }

  @Authenticated()
  @Post(':id/complete')
  @HttpCode(200)
  @idParam
  @ApiOperation({ summary: "Decide or complete a task; the answer is the workflow's." })
  @ApiOkResponse({ type: TaskDto })
  @ApiForbiddenResponse({ description: 'Not yours to decide, or separation of duties.' })
  @ApiConflictResponse({ description: 'Already decided or closed.' })
  complete(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CompleteTaskDto): Promise<TaskDto> {
    return this.tasks.complete(user, id, dto);
  }

  @Authenticated()
  @Post(':id/claim')
  @HttpCode(200)
  @idParam
  @ApiOperation({ summary: 'Take a task offered to my role, so nobody else works on it.' })
  @ApiOkResponse({ type: TaskDto })
  claim(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<TaskDto> {
    return this.tasks.claim(user, id);
  }

  @Authenticated()
  @Post(':id/unclaim')
  @HttpCode(200)
  @idParam
  @ApiOperation({ summary: 'Give a claimed task back to its role (the claimant, or a supervisor and above).' })
  @ApiOkResponse({ type: TaskDto })
  unclaim(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<TaskDto> {
    return this.tasks.unclaim(user, id);
  }

  @Allow('tasks.reassign')
  @Post(':id/reassign')
  @HttpCode(200)
  @idParam
  @ApiOperation({
    summary: 'Give a task of my scope to a person eligible in its scope (supervisor of its department, leadership, cc_manager).',
    description: 'Nobody barred from the task (the requester, an earlier decider) may reassign it (SEPARATION_OF_DUTIES). When the task leaves the caller\'s sight the answer is 200 with { reassigned, visible: false }.',
  })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(TaskDto) }, { $ref: getSchemaPath(ReassignedAwayDto) }] } })
  @ApiExtraModels(ReassignedAwayDto)
  reassign(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReassignTaskDto): Promise<TaskDto | ReassignedAwayDto> {
    return this.tasks.reassign(user, id, dto);
  }
}
