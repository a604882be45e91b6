import { Module } from '@nestjs/common';
import { HazardsController } from './hazards.controller.js';
import { HazardsService } from './hazards.service.js';

@Module({ controllers: [HazardsController], providers: [HazardsService] })
export class HazardsModule {}
