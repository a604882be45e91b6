import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '../../../libs/config/config.js';
import { createLogger } from '../../../libs/logging/logger.js';
import { PinoNestLogger } from '../../../libs/logging/nest-logger.js';
import { installTemporalLogging } from '../../../libs/logging/temporal-logging.js';
import { requirePayloadKeysOrExit } from '../../../libs/temporal/payload-codec.js';
import { WorkerModule, WorkerService } from './worker.module.js';

// A Nest application context: dependency injection without an HTTP listener. Scale out by running
// more of these processes; Temporal spreads the task queue across them.
const config = loadConfigOrExit();
requirePayloadKeysOrExit(config); // without it the worker could read nothing Custodian sent
const logger = createLogger(config, 'custodian-worker');
installTemporalLogging(logger);
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new PinoNestLogger(logger),
});
app.enableShutdownHooks();
const service = app.get(WorkerService);
try {
  await service.run(); // resolves after SIGINT/SIGTERM has drained the worker
} finally {
  await app.close();
  await service.closeConnection();
}
