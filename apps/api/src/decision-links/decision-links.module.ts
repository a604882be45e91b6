import { Module } from '@nestjs/common';
import { DecisionLinksController } from './decision-links.controller.js';
import { DecisionLinksService } from './decision-links.service.js';

/** Decision links from task mails (libs/policy/decision-links.ts). */
@Module({ controllers: [DecisionLinksController], providers: [DecisionLinksService] })
export class DecisionLinksModule {}
