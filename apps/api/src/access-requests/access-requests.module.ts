import { Module } from '@nestjs/common';
import { AccessRequestsController, EmergencyController } from './access-requests.controller.js';
import { AccessRequestsService } from './access-requests.service.js';
import { EmergencyService } from './emergency.service.js';

@Module({ controllers: [AccessRequestsController, EmergencyController], providers: [AccessRequestsService, EmergencyService] })
export class AccessRequestsModule {}
