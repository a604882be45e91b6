import { Module } from '@nestjs/common';
import { WebConfigController } from './web-config.controller.js';

/** What the API offers the web app beyond the domain routes: its settings (the static files are served in app.ts). */
@Module({ controllers: [WebConfigController] })
export class WebModule {}
