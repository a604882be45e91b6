import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/config/config.js';
import { AppModule } from './app.module.js';
import { serveWebApp } from './web/serve-web.js';
import { mountTemporalCodecCors } from './temporal-codec/temporal-codec.module.js';
import { validationPipeOptions } from './common/validation.js';
import { hardenHttp } from './common/http-hardening.js';
import { ErrorBodyDto } from './common/error-body.dto.js';
import { MetricsService } from './metrics/metrics.service.js';

/** Builds the HTTP application; main.ts listens, the end-to-end tests call the same function. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // X-Forwarded-For only from the configured gateways (TRUST_PROXY); by default from nobody.
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  // First, so every request is timed; served on METRICS_PORT only, never on this app's port.
  if (config.METRICS_PORT) app.use(app.get(MetricsService).middleware);
  app.setGlobalPrefix(...API_PREFIX);
  app.useGlobalPipes(new ValidationPipe(validationPipeOptions));
  hardenHttp(app); // security headers, body limits: before the web app and the routes
  mountTemporalCodecCors(app, config);
  app.enableShutdownHooks();
  serveWebApp(app);

  SwaggerModule.setup('api/docs', app, () => apiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** The routes' prefix; scripts/api-types.ts sets the same one, so its document equals the served one. */
export const API_PREFIX: Parameters<INestApplication['setGlobalPrefix']> = ['api', { exclude: ['health', 'health/ready'] }];

/** The OpenAPI document served at /api/docs-json (and generated into the web app's types by npm run api:types). */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Custodian API')
    .setDescription('Call-center security policy as durable workflows. Clause ids refer to docs/policy.md.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc, { extraModels: [ErrorBodyDto] });
}
