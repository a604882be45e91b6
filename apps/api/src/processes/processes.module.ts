import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config.js';
import { CONFIG } from '../core/tokens.js';
import { processSettings } from './process-settings.js';
import { WorkflowGateway } from './workflow-gateway.service.js';

export const PROCESS_SETTINGS = Symbol('PROCESS_SETTINGS');

/** What every process feature shares: the gateway to Temporal and the configured timings. */
@Global()
@Module({
  providers: [WorkflowGateway, { provide: PROCESS_SETTINGS, inject: [CONFIG], useFactory: (c: AppConfig) => processSettings(c) }],
  exports: [WorkflowGateway, PROCESS_SETTINGS],
})
export class ProcessesModule {}
