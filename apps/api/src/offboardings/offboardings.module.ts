import { Module } from '@nestjs/common';
import { OffboardingsController } from './offboardings.controller.js';
import { OffboardingsService } from './offboardings.service.js';

@Module({ controllers: [OffboardingsController], providers: [OffboardingsService] })
export class OffboardingsModule {}
