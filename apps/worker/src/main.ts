import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '../../../libs/config/config.js';
import { createLogger } from '../../../libs/logging/logger.js';
import { PinoNestLogger } from '../../../libs/logging/nest-logger.js';
import { installTemporalLogging } from '../../../libs/logging/temporal-logging.js';
import { freePort } from '../../../libs/runtime/ports.js';
import { requirePayloadKeysOrExit } from '../../../libs/temporal/payload-codec.js';
import { WorkerModule, WorkerService } from './worker.module.js';
import { startWorkerMetrics, type WorkerMetrics } from './worker-metrics.js';

// A Nest application context: dependency injection without an HTTP listener. Scale out by running
// more of these processes; Temporal spreads the task queue across them.
const config = loadConfigOrExit();
requirePayloadKeysOrExit(config); // without it the worker could read nothing Custodian sent
const logger = createLogger(config, 'custodian-worker');
// The SDK core exports its metrics on a loopback port of its own; our listener relays them with ours.
// Runtime.install (inside installTemporalLogging) runs once, here, before any connection or worker.
const coreMetrics = config.WORKER_METRICS_PORT ? `127.0.0.1:${await freePort()}` : undefined;
installTemporalLogging(logger, { prometheusBindAddress: coreMetrics });
let metrics: WorkerMetrics | undefined;
if (config.WORKER_METRICS_PORT && coreMetrics) {
  metrics = await startWorkerMetrics({ ...config, WORKER_METRICS_PORT: config.WORKER_METRICS_PORT }, coreMetrics, (e) => logger.error(`metrics scrape: ${e.message}`));
  logger.info(`metrics on ${metrics.server.url}`);
}
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { onActivityOutcome: metrics?.onActivityOutcome }), {
  logger: new PinoNestLogger(logger),
});
app.enableShutdownHooks();
const service = app.get(WorkerService);
try {
  await service.run(); // resolves after SIGINT/SIGTERM has drained the worker
} finally {
  await app.close();
  await service.closeConnection();
  await metrics?.close();
}
