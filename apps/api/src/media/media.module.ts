import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module.js';
import { MediaController } from './media.controller.js';
import { MediaService } from './media.service.js';

@Module({ imports: [TasksModule], controllers: [MediaController], providers: [MediaService] })
export class MediaModule {}
