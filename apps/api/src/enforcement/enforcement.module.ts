import { Module } from '@nestjs/common';
import { EnforcementController } from './enforcement.controller.js';
import { EnforcementService } from './enforcement.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

@Module({ controllers: [EnforcementController, WebhooksController], providers: [EnforcementService, WebhooksService] })
export class EnforcementModule {}
