import { Module } from '@nestjs/common';
import { OnboardingsController } from './onboardings.controller.js';
import { OnboardingsService } from './onboardings.service.js';

@Module({ controllers: [OnboardingsController], providers: [OnboardingsService] })
export class OnboardingsModule {}
