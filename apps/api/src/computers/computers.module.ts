import { Module } from '@nestjs/common';
import { ComputersController } from './computers.controller.js';
import { ComputersService } from './computers.service.js';

@Module({ controllers: [ComputersController], providers: [ComputersService] })
export class ComputersModule {}
