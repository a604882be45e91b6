import { Module } from '@nestjs/common';
import { AgentIdsController } from './agent-ids.controller.js';
import { AgentIdsService } from './agent-ids.service.js';

@Module({ controllers: [AgentIdsController], providers: [AgentIdsService] })
export class AgentIdsModule {}
