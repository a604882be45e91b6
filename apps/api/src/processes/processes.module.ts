import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config.js';
import { IdempotentRequests } from '../common/idempotency-key.js';
import { CONFIG } from '../core/tokens.js';
import { processSettings } from './process-settings.js';
import { StartQuotas } from './start-quotas.service.js';
import { WorkflowGateway } from './workflow-gateway.service.js';

export const PROCESS_SETTINGS = Symbol('PROCESS_SETTINGS');

/** What every process feature shares: the gateway to Temporal, the configured timings, the Idempotency-Key rule, the start quotas. */
@Global()
@Module({
  providers: [WorkflowGateway, IdempotentRequests, StartQuotas, { provide: PROCESS_SETTINGS, inject: [CONFIG], useFactory: (c: AppConfig) => processSettings(c) }],
  exports: [WorkflowGateway, IdempotentRequests, StartQuotas, PROCESS_SETTINGS],
})
export class ProcessesModule {}
